"""What a side answer is: its kind, what it is about, and the messages and citations the
owner sees (contracts.md §5 keeps the turn's `citations` shape)."""

from typing import Literal

from pydantic import BaseModel, Field

from assistant.turns import TurnCitation
from prompts.answers import Aspect, Service

AnswerKind = Literal["service", "entry", "smalltalk", "abstain"]


class ServiceFacts(BaseModel):
    """The product's own facts a service answer states, from settings, never from the seeds."""

    contact_days: int = Field(default=2, ge=1, description="A mentor contacts the owner within this many working days")
    contact_retention_days: int = Field(default=365, ge=1)
    session_retention_days: int = Field(default=90, ge=1)
    resume_days: int = Field(default=30, ge=1)


class SideAnswer(BaseModel):
    kind: AnswerKind
    key: str = Field(description="What was answered: service:<id>, <entry id>#<aspect>, smalltalk or abstain")
    messages: list[str]
    citations: list[TurnCitation] = Field(default_factory=list)
    service: Service | None = None
    entry: str | None = None
    aspect: Aspect | None = None
    stated: bool | None = Field(default=None, description="Whether the material states the asked aspect")
    repeated: bool = False
    candidates: list[str] = Field(default_factory=list, description="The search's top entries, best first")
    passages: list[str] = Field(default_factory=list,
                                description="The material quoted word for word in the first message, if any")
