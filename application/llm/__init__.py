"""The optional language model (INTAKE_LLM): built from settings through langchain-core's
chat-model interface, with the provider package imported only when it is selected."""

from application.llm.service import build_chat_model, model_assist

__all__ = ["build_chat_model", "model_assist"]
