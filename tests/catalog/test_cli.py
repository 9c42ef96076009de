"""The command line serves the same knowledge base as the service: `intake kb export` and
`intake kb reindex` include the edits saved on the admin pages."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.catalog.versions import Action, ItemKind, append
from application.cli import app
from application.settings import Settings
from application.store.database import make_engine, session_factory
from application.store.migrate import upgrade_database
from knowledge.loader import DEFAULT_SEEDS_DIR
from knowledge.transfer import parse_jsonl
from tests.catalog.conftest import STAFF, shipped_entry


def test_export_includes_saved_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_DATA_DIR", str(tmp_path / "data"))
    url = Settings(_env_file=None).effective_database_url
    upgrade_database(url)
    database = make_engine(url)
    data = shipped_entry("program:daejeon-startup96")
    original = shipped_entry("program:daejeon-startup96")
    data["summary"]["ko"] = "명령줄 내보내기에도 들어가는 수정본 요약이에요."
    with session_factory(database).begin() as db:
        append(db, kind=ItemKind.ENTRY, item_id="program:daejeon-startup96", content=data, action=Action.EDIT,
               author=STAFF, original=original)
    database.dispose()
    out = tmp_path / "kb.jsonl"
    result = CliRunner().invoke(app, ["kb", "export", str(out)])
    assert result.exit_code == 0, result.output
    entries, problems = parse_jsonl(out.read_text("utf-8"), "kb.jsonl", DEFAULT_SEEDS_DIR)
    assert problems == []
    assert {e.id: e for e in entries}["program:daejeon-startup96"].summary.ko == data["summary"]["ko"]
