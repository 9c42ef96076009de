"""The owner's copy of a brief: what the owner may see and keep.

It holds the readiness scores with advice, the three best programs that are not
ineligible (with reasons, citations and what still has to be checked) and the next step.
It never holds contact data, mentors' names, load or internal notes, vendor suggestions,
or anything about other firms."""

from datetime import datetime

from pydantic import BaseModel

from assistant.decision.brief import NeedsBrief
from assistant.decision.eligibility import Verdict
from assistant.decision.evidence import Citation
from assistant.decision.readiness import Readiness
from prompts.brief import Lang, load_brief_prompts
from prompts.particles import format_text

OWNER_PROGRAMS = 3


class OwnerProgram(BaseModel):
    id: str
    name: str
    eligibility: Verdict
    reasons: list[str]
    citations: list[Citation]
    checks: list[str]


class OwnerCopy(BaseModel):
    lang: Lang
    created_at: datetime
    readiness: Readiness
    programs: list[OwnerProgram]
    next_step: str
    # Working days until a mentor calls, when one will (the next step says it).
    contact_days: int | None = None


def owner_copy(brief: NeedsBrief, *, contact_days: int, handed_over: bool = True) -> OwnerCopy:
    """The owner's short version; a mentor contacts the owner within `contact_days` working
    days (the service's setting). `handed_over` is False when the owner refused consent or,
    having consented, left no email or phone: then no mentor will call, and the next step
    says which of the two it was."""
    programs = [p for p in brief.programs if p.eligibility != "ineligible"][:OWNER_PROGRAMS]
    owner = load_brief_prompts(brief.lang).owner
    without_mentor = owner.next_step_without_contact if brief.consent.given_at else owner.next_step_without_mentor
    return OwnerCopy(
        lang=brief.lang,
        created_at=brief.created_at,
        readiness=brief.readiness,
        programs=[OwnerProgram(id=p.id, name=p.name, eligibility=p.eligibility, reasons=p.reasons,
                               citations=p.citations, checks=p.checks) for p in programs],
        next_step=format_text(owner.next_step, days=contact_days) if handed_over else without_mentor,
        contact_days=contact_days if handed_over else None,
    )
