"""What crosses the re-assessment boundary: the form as sent (validated here, so a browser that
skips its own checks still cannot store a level 7 or an empty summary), T1 as stored, the
change per dimension, the case report's facts, and the before/after scores other pages read."""

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field, field_validator

from application.casework.schemas import HistoryEntry
from application.casework.service import NOTE_MAX
from application.casework.workflow import Status
from application.reassessment.errors import InvalidReassessment
from assistant.decision.brief import NeedsBrief
from assistant.decision.readiness import LEVEL_DIMENSIONS

Level = Annotated[int, Field(ge=0, le=5)]
PROGRAMS_MAX = 50


class ReassessmentInput(BaseModel):
    """T1 as the mentor enters it: a 0–5 level (None: the owner does not know) for every
    dimension the intake asked as a level, the mentor's summary, and the brief's programs the
    firm applied to."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    levels: dict[str, Level | None]
    summary: str = Field(min_length=1, max_length=NOTE_MAX)
    programs_applied: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list,
                                                                          max_length=PROGRAMS_MAX)

    @field_validator("levels")
    @classmethod
    def _every_dimension(cls, levels: dict[str, int | None]) -> dict[str, int | None]:
        if set(levels) != set(LEVEL_DIMENSIONS):
            raise ValueError(f"levels must name exactly {', '.join(LEVEL_DIMENSIONS)}")
        return {d: levels[d] for d in LEVEL_DIMENSIONS}

    @field_validator("programs_applied")
    @classmethod
    def _once_each(cls, programs: list[str]) -> list[str]:
        return list(dict.fromkeys(programs))


def form_field(loc: tuple[int | str, ...]) -> str:
    """The form field a validation error belongs to: `level_cloud`, `summary`, `programs`."""
    if loc[:1] == ("levels",):
        return f"level_{loc[1]}" if len(loc) > 1 else "levels"
    if loc[:1] == ("programs_applied",):
        return "programs"
    return str(loc[0]) if loc else "form"


def parse_input(data: Mapping[str, Any]) -> ReassessmentInput:
    """The form's values as a ReassessmentInput, or InvalidReassessment naming each bad field;
    a dimension left unanswered is named as `missing` next to the other problems."""
    try:
        return ReassessmentInput.model_validate(data)
    except ValidationError as exc:
        fields: dict[str, str] = {}
        for error in exc.errors():
            fields.setdefault(form_field(tuple(error["loc"])), error["type"])
        levels = data.get("levels")
        if isinstance(levels, Mapping):
            fields.update({f"level_{d}": "missing" for d in LEVEL_DIMENSIONS if d not in levels})
            if set(levels) <= set(LEVEL_DIMENSIONS):
                fields.pop("levels", None)  # said field by field
        raise InvalidReassessment(fields) from None


class Reassessment(BaseModel):
    """T1 as stored on the case, with who recorded it last and when (every save is also in the
    case's history)."""

    case_id: str
    levels: dict[str, int | None]
    scores: dict[str, int | None] = Field(description="T1 score (0–100) per re-assessed dimension")
    summary: str
    programs_applied: list[str]
    recorded_by_id: str
    recorded_by_name: str
    recorded_at: datetime
    first_recorded_at: datetime


class DimensionChange(BaseModel):
    """One dimension at T0 and T1. A dimension T1 did not ask about (`reassessed` False) has no
    T1 and no change; an unknown answer at either end has no change either."""

    dimension: str
    before: int | None
    after: int | None
    reassessed: bool

    @computed_field  # type: ignore[prop-decorator]
    @property
    def delta(self) -> int | None:
        if not self.reassessed or self.before is None or self.after is None:
            return None
        return self.after - self.before


class ProgramChoice(BaseModel):
    id: str
    name: str


class ReassessmentDraft(BaseModel):
    """What the form shows: T1 if recorded, otherwise T0 as the starting point."""

    case_id: str
    status: Status
    company_name: str | None
    lang: str
    before: dict[str, int | None] = Field(description="T0 level per dimension, from the brief")
    levels: dict[str, int | None]
    summary: str
    programs_applied: list[str]
    programs: list[ProgramChoice]
    recorded: Reassessment | None
    may_record: bool


class CaseReport(BaseModel):
    """Everything the case report shows. The brief has no contact data: the report is for the
    agency and its ministry, and opening it is not a view of personal data."""

    case_id: str
    status: Status
    created_at: datetime
    closed_at: datetime | None
    assignee_name: str | None
    team: str | None
    brief: NeedsBrief
    history: list[HistoryEntry]
    reassessment: Reassessment | None
    changes: list[DimensionChange]


class CaseReadiness(BaseModel):
    """A case's readiness before and after mentoring, for pages that compare many cases."""

    case_id: str
    status: Status
    before: dict[str, int | None] = Field(description="T0 score per dimension, every dimension of the brief")
    after: dict[str, int | None] | None = Field(
        description="T1 score per re-assessed dimension (cloud, ai, blockchain, data, security); None before T1")
    recorded_at: datetime | None
