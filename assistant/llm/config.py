"""A configured language model as the assistant sees it: the chat model (any langchain-core
`BaseChatModel`; built in application/llm from settings) and how it may be used."""

from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel


@dataclass(frozen=True)
class ModelAssist:
    model: BaseChatModel
    # What staff and the evaluation see as the model's name ("ollama:qwen2.5:7b").
    name: str
    timeout_seconds: float
    # False: only masked statement clauses of a message are sent, never the message as typed,
    # and questions that take free text are never offered to the model.
    send_free_text: bool = True
    # Side answers rewritten from their passages (checked sentence by sentence).
    phrasing: bool = False
