"""Builds the configured chat model. `langchain-openai` and `langchain-ollama` are optional
extras (`pip install '.[llm-openai]'` / `'.[llm-ollama]'`), imported here only when selected;
with INTAKE_LLM=off nothing is imported, built or contacted. Nothing is ever downloaded: the
model runs wherever the endpoint is, and is never pulled.

Retries are off and the client's timeout matches the turn's: a slow model costs one wait, then
the rules go on alone (assistant/llm/calling.py also stops waiting after the timeout)."""

import logging
import os

from langchain_core.language_models import BaseChatModel

from application.llm.errors import LLMPackageMissing
from application.settings import Settings
from assistant.llm import ModelAssist

log = logging.getLogger("application.llm")
# LangChain's tracing would send every prompt, the owner's words included, to LangSmith.
_TRACING_VARIABLES = ("LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2", "LANGCHAIN_TRACING")


def build_chat_model(settings: Settings) -> BaseChatModel | None:
    if settings.llm == "off":
        return None
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    if settings.llm == "openai":
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:
            raise LLMPackageMissing("openai", "llm-openai") from exc
        # Endpoints that need no key (a local vLLM) still make the client ask for one.
        return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_url, api_key=key or "unused",
                          timeout=settings.llm_timeout_seconds, max_retries=0, temperature=0,
                          model_kwargs={"response_format": {"type": "json_object"}} if settings.llm_json_mode else {})
    try:
        from langchain_ollama import ChatOllama
    except ImportError as exc:
        raise LLMPackageMissing("ollama", "llm-ollama") from exc
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return ChatOllama(model=settings.llm_model, base_url=settings.llm_url, temperature=0,
                      format="json" if settings.llm_json_mode else None,
                      client_kwargs={"timeout": settings.llm_timeout_seconds, "headers": headers})


def model_assist(settings: Settings) -> ModelAssist | None:
    """The engine's view of the configured model, or None when none is configured."""
    chat = None if settings.llm == "off" else build_chat_model(settings)
    if chat is None:
        return None
    if any(os.environ.get(name, "").lower() in ("1", "true") for name in _TRACING_VARIABLES):
        log.warning("LangChain tracing is on: prompts with the owner's (masked) words would leave the service")
    return ModelAssist(model=chat, name=f"{settings.llm}:{settings.llm_model}",
                       timeout_seconds=settings.llm_timeout_seconds, send_free_text=settings.llm_send_free_text,
                       phrasing=settings.llm_phrasing)
