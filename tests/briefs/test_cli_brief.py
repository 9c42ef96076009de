"""`intake brief schema` and `intake brief show`."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.cli import brief as brief_cli
from application.cli.brief import brief_app
from application.settings import Settings
from assistant.decision.brief import NeedsBrief

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
    def load(settings: Settings, case_id: str) -> NeedsBrief:
        if case_id != korean_brief.case_id:
            raise brief_cli.CaseNotFound(case_id)
        return korean_brief

    monkeypatch.setattr(brief_cli, "load_case_brief", load)
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
