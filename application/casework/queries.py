"""Reading cases inside a caller's transaction. Every query that returns cases goes through
`visible_cases`, so what a user may see is decided in one place (access.visible_clause)."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from application.accounts.models import UserRow
from application.calendar import working_days_between
from application.cases.columns import program_pattern
from application.cases.errors import CaseNotFound
from application.cases.models import CaseRow
from application.casework.access import EXPERT, MENTOR, Actor, visible_clause
from application.casework.ageing import is_overdue
from application.casework.models import AdviceRequestRow, CaseEventRow
from application.casework.schemas import (
    PAGE_SIZE,
    AdviceRequest,
    CaseFilters,
    CasePage,
    CaseSummary,
    HistoryEntry,
    MentorLoad,
    Person,
)
from application.casework.workflow import FINAL, LEGACY_RECEIVED, OPEN, is_open, normalise


def visible_cases(actor: Actor) -> Select[CaseRow]:
    return select(CaseRow).where(visible_clause(actor))


def load_case(db: Session, *, actor: Actor, case_id: str, lock: bool = False) -> CaseRow:
    """The case if the actor may see it; otherwise CaseNotFound, as if it did not exist.
    `lock` holds the row until the transaction ends (PostgreSQL; SQLite's writer already
    holds the database)."""
    query = visible_cases(actor).where(CaseRow.id == case_id)
    if lock:
        query = query.with_for_update(of=CaseRow)
    row = db.scalar(query)
    if row is None:
        raise CaseNotFound(case_id)
    return row


def filtered(query: Select[CaseRow], filters: CaseFilters, actor: Actor) -> Select[CaseRow]:
    if filters.status == "open":
        query = query.where(CaseRow.status.in_([*OPEN, LEGACY_RECEIVED]))
    elif filters.status == "received":
        query = query.where(CaseRow.status.in_(["received", LEGACY_RECEIVED]))
    elif filters.status is not None:
        query = query.where(CaseRow.status == filters.status)
    for column, value in ((CaseRow.region, filters.region), (CaseRow.industry, filters.industry),
                          (CaseRow.urgency, filters.urgency), (CaseRow.partner, filters.partner)):
        if value:
            query = query.where(column == value)
    if filters.program:
        query = query.where(CaseRow.programs.like(program_pattern(filters.program)))
    if filters.holder == "mine":
        query = query.where(CaseRow.assignee_id == actor.id)
    elif filters.holder == "unassigned":
        query = query.where(CaseRow.assignee_id.is_(None))
    return query


def people(db: Session, ids: Iterable[str | None]) -> dict[str, Person]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = db.scalars(select(UserRow).where(UserRow.id.in_(wanted)))
    return {r.id: Person(id=r.id, name=r.name, role=r.role, team=r.team) for r in rows}


def summary(row: CaseRow, holders: dict[str, Person], *, now: datetime, contact_days: int) -> CaseSummary:
    status = normalise(row.status)
    company = (row.brief.get("company") or {}).get("name")
    return CaseSummary(
        id=row.id, status=status, company_name=company, region=row.region, industry=row.industry,
        urgency=row.urgency, partner=row.partner, programs=[p for p in row.programs.split(",") if p],
        assignee=holders.get(row.assignee_id) if row.assignee_id else None, team=row.team,
        created_at=row.created_at, first_contact_at=row.first_contact_at, closed_at=row.closed_at,
        age_days=working_days_between(row.created_at, row.closed_at or now),
        overdue=is_overdue(created_at=row.created_at, now=now, contacted=row.first_contact_at is not None,
                           open_case=is_open(status), contact_days=contact_days),
    )


def list_cases(db: Session, *, actor: Actor, filters: CaseFilters, now: datetime, contact_days: int) -> CasePage:
    """Open cases first, the longest waiting at the top; then closed and rejected ones."""
    query = filtered(visible_cases(actor), filters, actor)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    finished_last = case((CaseRow.status.in_(FINAL), 1), else_=0)
    rows = db.scalars(query.order_by(finished_last, CaseRow.created_at, CaseRow.id)
                      .offset((filters.page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    holders = people(db, (r.assignee_id for r in rows))
    pages = max(1, -(-total // PAGE_SIZE))
    return CasePage(cases=[summary(r, holders, now=now, contact_days=contact_days) for r in rows],
                    total=total, page=filters.page, pages=pages)


def partners_seen(db: Session, *, actor: Actor) -> list[str]:
    """Partner keys among the cases the actor sees, for the partner filter."""
    query = (select(CaseRow.partner).where(visible_clause(actor), CaseRow.partner.is_not(None))
             .distinct().order_by(CaseRow.partner))
    return [p for p in db.scalars(query) if p]


def history(db: Session, case_id: str) -> list[HistoryEntry]:
    rows = db.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case_id)
                      .order_by(CaseEventRow.at, CaseEventRow.id))
    return [HistoryEntry(at=r.at, actor_id=r.actor_id, actor_name=r.actor_name, kind=r.kind,
                         from_status=normalise(r.from_status) if r.from_status else None,
                         to_status=normalise(r.to_status) if r.to_status else None,
                         note=r.note, reason=r.reason, assignee_name=r.assignee_name) for r in rows]


def advice(db: Session, case_id: str) -> list[AdviceRequest]:
    rows = db.scalars(select(AdviceRequestRow).where(AdviceRequestRow.case_id == case_id)
                      .order_by(AdviceRequestRow.asked_at, AdviceRequestRow.id)).all()
    named = people(db, [id_ for r in rows for id_ in (r.expert_id, r.asked_by_id)])
    return [AdviceRequest(id=r.id, case_id=r.case_id, expert=named[r.expert_id], asked_by=named[r.asked_by_id],
                          asked_at=r.asked_at, question=r.question, answer=r.answer, answered_at=r.answered_at)
            for r in rows]


def open_cases_held(db: Session, user_ids: Iterable[str]) -> dict[str, int]:
    ids = list(user_ids)
    if not ids:
        return {}
    query = (select(CaseRow.assignee_id, func.count()).where(CaseRow.assignee_id.in_(ids),
                                                             CaseRow.status.not_in(FINAL))
             .group_by(CaseRow.assignee_id))
    return {user_id: count for user_id, count in db.execute(query).all() if user_id}


def mentor_loads(db: Session, *, team: str | None) -> list[MentorLoad]:
    """Active field mentors (of `team`, or of every team when None) with their open cases."""
    query = select(UserRow).where(UserRow.role == MENTOR, UserRow.active.is_(True))
    if team is not None:
        query = query.where(UserRow.team == team)
    rows = db.scalars(query.order_by(UserRow.team, UserRow.name)).all()
    counts = open_cases_held(db, [r.id for r in rows])
    return [MentorLoad(id=r.id, name=r.name, role=r.role, team=r.team, open_cases=counts.get(r.id, 0),
                       capacity=r.capacity) for r in rows]


def experts(db: Session) -> list[Person]:
    rows = db.scalars(select(UserRow).where(UserRow.role == EXPERT, UserRow.active.is_(True))
                      .order_by(UserRow.name))
    return [Person(id=r.id, name=r.name, role=r.role, team=r.team) for r in rows]


def pending_advice(db: Session, *, expert_id: str) -> int:
    return db.scalar(select(func.count()).select_from(AdviceRequestRow).where(
        AdviceRequestRow.expert_id == expert_id, AdviceRequestRow.answer.is_(None))) or 0
