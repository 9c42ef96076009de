"""The conversation as an append-only list of events (Rasa's tracker model): only events
change state, each has a stable type name and round-trips through a plain dict, so a
session is rebuilt exactly by replaying what was stored."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

SlotStatus = Literal["answered", "unknown", "raw"]
Expecting = str | None


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    at: datetime


class SessionStarted(_Event):
    type: Literal["session_started"] = "session_started"
    lang: Literal["ko", "en"]
    partner: str | None = None


class UserUttered(_Event):
    type: Literal["user_uttered"] = "user_uttered"
    message_id: str
    # As stored: before consent, contact details in it are replaced by a marker.
    text: str
    contact_withheld: bool = False


class BotUttered(_Event):
    type: Literal["bot_uttered"] = "bot_uttered"
    turn: dict[str, Any]


class SlotSet(_Event):
    type: Literal["slot_set"] = "slot_set"
    slot: str
    value: Any = None
    status: SlotStatus = "answered"
    raw_text: str = ""
    source_message: str | None = None
    method: str = ""
    corrected: bool = False
    # How sure the reading is (1.0 for a button or a confirmed value); a weak one is read back.
    confidence: float = 1.0


class SlotCleared(_Event):
    type: Literal["slot_cleared"] = "slot_cleared"
    slot: str


class QuestionAsked(_Event):
    type: Literal["question_asked"] = "question_asked"
    slot: str
    attempt: int = 0
    # A read-back of the slot's weak reading ("…로 적었어요. 맞나요?") rather than its question.
    confirm: bool = False


class SlotConfirmed(_Event):
    """The owner said a read-back was right."""

    type: Literal["slot_confirmed"] = "slot_confirmed"
    slot: str


class SummaryShown(_Event):
    type: Literal["summary_shown"] = "summary_shown"


class LanguageChanged(_Event):
    type: Literal["language_changed"] = "language_changed"
    lang: Literal["ko", "en"]


class ConsentRecorded(_Event):
    """The owner's answer to one consent question: the required one (contact details for a
    mentor's call, the consultation itself) or, with `optional`, the one for optional items.
    Events stored before optional items existed have no `optional` and were the required one."""

    type: Literal["consent_recorded"] = "consent_recorded"
    given: bool
    text_version: str
    optional: bool = False


class IntakeClosed(_Event):
    """Nothing is left to ask after consent was given."""

    type: Literal["intake_closed"] = "intake_closed"


class ContactErased(_Event):
    type: Literal["contact_erased"] = "contact_erased"


ModelPurpose = Literal["commands", "phrasing"]
# What the model was given: the owner's message (masked), only its masked statement clauses
# (free text forbidden), or only knowledge-base passages.
ModelInput = Literal["message", "clauses", "passages"]
ModelOutcome = Literal["used", "nothing", "refused", "timeout", "error", "malformed"]
RefusalReason = Literal[
    "unknown_command", "consent", "personal_data", "not_asked", "duplicate", "invalid_value", "unquoted",
    "unsupported",
]


class ModelRefusal(BaseModel):
    """One thing the model proposed and deterministic checks refused. Holds no words the
    model wrote: a slot id only when it is one of the flow's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    command: str
    slot: str | None = None
    reason: RefusalReason


class ModelConsulted(_Event):
    """A language model was asked during this turn (INTAKE_LLM): for commands when the rules
    could not read the answer, or to phrase a side answer from its passages. Staff see it on
    the transcript; it never changes state beyond that note."""

    type: Literal["model_consulted"] = "model_consulted"
    purpose: ModelPurpose
    model: str
    sent: ModelInput
    outcome: ModelOutcome
    accepted: list[str] = Field(default_factory=list)
    refused: list[ModelRefusal] = Field(default_factory=list)


Event = Annotated[
    SessionStarted
    | UserUttered
    | BotUttered
    | SlotSet
    | SlotCleared
    | QuestionAsked
    | SlotConfirmed
    | SummaryShown
    | LanguageChanged
    | ConsentRecorded
    | IntakeClosed
    | ContactErased
    | ModelConsulted,
    Field(discriminator="type"),
]

_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)


def event_from_dict(data: dict[str, Any]) -> Event:
    return _ADAPTER.validate_python(data)


def event_to_dict(event: Event) -> dict[str, Any]:
    return event.model_dump(mode="json")
