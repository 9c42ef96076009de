"""`intake partners …` against a fresh SQLite database in a temporary folder."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.cli import app
from application.cli.partners import open_partners
from application.settings import Settings

Invoke = Callable[..., tuple[int, str, str]]


@pytest.fixture
def invoke(tmp_path: Path) -> Invoke:
    runner = CliRunner()
    env = {"INTAKE_DATA_DIR": str(tmp_path)}

    def run(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(app, ["partners", *args], env=env)
        return result.exit_code, result.stdout, result.stderr

    return run


ADD = ["add", "daejeon-portal", "--name", "대전 기업지원 포털", "--title", "디지털전환 상담",
       "--greeting", "무엇이 고민이세요?", "--title-en", "Digital consultation", "--greeting-en", "How can we help?",
       "--colour", "#0a7c59", "--origin", "https://portal.example.kr/", "--origin", "http://localhost:8080"]


def test_add_list_show_disable_enable_remove(invoke: Invoke, tmp_path: Path) -> None:
    code, out, _ = invoke(*ADD)
    assert code == 0, out
    assert "daejeon-portal" in out

    stored = open_partners(Settings(data_dir=tmp_path, _env_file=None)).get("daejeon-portal")
    assert stored is not None
    assert stored.allowed_origins == ["https://portal.example.kr", "http://localhost:8080"]
    assert (stored.title, stored.greeting_en, stored.colour, stored.active) == (
        "디지털전환 상담", "How can we help?", "#0a7c59", True)

    code, out, _ = invoke("list")
    assert code == 0 and out.splitlines() == [
        "daejeon-portal\tactive\t대전 기업지원 포털\thttps://portal.example.kr http://localhost:8080"]

    code, out, _ = invoke("show", "daejeon-portal")
    assert code == 0 and json.loads(out)["greeting"] == "무엇이 고민이세요?"

    assert invoke("disable", "daejeon-portal")[0] == 0
    assert json.loads(invoke("show", "daejeon-portal")[1])["active"] is False
    assert "disabled" in invoke("list")[1]
    assert invoke("enable", "daejeon-portal")[0] == 0
    assert json.loads(invoke("show", "daejeon-portal")[1])["active"] is True

    code, _, err = invoke(*ADD)
    assert code == 1 and "--replace" in err
    code, out, _ = invoke(*ADD[:-4], "--origin", "https://new.example.kr", "--replace")
    assert code == 0 and "Replaced" in out
    assert json.loads(invoke("show", "daejeon-portal")[1])["allowed_origins"] == ["https://new.example.kr"]

    assert invoke("remove", "daejeon-portal")[0] == 0
    assert invoke("list")[1] == ""
    for command in ("show", "remove", "disable", "enable"):
        code, _, err = invoke(command, "daejeon-portal")
        assert code == 1 and "No partner 'daejeon-portal'" in err


def test_bad_input_is_named_by_its_option(invoke: Invoke) -> None:
    base = ADD[:12]
    code, _, err = invoke(*base, "--origin", "https://portal.example.kr/apply")
    assert code == 2 and "--origin" in err and "https://portal.example.kr/apply" in err and "no path" in err
    code, _, err = invoke(*base, "--origin", "portal.example.kr")
    assert code == 2 and "--origin" in err
    code, _, err = invoke(*base, "--colour", "blue", "--origin", "https://a.example")
    assert code == 2 and "--colour" in err and "#1f5fbf" in err
    code, _, err = invoke("add", "Bad Key!", *ADD[2:])
    assert code == 2 and "KEY" in err and "lower-case" in err
    code, _, err = invoke(*ADD[:8])
    assert code == 2 and "--origin" in err
    assert invoke("list")[1] == ""
