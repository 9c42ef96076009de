"""One call to a chat model with a hard time limit, its reply read as one JSON object.

The model runs in a daemon thread: the turn waits at most `timeout` seconds and then goes on
with the rules, and a call that never returns cannot hold the process open at exit. The
client's own timeout (set where the model is built) ends the abandoned request itself."""

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.utils.json import parse_json_markdown

log = logging.getLogger("assistant.llm")

CallOutcome = Literal["ok", "timeout", "error", "malformed"]


@dataclass(frozen=True)
class Reply:
    outcome: CallOutcome
    data: dict[str, Any]


def ask_json(model: BaseChatModel, messages: Sequence[BaseMessage], *, timeout: float, purpose: str) -> Reply:
    box: list[Any] = []

    def run() -> None:
        try:
            box.append(model.invoke(list(messages)))
        except Exception as exc:  # any failure of the model falls back to the rules
            box.append(exc)

    thread = threading.Thread(target=run, name=f"llm-{purpose}", daemon=True)
    thread.start()
    thread.join(timeout)
    if not box:
        log.warning("language model (%s) gave no reply within %.1f s; the rules go on alone", purpose, timeout)
        return Reply("timeout", {})
    answer = box[0]
    if isinstance(answer, Exception):
        # The type only: a client's message may echo the request, which holds the owner's words.
        log.warning("language model (%s) failed: %s", purpose, type(answer).__name__)
        return Reply("error", {})
    text = answer.text if isinstance(answer, BaseMessage) else str(answer)
    try:
        data = parse_json_markdown(text)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        log.info("language model (%s) replied with no JSON object", purpose)
        return Reply("malformed", {})
    return Reply("ok", data)
