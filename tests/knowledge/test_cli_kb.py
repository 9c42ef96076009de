"""`intake kb validate|export|import|reindex` through the real command."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.cli import app
from knowledge.loader import DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR, load_knowledge_base

runner = CliRunner()


@pytest.fixture
def kb_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    entries = tmp_path / "entries"
    shutil.copytree(DEFAULT_ENTRIES_DIR, entries)
    monkeypatch.setenv("INTAKE_KNOWLEDGE_DIR", str(entries))
    monkeypatch.setenv("INTAKE_DATA_DIR", str(tmp_path / "data"))
    return entries


def test_validate_clean(kb_copy: Path) -> None:
    result = runner.invoke(app, ["kb", "validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: ")


def test_validate_reports_file_field_message_and_fails(kb_copy: Path) -> None:
    path = kb_copy / "programs" / "innovation-mentor.yaml"
    path.write_text(path.read_text("utf-8").replace("kind: program", "kind: service"), "utf-8")
    result = runner.invoke(app, ["kb", "validate"])
    assert result.exit_code == 1
    assert "entries/programs/innovation-mentor.yaml: kind: Input should be 'program' or 'vendor'" in result.output
    # The broken entry now counts as missing too.
    assert "program:innovation-mentor: required entry is missing" in result.output


def test_export_import_round_trip(kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exported = tmp_path / "kb.jsonl"
    assert runner.invoke(app, ["kb", "export", str(exported)]).exit_code == 0
    lines = exported.read_text("utf-8").splitlines()
    original, _ = load_knowledge_base(kb_copy, DEFAULT_SEEDS_DIR)
    assert len(lines) == len(original.entries)
    assert {json.loads(line)["slug"] for line in lines} == {e.slug for e in original.entries.values()}

    empty = tmp_path / "imported"
    empty.mkdir()
    monkeypatch.setenv("INTAKE_KNOWLEDGE_DIR", str(empty))
    result = runner.invoke(app, ["kb", "import", str(exported)])
    assert result.exit_code == 0, result.output
    again, problems = load_knowledge_base(empty, DEFAULT_SEEDS_DIR)
    assert problems == []
    assert again.entries == original.entries
    assert again.version == original.version


def test_import_refuses_invalid_lines_and_writes_nothing(kb_copy: Path, tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    good = json.loads(runner.invoke(app, ["kb", "export"]).output.splitlines()[0])
    invented = [{"seed": good["sources"][0]["seed"], "quote": "지어낸 문장입니다 정말로요"}]
    bad = dict(good, slug="new-entry", sources=invented)
    source.write_text(json.dumps(bad, ensure_ascii=False) + "\n{not json\n", "utf-8")
    before = sorted(p.name for p in kb_copy.rglob("*.yaml"))
    result = runner.invoke(app, ["kb", "import", str(source)])
    assert result.exit_code == 1
    assert f"{source}:1: sources.0.quote: quote does not occur in the seed" in result.output
    assert f"{source}:2: (entry): Invalid JSON" in result.output
    assert sorted(p.name for p in kb_copy.rglob("*.yaml")) == before


def test_import_replace_removes_entries_not_in_file(kb_copy: Path, tmp_path: Path) -> None:
    exported = tmp_path / "kb.jsonl"
    runner.invoke(app, ["kb", "export", str(exported)])
    lines = exported.read_text("utf-8").splitlines()
    exported.write_text("\n".join(lines[:-1]) + "\n", "utf-8")
    result = runner.invoke(app, ["kb", "import", "--replace", str(exported)])
    assert result.exit_code == 0, result.output
    assert "removed 1" in result.output
    kb, _ = load_knowledge_base(kb_copy, DEFAULT_SEEDS_DIR)
    assert len(kb.entries) == len(lines) - 1
