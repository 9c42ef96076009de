"""`intake eval conversations CASES --llm`: the same figures with the configured model, plus how
often it was consulted, used and refused. The plumbing only, with langchain-core's fake chat
model standing in for the configured one (never a real model, never the held-out sets)."""

import json
from pathlib import Path

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from typer.testing import CliRunner

import application.llm.service
from application.cli import app
from application.settings import Settings
from tests.assistant.test_evaluation import BASE

CASE = {"id": "llm-1", "lang": "ko", "answers": {**BASE, "company.employees": "식구가 열둘쯤 돼요"},
        "rephrase": {"company.employees": "네 맞아요"}, "expect": {"slots": {"company.employees": 12}}}
REPLY = json.dumps({"commands": [{"kind": "set_slot", "slot": "company.employees", "value": 12, "quote": "열둘쯤"},
                                 {"kind": "set_slot", "slot": "consent.privacy", "value": True, "quote": "열둘쯤"}]},
                   ensure_ascii=False)


@pytest.fixture
def cases(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INTAKE_DATA_DIR", str(settings.data_dir))
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(CASE, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["eval", "conversations", *args, "--json"])
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def test_with_the_model_its_consultations_and_refusals_are_counted(cases: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_LLM", "openai")
    monkeypatch.setenv("INTAKE_LLM_MODEL", "stand-in")

    def fake(settings: Settings) -> BaseChatModel:
        return FakeListChatModel(responses=[REPLY])

    monkeypatch.setattr(application.llm.service, "build_chat_model", fake)
    with_model = run(str(cases), "--llm")
    assert with_model["slot_accuracy"] == 1.0 and with_model["passed"] == 1
    consulted = with_model["model_consulted"]
    assert isinstance(consulted, int) and consulted >= 1
    refused = with_model["model_refused"]
    assert with_model["model_used"] == 1 and isinstance(refused, int) and refused >= consulted
    # Without --llm the rules alone, though a model is configured.
    rules = run(str(cases))
    assert (rules["model_consulted"], rules["slot_accuracy"]) == (0, 0.0)


def test_llm_needs_a_configured_model(cases: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "conversations", str(cases), "--llm"])
    assert result.exit_code != 0 and "INTAKE_LLM" in result.output
