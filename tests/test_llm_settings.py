"""INTAKE_LLM: off unless configured, and the chat model built from settings through
langchain-core's interface with the provider package loaded only when chosen. Nothing here
calls an endpoint: building a client sends nothing."""

import socket

import pytest
from langchain_core.language_models import BaseChatModel
from pydantic import ValidationError

from application.llm import build_chat_model, model_assist
from application.settings import Settings
from assistant.engine import Engine
from assistant.events import ModelConsulted
from tests.assistant.conftest import Chat
from tests.assistant.test_policy import ENGINE


def test_off_by_default_builds_nothing() -> None:
    settings = Settings(_env_file=None)
    assert settings.llm == "off" and build_chat_model(settings) is None and model_assist(settings) is None


def test_a_backend_needs_a_model_name_and_an_http_url() -> None:
    with pytest.raises(ValidationError, match="INTAKE_LLM_MODEL"):
        Settings(llm="openai", _env_file=None)
    with pytest.raises(ValidationError, match="INTAKE_LLM_URL"):
        Settings(llm="ollama", llm_model="qwen2.5:7b", llm_url="file:///etc/passwd", _env_file=None)


def test_an_openai_compatible_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_LLM", "openai")
    monkeypatch.setenv("INTAKE_LLM_URL", "http://127.0.0.1:8000/v1")
    monkeypatch.setenv("INTAKE_LLM_MODEL", "Qwen/Qwen2.5-7B-Instruct")
    monkeypatch.setenv("INTAKE_LLM_API_KEY", "sk-very-secret")
    monkeypatch.setenv("INTAKE_LLM_TIMEOUT_SECONDS", "3")
    settings = Settings(_env_file=None)
    assert "sk-very-secret" not in repr(settings) and "sk-very-secret" not in settings.model_dump_json()
    from langchain_openai import ChatOpenAI

    model = build_chat_model(settings)
    assert isinstance(model, ChatOpenAI) and isinstance(model, BaseChatModel)
    assert (model.model_name, model.openai_api_base, model.max_retries, model.request_timeout) == (
        "Qwen/Qwen2.5-7B-Instruct", "http://127.0.0.1:8000/v1", 0, 3.0)
    assert model.model_kwargs == {"response_format": {"type": "json_object"}}
    assist = model_assist(settings)
    assert assist is not None
    assert (assist.name, assist.timeout_seconds, assist.send_free_text, assist.phrasing) == (
        "openai:Qwen/Qwen2.5-7B-Instruct", 3.0, True, False)


def test_ollama_without_free_text_and_with_phrasing() -> None:
    settings = Settings(llm="ollama", llm_model="qwen2.5:7b", llm_send_free_text=False, llm_phrasing=True,
                        llm_json_mode=False, _env_file=None)
    from langchain_ollama import ChatOllama

    model = build_chat_model(settings)
    assert isinstance(model, ChatOllama)
    assert (model.model, model.format, model.client_kwargs["timeout"]) == ("qwen2.5:7b", None, 4.0)
    assist = model_assist(settings)
    assert assist is not None and not assist.send_free_text and assist.phrasing


@pytest.mark.parametrize("backend", ["openai", "ollama"])
def test_an_endpoint_that_is_down_costs_the_owner_nothing(backend: str) -> None:
    """The real clients against a closed port on this machine: refused at once, the rules go on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}" + ("/v1" if backend == "openai" else "")
    assist = model_assist(Settings(llm=backend, llm_model="any", llm_url=url, llm_timeout_seconds=3,  # type: ignore[arg-type]
                                   _env_file=None))
    assert assist is not None
    with_model = Engine(clock=ENGINE.clock, mentor_contact_days=2, model=assist)
    chat, rules = Chat(with_model), Chat(ENGINE)
    for text in ("부산에서 카페 해요", "식구가 좀 돼요"):
        turn, expected = chat.say(text).turn, rules.say(text).turn
        assert turn == expected
    assert [e.outcome for e in chat.events if isinstance(e, ModelConsulted)] == ["error"]
