"""`intake brief schema` and `intake brief show`."""

import getpass
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.cases.errors import CaseNotFound
from application.cli import brief as brief_cli
from application.cli.brief import brief_app
from application.privacy.access_log import AccessKind
from application.runtime import Runtime
from application.settings import Settings
from assistant.decision.brief import NeedsBrief
from tests.casework.helpers import run_intake

CONTRACT_FIELDS = [
    "schema_version", "case_id", "session_id", "lang", "created_at", "kb_version", "partner", "company", "slots",
    "goals_and_pains", "readiness", "programs", "vendors", "mentors", "unknowns", "urgency", "contact", "consent",
]


def test_schema_prints_the_json_schema() -> None:
    result = CliRunner().invoke(brief_app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert [f for f in CONTRACT_FIELDS if f not in schema["properties"]] == []
    assert schema["title"] == "NeedsBrief"


def test_show_an_unknown_case_fails_clearly(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_DATA_DIR", str(settings.data_dir))
    result = CliRunner().invoke(brief_app, ["show", "no-such-case"])
    assert result.exit_code == 1
    assert "No case with id 'no-such-case'." in result.output


@pytest.fixture
def stored(korean_brief: NeedsBrief, monkeypatch: pytest.MonkeyPatch) -> NeedsBrief:
    def load(settings: Settings, case_id: str, what: AccessKind) -> NeedsBrief:
        if case_id != korean_brief.case_id:
            raise CaseNotFound(case_id)
        return korean_brief

    monkeypatch.setattr(brief_cli, "view_case_brief", load)
    return korean_brief


def test_show_in_each_format(stored: NeedsBrief, tmp_path: Path) -> None:
    runner = CliRunner()
    as_json = runner.invoke(brief_app, ["show", "case-render"])
    assert as_json.exit_code == 0 and NeedsBrief.model_validate_json(as_json.stdout) == stored
    as_html = runner.invoke(brief_app, ["show", "case-render", "--format", "html", "--lang", "en"])
    assert as_html.exit_code == 0 and '<html lang="en">' in as_html.stdout and "한빛정밀" in as_html.stdout
    target = tmp_path / "brief.pdf"
    as_pdf = runner.invoke(brief_app, ["show", "case-render", "--format", "pdf", "--output", str(target)])
    assert as_pdf.exit_code == 0, as_pdf.output
    assert target.read_bytes().startswith(b"%PDF-")
    bad = runner.invoke(brief_app, ["show", "case-render", "--format", "docx"])
    assert bad.exit_code == 2


def test_showing_a_brief_writes_the_access_log_as_the_os_user(runtime: Runtime, settings: Settings,
                                                             monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The brief holds the owner's contact data; the command line has no account, so the log
    names `cli` and the OS user, as the web names the signed-in user."""
    monkeypatch.setenv("INTAKE_DATA_DIR", str(settings.data_dir))
    case_id = runtime.cases.case_for_session(run_intake(runtime.chat))
    assert case_id is not None
    runner = CliRunner()
    shown = runner.invoke(brief_app, ["show", case_id])
    assert shown.exit_code == 0 and NeedsBrief.model_validate_json(shown.stdout).contact.email
    as_pdf = runner.invoke(brief_app, ["show", case_id, "--format", "pdf", "--output", str(tmp_path / "b.pdf")])
    assert as_pdf.exit_code == 0, as_pdf.output
    entries = runtime.access_log.entries(case_id=case_id)
    assert [(e.user_id, e.user_name, e.what) for e in entries] == [
        ("cli", getpass.getuser(), AccessKind.brief_pdf), ("cli", getpass.getuser(), AccessKind.brief_view)]
    assert runner.invoke(brief_app, ["show", "no-such-case"]).exit_code == 1
    assert runtime.access_log.entries(case_id="no-such-case") == []
