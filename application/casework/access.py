"""Who may see and do what with a case.

Visibility (enforced in every query through `visible_clause`):
- admin and staff see every case;
- a mentor sees the cases they hold and those of their team;
- a lead sees the same, plus the intake pool: cases with neither team nor mentor. New cases
  enter that pool; a lead takes one into their team, or assigns it straight to one of their
  mentors (which sets the team), and staff may assign any case to any mentor;
- an expert sees only the cases they were asked about.

Acting: staff, admin and the case's team lead manage a case (steps, rejection, notes, assigning,
asking an expert); the mentor holding it works it (the same, except assigning) and may hand it
back; a mentor claims an unassigned case of their team. Leads manage pool cases too, which is
how a case gets its first team."""

from typing import Protocol

from sqlalchemy import ColumnElement, and_, false, or_, select, true

from application.cases.models import CaseRow
from application.casework.models import AdviceRequestRow
from application.casework.workflow import Status, is_open

ADMIN, STAFF, LEAD, MENTOR, EXPERT = "admin", "staff", "lead", "mentor", "expert"
OFFICE = frozenset({ADMIN, STAFF})


class Actor(Protocol):
    """The signed-in user as casework needs it (application.accounts.User has these fields)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...

    @property
    def team(self) -> str | None: ...


class CaseFacts(Protocol):
    @property
    def status(self) -> Status: ...

    @property
    def assignee_id(self) -> str | None: ...

    @property
    def team(self) -> str | None: ...


def visible_clause(actor: Actor) -> ColumnElement[bool]:
    if actor.role in OFFICE:
        return true()
    if actor.role == EXPERT:
        asked = select(AdviceRequestRow.case_id).where(AdviceRequestRow.expert_id == actor.id)
        return CaseRow.id.in_(asked)
    if actor.role not in (LEAD, MENTOR):
        return false()
    held = CaseRow.assignee_id == actor.id
    team = CaseRow.team == actor.team if actor.team else false()
    if actor.role == LEAD:
        pool = and_(CaseRow.team.is_(None), CaseRow.assignee_id.is_(None))
        return or_(held, team, pool)
    return or_(held, team)


def in_pool(case: CaseFacts) -> bool:
    return case.team is None and case.assignee_id is None


def manages(actor: Actor, case: CaseFacts) -> bool:
    if actor.role in OFFICE:
        return True
    if actor.role != LEAD:
        return False
    return in_pool(case) or (actor.team is not None and case.team == actor.team)


def holds(actor: Actor, case: CaseFacts) -> bool:
    return case.assignee_id is not None and case.assignee_id == actor.id


def works(actor: Actor, case: CaseFacts) -> bool:
    return manages(actor, case) or holds(actor, case)


def may_claim(actor: Actor, case: CaseFacts) -> bool:
    return (actor.role == MENTOR and is_open(case.status) and case.assignee_id is None
            and actor.team is not None and case.team == actor.team)


def may_take_into_team(actor: Actor, case: CaseFacts) -> bool:
    return actor.role == LEAD and actor.team is not None and is_open(case.status) and in_pool(case)
