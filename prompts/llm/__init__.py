"""What a language model is told when one is configured (INTAKE_LLM), from
prompts/llm/model.yaml: the command generator's and the answer phraser's templates. Checked at
load like every prompt file: a mistyped placeholder stops the start, not a conversation."""

from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

from prompts import check_placeholders, load_prompt_file

LLM_PROMPTS_FILE = Path(__file__).resolve().parent / "model.yaml"


class Markers(BaseModel):
    """What stands in the text sent to a model where personal data was taken out."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    contact: str
    name: str


class ModelPrompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    markers: Markers
    commands_system: str
    commands_user: str
    commands_user_clauses: str
    phrasing_system: str
    phrasing_user: str
    phrasing_user_no_question: str

    allowed: ClassVar[dict[str, frozenset[str]]] = {
        "commands_system": frozenset({"slot_schema", "marker_contact", "marker_name"}),
        "commands_user": frozenset({"message"}),
        "commands_user_clauses": frozenset({"clauses"}),
        "phrasing_system": frozenset({"passages", "max_sentences"}),
        "phrasing_user": frozenset({"question", "aspect"}),
        "phrasing_user_no_question": frozenset({"aspect"}),
    }

    @model_validator(mode="after")
    def _known_placeholders(self) -> "ModelPrompts":
        check_placeholders(((name, getattr(self, name)) for name in self.allowed), type(self).allowed)
        return self


@lru_cache(maxsize=1)
def load_model_prompts() -> ModelPrompts:
    return load_prompt_file(LLM_PROMPTS_FILE, ModelPrompts, {}, "llm/model.yaml")
