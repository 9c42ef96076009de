"""Re-assessment use cases. At 성과 리포트 the mentor holding a case (or its team's lead)
records T1 with the owner; it stays editable until the case is closed, and every save is
stamped in the case's history. The case report puts T0, T1, what was done and the summary
together; `before_after` gives the scores of many cases at once for comparisons."""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from application.cases.models import CaseRow
from application.casework import access, queries
from application.casework.access import Actor
from application.casework.models import CaseEventRow
from application.casework.workflow import Status, normalise
from application.reassessment.errors import InvalidReassessment, NotAtReport, ReassessmentForbidden
from application.reassessment.models import ReassessmentRow
from application.reassessment.schemas import (
    CaseReadiness,
    CaseReport,
    ProgramChoice,
    Reassessment,
    ReassessmentDraft,
    ReassessmentInput,
    parse_input,
)
from application.reassessment.scores import after_scores, before_levels, before_scores, changes
from application.settings import Settings
from application.store.database import session_factory
from application.store.migrate import migrated_engine
from application.store.models import utc_now
from assistant.decision.brief import Contact, NeedsBrief

# T1 is recorded at this step and can be changed while the case stays there; closing ends it.
RECORDED_AT: Status = "report"
EVENT_KIND = "reassessment"
Clock = Callable[[], datetime]


def _stored(row: ReassessmentRow) -> Reassessment:
    levels = {d: (v if isinstance(v, int) else None) for d, v in row.levels.items()}
    return Reassessment(case_id=row.case_id, levels=levels, scores=after_scores(levels), summary=row.summary,
                        programs_applied=list(row.programs_applied), recorded_by_id=row.recorded_by_id,
                        recorded_by_name=row.recorded_by_name, recorded_at=row.recorded_at,
                        first_recorded_at=row.first_recorded_at)


def _brief(row: CaseRow) -> NeedsBrief:
    """The case's brief without contact data: nothing here shows it."""
    return NeedsBrief.model_validate(row.brief).model_copy(update={"contact": Contact()})


def may_record(actor: Actor, case: access.CaseFacts) -> bool:
    """The mentor holding the case or its team's lead; staff read the result but the
    measurement is the mentor's, taken with the owner."""
    return access.holds(actor, case) or (actor.role == access.LEAD and access.manages(actor, case))


class ReassessmentService:
    def __init__(self, writer: sessionmaker[Session], reader: sessionmaker[Session], *,
                 clock: Clock = utc_now) -> None:
        self._writer = writer
        self._reader = reader
        self._clock = clock

    @classmethod
    def open(cls, settings: Settings) -> "ReassessmentService":
        """For the command line: reads and writes without loading the knowledge base."""
        engine = migrated_engine(settings.effective_database_url)
        return cls(session_factory(engine), session_factory(engine, read_only=True))

    def draft(self, *, actor: Actor, case_id: str) -> ReassessmentDraft:
        """The form's starting point: T1 as recorded, or T0 before anything was recorded."""
        with self._reader() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id)
            brief = _brief(row)
            stored = db.get(ReassessmentRow, row.id)
            recorded = _stored(stored) if stored is not None else None
            status = normalise(row.status)
            before = before_levels(brief)
            offered = [ProgramChoice(id=p.id, name=p.name) for p in brief.programs if p.eligibility != "ineligible"]
            kept = recorded.programs_applied if recorded else []
            offered += [ProgramChoice(id=p.id, name=p.name) for p in brief.programs
                        if p.id in kept and p.eligibility == "ineligible"]
            return ReassessmentDraft(
                case_id=row.id, status=status, company_name=brief.company.name, lang=brief.lang, before=before,
                levels=recorded.levels if recorded else before, summary=recorded.summary if recorded else "",
                programs_applied=kept, programs=offered, recorded=recorded,
                may_record=status == RECORDED_AT and may_record(actor, _facts(row)))

    def current(self, *, actor: Actor, case_id: str) -> Reassessment | None:
        with self._reader() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id)
            stored = db.get(ReassessmentRow, row.id)
            return _stored(stored) if stored is not None else None

    def record(self, *, actor: Actor, case_id: str, entry: ReassessmentInput | Mapping[str, Any]) -> Reassessment:
        """Saves T1 (first time or again), checked in this order: may the user see the case,
        record on it, is it at 성과 리포트, is the form valid (a mapping is the form as sent,
        checked by ReassessmentInput), are the programs the brief's. Someone who may not
        record learns nothing from how the form was filled in."""
        with self._writer.begin() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id, lock=True)
            facts = _facts(row)
            if not may_record(actor, facts):
                raise ReassessmentForbidden("only the mentor holding the case or its team lead records T1")
            if facts.status != RECORDED_AT:
                raise NotAtReport(f"T1 is recorded at {RECORDED_AT}; the case is {facts.status}")
            if not isinstance(entry, ReassessmentInput):
                entry = parse_input(entry)
            known = {p.id for p in NeedsBrief.model_validate(row.brief).programs}
            if any(p not in known for p in entry.programs_applied):
                raise InvalidReassessment({"programs": "unknown_program"})
            now = self._clock()
            stored = db.get(ReassessmentRow, row.id, with_for_update=True)
            if stored is None:
                stored = ReassessmentRow(case_id=row.id, first_recorded_at=now)
                db.add(stored)
            stored.levels = dict(entry.levels)
            stored.summary = entry.summary
            stored.programs_applied = list(entry.programs_applied)
            stored.recorded_by_id, stored.recorded_by_name, stored.recorded_at = actor.id, actor.name, now
            row.updated_at = now
            db.add(CaseEventRow(case_id=row.id, at=now, actor_id=actor.id, actor_name=actor.name, kind=EVENT_KIND))
            db.flush()
            return _stored(stored)

    def report(self, *, actor: Actor, case_id: str) -> CaseReport:
        with self._reader() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id)
            brief = _brief(row)
            stored = db.get(ReassessmentRow, row.id)
            recorded = _stored(stored) if stored is not None else None
            holder = queries.people(db, [row.assignee_id]).get(row.assignee_id or "")
            return CaseReport(case_id=row.id, status=normalise(row.status), created_at=row.created_at,
                              closed_at=row.closed_at, assignee_name=holder.name if holder else None, team=row.team,
                              brief=brief, history=queries.history(db, row.id), reassessment=recorded,
                              changes=changes(brief.readiness, recorded))

    def before_after(self, case_ids: Collection[str]) -> dict[str, CaseReadiness]:
        """T0 and T1 scores per dimension of each of `case_ids` that exists, by case id.

        No visibility check: it is for staff-only pages (the caller checks the role). T0 holds
        every dimension of the brief; T1 (`after`) only the re-assessed ones and is None until
        the mentor recorded it."""
        if not case_ids:
            return {}
        with self._reader() as db:
            rows = db.execute(select(CaseRow, ReassessmentRow)
                              .outerjoin(ReassessmentRow, ReassessmentRow.case_id == CaseRow.id)
                              .where(CaseRow.id.in_(list(case_ids)))).all()
            out = {}
            for case, stored in rows:
                brief = NeedsBrief.model_validate(case.brief)
                recorded = _stored(stored) if stored is not None else None
                out[case.id] = CaseReadiness(case_id=case.id, status=normalise(case.status),
                                             before=before_scores(brief.readiness),
                                             after=recorded.scores if recorded else None,
                                             recorded_at=recorded.recorded_at if recorded else None)
            return out


def _facts(row: CaseRow) -> access.CaseFacts:
    return _Facts(status=normalise(row.status), assignee_id=row.assignee_id, team=row.team)


@dataclass(frozen=True)
class _Facts:
    status: Status
    assignee_id: str | None
    team: str | None
