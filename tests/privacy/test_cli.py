"""`intake privacy purge` and `intake privacy access-log` through the real command, on both
databases."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from application.cli import app
from application.privacy.access_log import AccessKind, AccessLog
from tests.privacy.conftest import EMAIL, Store
from tests.privacy.test_purge import as_text, case_data


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("INTAKE_DATABASE_URL", database_url)
    monkeypatch.setenv("INTAKE_CONTACT_RETENTION_DAYS", "365")


def test_purge_from_cron(store: Store, cli_env: None) -> None:
    closed_at = datetime(2026, 1, 5, 12, tzinfo=UTC)
    case_id = store.make_case()
    store.close_case(case_id, status="closed", closed_at=closed_at)
    runner = CliRunner()

    too_early = runner.invoke(app, ["privacy", "purge", "--dry-run", "--now", "2026-12-31T00:00:00+09:00"])
    assert too_early.exit_code == 0, too_early.output
    assert f"case {case_id}" not in too_early.output

    dry = runner.invoke(app, ["privacy", "purge", "--dry-run", "--now", "2027-01-06"])
    assert dry.exit_code == 0, dry.output
    lines = dry.output.splitlines()
    assert lines[0] == f"case {case_id}: contact data"
    assert lines[-1].startswith("privacy purge at 2027-01-06T00:00:00+00:00: would purge contact data of 1 case(s)")
    assert EMAIL in as_text(case_data(store.writer, case_id))

    done = runner.invoke(app, ["privacy", "purge", "--now", "2027-01-06"])
    assert done.exit_code == 0, done.output
    assert done.output.count("\n") == 1
    assert "purged contact data of 1 case(s)" in done.output
    assert EMAIL not in as_text(case_data(store.writer, case_id))

    again = runner.invoke(app, ["privacy", "purge", "--now", "2027-01-06"])
    assert again.exit_code == 0 and "purged contact data of 0 case(s)" in again.output


def test_a_bad_moment_is_refused(cli_env: None) -> None:
    result = CliRunner().invoke(app, ["privacy", "purge", "--now", "next tuesday"])
    assert result.exit_code == 2
    assert "not an ISO date" in result.output


def test_access_log_listing(factory: sessionmaker[Session], cli_env: None) -> None:
    log = AccessLog(factory)
    t0 = datetime(2026, 5, 1, 9, tzinfo=UTC)
    log.record(user_id="u1", user_email="mentor@agency.kr", user_name="이멘토", case_id="case-a",
               what=AccessKind.contact_view, at=t0, client_address="203.0.113.7")
    log.record(user_id="u2", user_email="lead@agency.kr", case_id="case-b", what=AccessKind.brief_pdf,
               at=t0 + timedelta(days=3))
    runner = CliRunner()

    by_case = runner.invoke(app, ["privacy", "access-log", "--case", "case-a"])
    assert by_case.exit_code == 0, by_case.output
    assert by_case.output.splitlines() == [
        "2026-05-01T09:00:00+00:00\tmentor@agency.kr (이멘토)\tcase-a\tcontact_view\t203.0.113.7"]
    by_user = runner.invoke(app, ["privacy", "access-log", "--user", "Lead@Agency.kr", "--json"])
    assert [json.loads(line)["case_id"] for line in by_user.output.splitlines()] == ["case-b"]
    since = runner.invoke(app, ["privacy", "access-log", "--since", "2026-05-02"])
    assert [line.split("\t")[2] for line in since.output.splitlines()] == ["case-b"]
    assert runner.invoke(app, ["privacy", "access-log", "--since", "2026-06-01"]).output == ""
