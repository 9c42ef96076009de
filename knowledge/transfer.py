"""JSON Lines import and export, and writing entries back as the YAML files staff edit."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.loader import KnowledgeBase, Problem, validate_entries, validation_problems
from knowledge.schema import Entry

KIND_FOLDERS = {"program": "programs", "vendor": "vendors"}


def to_jsonl(kb: KnowledgeBase) -> Iterator[str]:
    for entry_id in sorted(kb.entries):
        yield json.dumps(kb.entries[entry_id].model_dump(mode="json"), ensure_ascii=False)


def parse_jsonl(text: str, name: str, seeds_dir: Path) -> tuple[list[Entry], list[Problem]]:
    problems: list[Problem] = []
    parsed: list[tuple[str, Entry]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            entry = Entry.model_validate_json(line)
        except ValidationError as exc:
            problems.extend(validation_problems(where, exc))
            continue
        parsed.append((where, entry))
    entries, _, more = validate_entries(parsed, seeds_dir)
    return list(entries.values()), problems + more


def entry_yaml(entry: Entry) -> str:
    data: dict[str, Any] = entry.model_dump(mode="json", exclude_defaults=True)
    data = {"slug": entry.slug, "kind": entry.kind, **data}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def entry_path(entries_dir: Path, entry: Entry) -> Path:
    return entries_dir / KIND_FOLDERS[entry.kind] / f"{entry.slug}.yaml"


def write_entry(entries_dir: Path, entry: Entry) -> Path:
    """Writes through a temporary file so a crash never leaves a half-written entry."""
    path = entry_path(entries_dir, entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".yaml.tmp")
    temporary.write_text(entry_yaml(entry), encoding="utf-8")
    temporary.replace(path)
    return path
