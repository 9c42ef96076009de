"""Bodies and answers of the chat API (contracts.md §5, plus the additive fields of issue 6)."""

from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.turns import Turn

MAX_TEXT = 2000


class NewSession(BaseModel):
    lang: Literal["ko", "en"] = "ko"
    partner: str | None = Field(default=None, max_length=64)


class Created(BaseModel):
    session_id: str
    token: str
    turn: Turn
    resume_code: str = Field(description="Typed on another device to continue, shown as K7QF-92XM")


class ResumeRequest(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    lang: Literal["ko", "en"] | None = Field(default=None, description="Language of an error message")


class Resumed(BaseModel):
    session_id: str
    token: str = Field(description="A new bearer token; the other device's token keeps working")


class NewMessage(BaseModel):
    client_message_id: str = Field(min_length=1, max_length=100)
    text: str


class LanguageChange(BaseModel):
    lang: Literal["ko", "en"]


class Answer(BaseModel):
    turn: Turn


class SlotView(BaseModel):
    value: Any
    status: str
    raw_text: str
    source_message: str | None


class TranscriptView(BaseModel):
    role: str
    text: str
    at: str
    message_id: str | None = Field(description="The client message id of an owner's message")
    slots: list[str] = Field(description="Slots whose current value this owner message set")


class SessionView(BaseModel):
    lang: str
    slots: dict[str, SlotView]
    expecting: str | None
    brief_ready: bool
    transcript: list[TranscriptView]
    turn: Turn | None = Field(description="The assistant's last turn as it was sent, options included")
    partner: str | None
    finished: bool
