"""What crosses the casework boundary: queue filters and rows, a case with its history and
what the user may do with it, and people with their load."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from application.casework.transcript import TranscriptEntry
from application.casework.workflow import Status
from assistant.decision.brief import NeedsBrief

Holder = Literal["mine", "unassigned"]
EventKind = Literal[
    "step", "reject", "note", "contact", "assign", "claim", "hand_back", "take", "advice_request", "advice_answer",
    "reassessment",
]
PAGE_SIZE = 50


class CaseFilters(BaseModel):
    """The queue's filters, from the query string; empty strings mean "any"."""

    model_config = ConfigDict(str_strip_whitespace=True, frozen=True)

    status: Status | Literal["open"] | None = None
    region: str | None = Field(default=None, max_length=32)
    industry: str | None = Field(default=None, max_length=32)
    urgency: str | None = Field(default=None, max_length=32)
    program: str | None = Field(default=None, max_length=100, pattern=r"^[a-z0-9-]*$")
    partner: str | None = Field(default=None, max_length=64)
    holder: Holder | None = None
    page: int = Field(default=1, ge=1, le=10_000)


class Person(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    role: str
    team: str | None


class MentorLoad(Person):
    open_cases: int
    capacity: int

    @property
    def full(self) -> bool:
        return self.open_cases >= self.capacity


class CaseSummary(BaseModel):
    """One row of the queue."""

    id: str
    status: Status
    company_name: str | None
    region: str | None
    industry: str | None
    urgency: str | None
    partner: str | None
    programs: list[str]
    assignee: Person | None
    team: str | None
    created_at: datetime
    first_contact_at: datetime | None
    closed_at: datetime | None
    age_days: int = Field(description="Working days since the owner finished (Korean calendar)")
    overdue: bool = Field(description="Open, nobody has contacted the owner, and older than the promised days")


class CasePage(BaseModel):
    cases: list[CaseSummary]
    total: int
    page: int
    pages: int


class HistoryEntry(BaseModel):
    at: datetime
    actor_id: str | None
    actor_name: str
    kind: EventKind
    from_status: Status | None
    to_status: Status | None
    note: str | None
    reason: str | None
    assignee_name: str | None


class AdviceRequest(BaseModel):
    id: int
    case_id: str
    expert: Person
    asked_by: Person
    asked_at: datetime
    question: str
    answer: str | None
    answered_at: datetime | None


class Allowed(BaseModel):
    """What the viewing user may do with the case now; the page shows exactly these actions,
    and the service checks the same rules again when one is posted."""

    advance_to: Status | None = None
    needs_assignee: bool = Field(default=False, description="The next step waits for a mentor to hold the case")
    reject: bool = False
    note: bool = False
    contact: bool = False
    assign: bool = False
    take: bool = False
    claim: bool = False
    hand_back: bool = False
    ask_expert: bool = False
    answer: list[int] = Field(default_factory=list, description="Advice requests this user is to answer")


class CaseDetail(BaseModel):
    summary: CaseSummary
    session_id: str
    lang: str
    brief: NeedsBrief
    history: list[HistoryEntry]
    advice: list[AdviceRequest]
    allowed: Allowed


class Viewed(BaseModel):
    """A case page's data: the case, and its conversation with contact details hidden unless
    they were revealed (and the reveal logged)."""

    detail: CaseDetail
    transcript: list[TranscriptEntry]
    contact_shown: bool
