"""What one owner message says, as commands (Rasa CALM's dialogue-understanding model).

`assistant.understand` turns a message into commands; `assistant.policy` applies them in one
documented order. A command carries the words it came from, so every clause of a message is
accounted for and every stored value can say where it was read."""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    span: str = ""  # the owner's words the command came from


class SetSlot(_Command):
    kind: Literal["set_slot"] = "set_slot"
    slot: str
    value: Any
    confidence: float = Field(ge=0.0, le=1.0)
    method: str
    # The question asked was about this slot (the others were volunteered).
    asked: bool = False
    # How the value was arrived at when the owner's words needed work: "range" (the midpoint
    # of a range), "sum" (several groups added up), "current" (the latest of several figures).
    note: str = ""


class CorrectSlot(_Command):
    """A fix to an earlier answer; `slot` None when the owner says something was wrong but
    not what, `value` None when the new value is not in the message."""

    kind: Literal["correct_slot"] = "correct_slot"
    slot: str | None
    value: Any = None


class DontKnow(_Command):
    kind: Literal["dont_know"] = "dont_know"
    slot: str


class Skip(_Command):
    kind: Literal["skip"] = "skip"
    slot: str


class Back(_Command):
    kind: Literal["back"] = "back"


class Fix(_Command):
    """A fix button pressed (or its label typed): the slot is asked again."""

    kind: Literal["fix"] = "fix"
    slot: str


class Confirm(_Command):
    """The owner's answer to a read-back ("클라우드는 아직 안 쓰시는 걸로 적었어요. 맞나요?")."""

    kind: Literal["confirm"] = "confirm"
    slot: str
    yes: bool


class ConsentAnswer(_Command):
    kind: Literal["consent_answer"] = "consent_answer"
    given: bool


class SideQuestion(_Command):
    """A question in the message that is not an answer: answered, then the flow resumes."""

    kind: Literal["side_question"] = "side_question"
    text: str


Command = Annotated[
    SetSlot | CorrectSlot | DontKnow | Skip | Back | Fix | Confirm | ConsentAnswer | SideQuestion,
    Field(discriminator="kind"),
]
