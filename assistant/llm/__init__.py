"""An optional language model behind the rules (INTAKE_LLM, off by default): a second command
generator for answers the rules cannot read, and grounded phrasing of side answers. The model
proposes; deterministic code checks every command and sentence and decides. Plain Python: the
model is any langchain-core `BaseChatModel`, built and handed in by application/llm."""

from assistant.llm.commands import MODEL_CONFIDENCE, CommandGenerator
from assistant.llm.config import ModelAssist
from assistant.llm.phrasing import GroundedPhraser, supported

__all__ = ["MODEL_CONFIDENCE", "CommandGenerator", "GroundedPhraser", "ModelAssist", "supported"]
