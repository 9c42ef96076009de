"""`intake chat` in the terminal, driven through the real command."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.cli import app
from application.settings import Settings


def test_chat_in_the_terminal(settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INTAKE_DATA_DIR", str(settings.data_dir))
    result = CliRunner().invoke(app, ["chat"], input="대전에서 직원 25명으로 금형 만드는 회사입니다\n1\n\n")
    assert result.exit_code == 0, result.output
    assert "지역 대전" in result.output
    assert "네, 건너뛸게요." in result.output


def test_chat_in_english(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_DATA_DIR", str(settings.data_dir))
    result = CliRunner().invoke(app, ["chat", "--lang", "en"], input="What is DaaS?\n\n")
    assert result.exit_code == 0, result.output
    assert "Hello!" in result.output
    assert "Source:" in result.output
