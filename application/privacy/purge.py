"""`intake privacy purge`: destroys personal data whose retention has passed.

- Contact data of cases closed or rejected more than `contact_retention_days` ago: out of the
  brief, the event log, the stored turns, the staff's notes on the case and its re-assessment
  summary; the anonymised
  rest stays (see scrub.py) and the case is stamped `contact_purged_at`.
- Conversations that never became a case (abandoned, or consent refused), whole, once they
  have been idle `session_retention_days`: nobody may use them any more — a mentor never sees
  them, and an owner who left that long ago starts again.
- Access-log entries older than `access_log_retention_days` (at least a year).

Safe from cron and when two runs overlap: each case is purged in a transaction of its own that
takes its row with SELECT … FOR UPDATE SKIP LOCKED (PostgreSQL) or under BEGIN IMMEDIATE
(SQLite, the store's engine), and re-checks that it is still due, so every case is purged once
and a second run finds nothing left to do."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, and_, delete, exists, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from application.cases.models import CaseRow
from application.casework.models import AdviceRequestRow, CaseEventRow
from application.casework.workflow import FINAL
from application.chat import repository
from application.chat.models import ChatSessionRow, PostedMessageRow, SessionEventRow
from application.errors import AppError
from application.privacy import access_log
from application.privacy.redact import Redactor, contact_literals_of_brief, contact_literals_of_events
from application.privacy.scrub import scrub_brief, scrub_event, scrub_turn
from application.reassessment.models import ReassessmentRow
from application.settings import Settings
from prompts import load_prompts

# Sessions deleted per transaction, so a large backlog never holds many locks for long.
SESSION_BATCH = 200


@dataclass(frozen=True)
class Retention:
    contact_days: int
    session_days: int
    access_log_days: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "Retention":
        return cls(contact_days=settings.contact_retention_days, session_days=settings.session_retention_days,
                   access_log_days=settings.access_log_retention_days)


class PurgeReport(BaseModel):
    now: datetime
    dry_run: bool
    cases: list[str] = Field(default_factory=list, description="Cases whose contact data was (would be) destroyed")
    sessions: list[str] = Field(default_factory=list, description="Conversations without a case (to be) deleted")
    access_log_entries: int = Field(default=0, description="Access-log entries (to be) removed")
    failed: dict[str, str] = Field(default_factory=dict, description="Case id -> why its purge failed")

    def summary(self) -> str:
        """One line for cron logs."""
        would = "would " if self.dry_run else ""
        purged, deleted, removed = ("purge", "delete", "remove") if self.dry_run else ("purged", "deleted", "removed")
        line = (f"privacy purge at {self.now.isoformat()}: {would}{purged} contact data of {len(self.cases)} case(s), "
                f"{would}{deleted} {len(self.sessions)} session(s) without a case, "
                f"{would}{removed} {self.access_log_entries} access-log entry(ies)")
        return f"{line}; {len(self.failed)} case(s) failed" if self.failed else line


def _case_due(cutoff: datetime) -> ColumnElement[bool]:
    return and_(CaseRow.status.in_(sorted(FINAL)), CaseRow.closed_at < cutoff,
                CaseRow.contact_purged_at.is_(None))


def _session_due(cutoff: datetime) -> ColumnElement[bool]:
    return and_(ChatSessionRow.updated_at < cutoff, ~exists().where(CaseRow.session_id == ChatSessionRow.id))


def purge(writer: sessionmaker[Session], *, retention: Retention, now: datetime, dry_run: bool = False) -> PurgeReport:
    report = PurgeReport(now=now, dry_run=dry_run)
    case_cutoff = now - timedelta(days=retention.contact_days)
    session_cutoff = now - timedelta(days=retention.session_days)
    log_cutoff = now - timedelta(days=retention.access_log_days)
    with writer() as db:
        due = list(db.scalars(select(CaseRow.id).where(_case_due(case_cutoff)).order_by(CaseRow.closed_at)))
    if dry_run:
        with writer() as db:
            report.cases = due
            report.sessions = list(db.scalars(select(ChatSessionRow.id).where(_session_due(session_cutoff))
                                              .order_by(ChatSessionRow.updated_at)))
            report.access_log_entries = access_log.count_before(db, log_cutoff)
        return report
    for case_id in due:
        try:
            if purge_case(writer, case_id=case_id, cutoff=case_cutoff, now=now):
                report.cases.append(case_id)
        except (AppError, SQLAlchemyError, ValueError, KeyError) as exc:
            # ValueError and KeyError: a stored event or brief the assistant's models no longer read.
            # The case's transaction rolled back; the next run tries it again.
            report.failed[case_id] = f"{type(exc).__name__}: {exc}"
    report.sessions = _delete_sessions(writer, session_cutoff)
    with writer.begin() as db:
        report.access_log_entries = access_log.remove_before(db, log_cutoff)
    return report


def purge_case(writer: sessionmaker[Session], *, case_id: str, cutoff: datetime, now: datetime) -> bool:
    """Destroys one case's contact data; False when it is no longer due (another run has it or
    did it, or it was reopened)."""
    with writer.begin() as db:
        case = db.scalars(
            select(CaseRow)
            .where(CaseRow.id == case_id, _case_due(cutoff))
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        ).one_or_none()
        if case is None:
            return False
        # The owner's writers take this lock too, so no turn is added while the log is rewritten.
        repository.lock_session(db, session_id=case.session_id)
        events = list(db.scalars(select(SessionEventRow).where(SessionEventRow.session_id == case.session_id)
                                 .order_by(SessionEventRow.seq)))
        redactor = Redactor([*contact_literals_of_events(e.payload for e in events),
                             *contact_literals_of_brief(case.brief)], marker=_marker(case.lang))
        for event in events:
            scrubbed = scrub_event(event.payload, redactor)
            if scrubbed != event.payload:
                event.payload, event.type = scrubbed, scrubbed["type"]
        for posted in db.scalars(select(PostedMessageRow).where(PostedMessageRow.session_id == case.session_id)):
            turn = scrub_turn(posted.turn, redactor)
            if turn != posted.turn:
                posted.turn = turn
        case.brief = scrub_brief(case.brief, redactor)
        _scrub_casework(db, case.id, redactor)
        case.contact_purged_at = now
    return True


def _scrub_casework(db: Session, case_id: str, redactor: Redactor) -> None:
    """Staff write free text about a case (notes, rejection reasons, questions to experts, the
    re-assessment's summary) and
    may quote the owner's e-mail or number there; the history keeps its rows, not those."""
    for event in db.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case_id)):
        event.note = redactor.owner(event.note) if event.note else event.note
        event.reason = redactor.owner(event.reason) if event.reason else event.reason
    for advice in db.scalars(select(AdviceRequestRow).where(AdviceRequestRow.case_id == case_id)):
        advice.question = redactor.owner(advice.question)
        advice.answer = redactor.owner(advice.answer) if advice.answer else advice.answer
    reassessment = db.get(ReassessmentRow, case_id)
    if reassessment is not None:
        reassessment.summary = redactor.owner(reassessment.summary)


def _marker(lang: str) -> str:
    return load_prompts("en" if lang == "en" else "ko").say.contact_marker


def _delete_sessions(writer: sessionmaker[Session], cutoff: datetime) -> list[str]:
    deleted: list[str] = []
    while True:
        with writer.begin() as db:
            batch = list(db.scalars(
                select(ChatSessionRow.id).where(_session_due(cutoff)).order_by(ChatSessionRow.updated_at)
                .limit(SESSION_BATCH).with_for_update(skip_locked=True)
            ))
            if not batch:
                return deleted
            # Events, stored turns and device tokens go with the session (ON DELETE CASCADE).
            db.execute(delete(ChatSessionRow).where(ChatSessionRow.id.in_(batch)))
        deleted.extend(batch)
