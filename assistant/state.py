"""The dialogue state: whatever replaying a session's events gives."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.events import (
    BotUttered,
    ConsentRecorded,
    ContactErased,
    Event,
    IntakeClosed,
    LanguageChanged,
    ModelConsulted,
    QuestionAsked,
    SessionStarted,
    SlotCleared,
    SlotConfirmed,
    SlotSet,
    SlotStatus,
    SummaryShown,
    UserUttered,
)
from assistant.flow import CONTACT_SLOTS

CONSENT = "consent"


class SlotValue(BaseModel):
    value: Any = None
    status: SlotStatus
    raw_text: str = ""
    source_message: str | None = None
    method: str = ""
    confidence: float = 1.0
    confirmed: bool = False


class TranscriptLine(BaseModel):
    role: Literal["owner", "assistant"]
    text: str
    at: datetime
    message_id: str | None = None
    # The language model's part in answering this owner message, for staff (INTAKE_LLM).
    model_uses: list[ModelConsulted] = Field(default_factory=list)


class ConsentState(BaseModel):
    """The required consent, and the answer to the optional items' question: None until it
    is answered (and for sessions from before it was asked)."""

    given: bool
    text_version: str
    at: datetime
    optional: bool | None = None


class DialogueState(BaseModel):
    lang: Literal["ko", "en"] = "ko"
    partner: str | None = None
    started_at: datetime | None = None
    slots: dict[str, SlotValue] = Field(default_factory=dict)
    expecting: str | None = None
    attempts: int = 0
    # The pending question reads `expecting` back for a yes or a fix.
    confirming: bool = False
    # Slots read back once already: never read back again, whatever is said next.
    read_back: list[str] = Field(default_factory=list)
    asked: list[str] = Field(default_factory=list)
    summary_shown: bool = False
    consent: ConsentState | None = None
    # Some owner message had contact details removed because consent was not given yet.
    contact_withheld: bool = False
    user_messages: int = 0
    transcript: list[TranscriptLine] = Field(default_factory=list)

    @classmethod
    def replay(cls, events: Iterable[Event]) -> "DialogueState":
        state = cls()
        for event in events:
            state.apply(event)
        return state

    def apply(self, event: Event) -> None:
        match event:
            case SessionStarted():
                self.lang, self.partner, self.started_at = event.lang, event.partner, event.at
            case UserUttered():
                self.user_messages += 1
                self.contact_withheld = self.contact_withheld or event.contact_withheld
                self.transcript.append(TranscriptLine(role="owner", text=event.text, at=event.at,
                                                      message_id=event.message_id))
            case BotUttered():
                for text in event.turn.get("messages", []):
                    self.transcript.append(TranscriptLine(role="assistant", text=text, at=event.at))
            case SlotSet():
                self.slots[event.slot] = SlotValue(
                    value=event.value,
                    status=event.status,
                    raw_text=event.raw_text,
                    source_message=event.source_message,
                    method=event.method,
                    confidence=event.confidence,
                )
            case SlotCleared():
                self.slots.pop(event.slot, None)
            case QuestionAsked():
                if event.slot != self.expecting:
                    self.asked.append(event.slot)
                self.expecting, self.attempts, self.confirming = event.slot, event.attempt, event.confirm
                if event.confirm and event.slot not in self.read_back:
                    self.read_back.append(event.slot)
            case SlotConfirmed():
                if event.slot in self.slots:
                    self.slots[event.slot].confirmed = True
            case SummaryShown():
                self.summary_shown = True
            case LanguageChanged():
                self.lang = event.lang
            case ConsentRecorded() if event.optional:
                self.confirming = False
                if self.consent is not None:
                    self.consent = self.consent.model_copy(update={"optional": event.given})
                self.expecting = None
            case ConsentRecorded():
                self.confirming = False
                self.consent = ConsentState(given=event.given, text_version=event.text_version, at=event.at)
                self.expecting = None
            case IntakeClosed():
                self.expecting, self.confirming = None, False
            case ModelConsulted():
                owner = next((line for line in reversed(self.transcript) if line.role == "owner"), None)
                if owner is not None:
                    owner.model_uses.append(event)
            case ContactErased():
                for slot in [s for s in self.slots if s.startswith("contact.")]:
                    del self.slots[slot]

    def known(self) -> dict[str, Any]:
        """Answered values only, as conditions and matching read them."""
        return {k: v.value for k, v in self.slots.items() if v.status == "answered"}

    @property
    def finished(self) -> bool:
        """Consent was answered and no question is pending. A refusal ends the intake at once;
        after consent the engine keeps asking (optional items, contact) until IntakeClosed."""
        return self.consent is not None and self.expecting is None

    @property
    def consent_given(self) -> bool:
        return bool(self.consent and self.consent.given)

    @property
    def optional_consent_given(self) -> bool:
        return bool(self.consent and self.consent.given and self.consent.optional)

    @property
    def brief_ready(self) -> bool:
        """A mentor can take over: the intake is over, with consent and a way to reach the owner."""
        known = self.known()
        return self.finished and self.consent_given and any(known.get(slot) for slot in CONTACT_SLOTS)
