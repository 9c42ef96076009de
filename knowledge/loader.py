"""Reads the entry files, validates them and reports every problem as `file: field: message`."""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.schema import Entry

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_ENTRIES_DIR = PACKAGE_DIR / "entries"
DEFAULT_SEEDS_DIR = PACKAGE_DIR / "seeds"


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class KnowledgeBaseError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class KnowledgeBase:
    entries: dict[str, Entry]
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def version(self) -> str:
        """Names this exact content; a brief records it so it can say what it was made from."""
        digest = hashlib.sha256()
        for entry_id in sorted(self.entries):
            digest.update(entry_id.encode())
            digest.update(self.entries[entry_id].content_hash().encode())
        return digest.hexdigest()[:12]

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]


def entry_files(entries_dir: Path) -> Iterator[Path]:
    yield from sorted(entries_dir.rglob("*.yaml"))


Model = TypeVar("Model", bound=BaseModel)


def validation_problems(file: str, error: ValidationError, whole: str = "(entry)") -> Iterator[Problem]:
    """One problem per failed field; `whole` names a failure of the record as a whole."""
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or whole
        yield Problem(file, where, item["msg"])


def parse_model_file(path: Path, root: Path, model: type[Model]) -> tuple[Model | None, list[Problem]]:
    """One YAML file as `model`, its problems named by file and field. A file must be named
    after the slug it defines, so staff find an entry where they expect it."""
    name = str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [Problem(name, "(file)", f"not valid YAML: {exc}".splitlines()[0])]
    if not isinstance(data, dict):
        return None, [Problem(name, "(file)", "expected a mapping of fields")]
    try:
        item = model.model_validate(data)
    except ValidationError as exc:
        return None, list(validation_problems(name, exc))
    slug = getattr(item, "slug", None)
    if slug is not None and path.stem != slug:
        return item, [Problem(name, "slug", f"file name must be '{slug}.yaml'")]
    return item, []


def parse_entry_file(path: Path, root: Path) -> tuple[Entry | None, list[Problem]]:
    return parse_model_file(path, root, Entry)


def check_sources(entry: Entry, file: str, seeds_dir: Path) -> Iterator[Problem]:
    for index, source in enumerate(entry.sources):
        seed_path = seeds_dir / source.seed
        if not seed_path.is_file():
            yield Problem(file, f"sources.{index}.seed", f"no seed file '{source.seed}'")
        elif source.quote not in seed_path.read_text(encoding="utf-8"):
            yield Problem(file, f"sources.{index}.quote", "quote does not occur in the seed")


def validate_entries(
    pairs: Iterable[tuple[str, Entry]], seeds_dir: Path
) -> tuple[dict[str, Entry], dict[str, str], list[Problem]]:
    """Checks what a single entry cannot know about itself: unique ids and real quotes."""
    entries: dict[str, Entry] = {}
    origins: dict[str, str] = {}
    problems: list[Problem] = []
    for file, entry in pairs:
        if entry.id in entries:
            problems.append(Problem(file, "slug", f"'{entry.id}' is also defined in {origins[entry.id]}"))
            continue
        entries[entry.id] = entry
        origins[entry.id] = file
        problems.extend(check_sources(entry, file, seeds_dir))
    return entries, origins, problems


def load_knowledge_base(
    entries_dir: Path = DEFAULT_ENTRIES_DIR,
    seeds_dir: Path = DEFAULT_SEEDS_DIR,
    *,
    strict: bool = True,
) -> tuple[KnowledgeBase, list[Problem]]:
    """Loads every entry file. With `strict`, any problem raises; otherwise valid entries load
    and the problems are returned alongside."""
    parsed: list[tuple[str, Entry]] = []
    paths: dict[str, Path] = {}
    problems: list[Problem] = []
    for path in entry_files(entries_dir):
        entry, file_problems = parse_entry_file(path, entries_dir)
        problems.extend(file_problems)
        if entry is not None:
            name = str(path.relative_to(entries_dir.parent))
            parsed.append((name, entry))
            paths[entry.id] = path
    entries, _, more = validate_entries(parsed, seeds_dir)
    problems.extend(more)
    if strict and problems:
        raise KnowledgeBaseError(problems)
    return KnowledgeBase(entries=entries, files=paths), problems
