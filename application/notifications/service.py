"""Queuing mails and keeping the outbox.

`Notifier` turns a case event into mails and writes them to the outbox inside the caller's
transaction (the session the event itself is written in), so the event and its mails are
committed together or not at all: a mail is never lost to a crash between the two, and never
queued for an event that was rolled back. Each mail has a key naming its event and recipient
(or its day, for the digest); the key is unique, so queuing it again keeps one row.

`Outbox` is the sender's side: claiming a due mail under a lease, recording the outcome, and
counting what waits.

Who hears of what, and what a mail may say:
- a new case: the leads of its team (the team its region maps to, `INTAKE_NOTIFY_REGION_TEAMS`;
  every lead when it maps to none or that team has no active lead) and every staff member;
- an assignment: the mentor;
- a hand-back: the leads of the case's team (staff when it has none);
- an expert asked: the expert;
- cases past the contact deadline: each lead once a working day, one digest of the cases
  their team answers for (staff for a team without a lead);
- the owner: one confirmation that the case was handed over, only when they consented and
  only to the address they gave, in the language they chatted in.
No mail carries the owner's name, address, phone or own words; only the assigned mentor's
names the company. Links go to the console and carry no token: the reader signs in."""

import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy import case as when
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from application.accounts.models import UserRow
from application.accounts.schemas import check_email
from application.calendar import day_start, is_working_day, korean_date, korean_time, working_days_between
from application.cases.models import CaseRow
from application.casework.access import LEAD, STAFF
from application.casework.ageing import is_overdue
from application.casework.models import AdviceRequestRow, CaseEventRow
from application.casework.workflow import FINAL
from application.notifications.models import NotificationRow
from application.notifications.schemas import (
    STATUSES,
    DeliveryPolicy,
    FailedMail,
    Kind,
    Mail,
    OutboxCounts,
    Outgoing,
    Status,
)
from application.settings import Settings
from application.store.models import utc_now
from assistant.decision.brief import NeedsBrief
from prompts import load_prompts
from prompts.notifications import MailText, load_notification_prompts, load_staff_prompts
from prompts.particles import format_mapping

Clock = Callable[[], datetime]
CASE_PATH = "/console/cases/"
QUEUE_PATH = "/console"
ERROR_MAX = 2000
Keyed = TypeVar("Keyed", CaseEventRow, AdviceRequestRow)


class Notifier:
    """The mails of case events, queued in the event's own transaction (one call per event)."""

    def __init__(self, *, console_url: str, contact_days: int, region_teams: Mapping[str, str] | None = None,
                 digest_hour: int = 9) -> None:
        self._console = console_url.rstrip("/")
        self.contact_days = contact_days
        self._region_teams = dict(region_teams or {})
        self._digest_hour = digest_hour

    @classmethod
    def from_settings(cls, settings: Settings) -> "Notifier":
        return cls(console_url=settings.console_url, contact_days=settings.mentor_contact_working_days,
                   region_teams=settings.notify_region_teams, digest_hour=settings.notify_digest_hour)

    # --- events ------------------------------------------------------------------------------

    def case_received(self, db: Session, case: CaseRow, brief: NeedsBrief) -> None:
        """A new case: its team's leads and staff; the owner's confirmation."""
        recipients = _unique([*self._leads(db, self._team_of(case)), *_active(db, STAFF)])
        text = load_staff_prompts().staff.new_case
        mails = [self._staff_mail(Kind.case_received, text, f"{case.id}:{user.id}", case, user) for user in recipients]
        owner = self._owner_confirmation(case, brief)
        queue(db, [*mails, *([owner] if owner else [])])

    def assigned(self, db: Session, case: CaseRow, event: CaseEventRow, mentor: UserRow) -> None:
        company = (case.brief.get("company") or {}).get("name")
        staff = load_staff_prompts().staff
        queue(db, [self._staff_mail(Kind.assigned, staff.assigned, str(_flushed(db, event).id), case, mentor,
                                    actor=event.actor_name, company=company or staff.no_company,
                                    days=self.contact_days)])

    def handed_back(self, db: Session, case: CaseRow, event: CaseEventRow) -> None:
        recipients = self._leads(db, case.team) or _active(db, STAFF)
        key, text = _flushed(db, event).id, load_staff_prompts().staff.handed_back
        queue(db, [self._staff_mail(Kind.handed_back, text, f"{key}:{user.id}", case, user, mentor=event.actor_name)
                   for user in recipients])

    def expert_asked(self, db: Session, case: CaseRow, request: AdviceRequestRow, expert: UserRow,
                     asker: str) -> None:
        text = load_staff_prompts().staff.expert_asked
        queue(db, [self._staff_mail(Kind.expert_asked, text, str(_flushed(db, request).id), case, expert,
                                    asker=asker)])

    # --- the daily digest --------------------------------------------------------------------

    def queue_overdue_digests(self, db: Session, now: datetime) -> int:
        """Each lead's digest of the cases past the contact deadline, once a Korean working
        day from `INTAKE_NOTIFY_DIGEST_HOUR` on; the day is in the key, so calling it again
        that day queues nothing. Returns how many digests were queued."""
        today = korean_date(now)
        if not is_working_day(today) or korean_time(now).hour < self._digest_hour:
            return 0
        # Nothing made today or later can be overdue; the rest is decided by the console's rule.
        candidates = db.scalars(select(CaseRow).where(
            CaseRow.status.not_in(FINAL), CaseRow.first_contact_at.is_(None), CaseRow.created_at < day_start(today))
            .order_by(CaseRow.created_at, CaseRow.id)).all()
        overdue = [c for c in candidates if is_overdue(created_at=c.created_at, now=now, contacted=False,
                                                       open_case=True, contact_days=self.contact_days)]
        if not overdue:
            return 0
        holders = {u.id: u.name for u in db.scalars(select(UserRow).where(
            UserRow.id.in_({c.assignee_id for c in overdue if c.assignee_id})))}
        answerable: dict[str, tuple[UserRow, list[CaseRow]]] = {}
        responsible: dict[str | None, list[UserRow]] = {}
        for row in overdue:
            team = self._team_of(row)
            if team not in responsible:
                responsible[team] = self._leads(db, team) or _active(db, STAFF)
            for user in responsible[team]:
                answerable.setdefault(user.id, (user, []))[1].append(row)
        staff = load_staff_prompts().staff
        mails = []
        for user, rows in answerable.values():
            lines = [format_mapping(staff.overdue_line, {
                **self._facts(row), "age": working_days_between(row.created_at, now),
                "holder": holders.get(row.assignee_id or "", staff.no_holder)}) for row in rows]
            text = _fill(staff.overdue_digest, count=len(rows), days=self.contact_days, cases="\n".join(lines),
                         link=self._console + QUEUE_PATH)
            mails.append(Mail(key=f"{Kind.overdue_digest.value}:{today.isoformat()}:{user.id}",
                              kind=Kind.overdue_digest, case_id=None, recipient_id=user.id, to_address=user.email,
                              lang="ko", subject=text.subject, body=_with_footer(text.body)))
        return queue(db, mails)

    # --- helpers -----------------------------------------------------------------------------

    def _team_of(self, case: CaseRow) -> str | None:
        """The team that answers for a case: the one it is in, else the one its region maps to."""
        return case.team or (self._region_teams.get(case.region) if case.region else None)

    @staticmethod
    def _leads(db: Session, team: str | None) -> list[UserRow]:
        """The team's active leads; every active lead when the team is unknown or has none
        (they all see the intake pool)."""
        if team is not None:
            leads = _active(db, LEAD, team=team)
            if leads:
                return leads
        return _active(db, LEAD)

    def _facts(self, case: CaseRow) -> dict[str, object]:
        labels, staff = load_prompts("ko"), load_staff_prompts().staff

        def label(vocabulary: str, value: str | None) -> str:
            return labels.value_label(vocabulary, value) if value else staff.unknown

        return {"region": label("region", case.region), "industry": label("industry", case.industry),
                "urgency": label("urgency", case.urgency), "link": self._console + CASE_PATH + case.id}

    def _staff_mail(self, kind: Kind, template: MailText, key: str, case: CaseRow, user: UserRow,
                    **values: object) -> Mail:
        text = _fill(template, **self._facts(case), **values)
        body = text.body + (f"\n\n{load_staff_prompts().staff.english}" if case.lang == "en" else "")
        return Mail(key=f"{kind.value}:{key}", kind=kind, case_id=case.id, recipient_id=user.id,
                    to_address=user.email, lang="ko", subject=text.subject, body=_with_footer(body))

    def _owner_confirmation(self, case: CaseRow, brief: NeedsBrief) -> Mail | None:
        """Only with the owner's consent, only to the address they gave, in their language."""
        if brief.consent.given_at is None or not brief.contact.email:
            return None
        try:
            address = check_email(brief.contact.email)
        except ValueError:
            return None
        lang = "en" if case.lang == "en" else "ko"
        text = _fill(load_notification_prompts(lang).owner.handed_over, days=self.contact_days)
        return Mail(key=f"{Kind.handed_over.value}:{case.id}", kind=Kind.handed_over, case_id=case.id,
                    recipient_id=None, to_address=address, personal=True, lang=lang, subject=text.subject,
                    body=text.body)


def queue(db: Session, mails: Sequence[Mail]) -> int:
    """Writes mails to the outbox in the caller's transaction; a mail whose key is already
    there is skipped. Returns how many were new."""
    if not mails:
        return 0
    # The mails point at rows the caller has only added so far (a new case).
    db.flush()
    dialect = db.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(NotificationRow).values([m.model_dump(mode="json") for m in mails])
    # RETURNING, not rowcount: psycopg reports no count for a multi-row INSERT … ON CONFLICT.
    inserted = db.execute(statement.on_conflict_do_nothing(index_elements=[NotificationRow.key])
                          .returning(NotificationRow.id))
    return len(inserted.all())


class Outbox:
    """The sender's side of the outbox. A claim is a lease: the claimed row names the claim's
    token and the time it runs out, and only the holder of the token records the outcome.
    A sender that dies holding a lease leaves the row pending; once the lease is over,
    another sender takes it again (at-least-once delivery)."""

    def __init__(self, writer: sessionmaker[Session], *, policy: DeliveryPolicy, clock: Clock = utc_now) -> None:
        self._writer = writer
        self.policy = policy
        self._clock = clock

    def queue_digests(self, notifier: Notifier) -> int:
        with self._writer.begin() as db:
            return notifier.queue_overdue_digests(db, self._clock())

    def claim(self) -> Outgoing | None:
        """The next due mail, now leased to the caller; None when nothing is due.

        PostgreSQL: SKIP LOCKED lets senders pass over a row another is claiming. SQLite: the
        writer's BEGIN IMMEDIATE makes the claim one at a time. On both, the UPDATE repeats
        the conditions, so a row that stopped being due between the two statements is not
        taken twice."""
        while True:
            now = self._clock()
            with self._writer.begin() as db:
                row_id = db.scalar(select(NotificationRow.id).where(_due(now))
                                   .order_by(NotificationRow.next_attempt_at, NotificationRow.id)
                                   .limit(1).with_for_update(skip_locked=True))
                if row_id is None:
                    return None
                token = secrets.token_hex(16)
                claimed = db.execute(update(NotificationRow).where(NotificationRow.id == row_id, _due(now)).values(
                    claim_token=token, lease_until=now + self.policy.lease, attempts=NotificationRow.attempts + 1)
                    .execution_options(synchronize_session=False))
                if getattr(claimed, "rowcount", 0) != 1:
                    continue
                row = db.scalars(select(NotificationRow).where(NotificationRow.id == row_id)
                                 .execution_options(populate_existing=True)).one()
                return Outgoing(id=row.id, key=row.key, token=token, to_address=row.to_address or "", lang=row.lang,
                                subject=row.subject, body=row.body, attempts=row.attempts)

    def mark_sent(self, mail: Outgoing) -> bool:
        """Records a delivery; False when the lease had run out and another sender holds the mail."""
        now = self._clock()
        return self._record(mail, status="sent", sent_at=now, last_error=None, to_address=_erased_if_personal())

    def mark_failed(self, mail: Outgoing, error: str, *, permanent: bool) -> Status:
        """Records a failed attempt: retried after the back-off, or failed for good after the
        last attempt or a permanent refusal. Returns the mail's status now."""
        if permanent or mail.attempts >= self.policy.max_attempts:
            self._record(mail, status="failed", last_error=error[:ERROR_MAX], to_address=_erased_if_personal())
            return "failed"
        self._record(mail, last_error=error[:ERROR_MAX],
                     next_attempt_at=self._clock() + self.policy.backoff(mail.attempts))
        return "pending"

    def _record(self, mail: Outgoing, **values: object) -> bool:
        with self._writer.begin() as db:
            result = db.execute(update(NotificationRow).where(
                NotificationRow.id == mail.id, NotificationRow.claim_token == mail.token)
                .values(claim_token=None, lease_until=None, **values).execution_options(synchronize_session=False))
            return getattr(result, "rowcount", 0) == 1

    def counts(self) -> OutboxCounts:
        now = self._clock()
        with self._writer() as db:
            totals: dict[str, int] = {status: count for status, count in db.execute(
                select(NotificationRow.status, func.count()).group_by(NotificationRow.status))}
            sending = db.scalar(select(func.count()).select_from(NotificationRow).where(
                NotificationRow.status == "pending", NotificationRow.lease_until > now)) or 0
        return OutboxCounts(**{s: totals.get(s, 0) for s in STATUSES}, sending=sending)

    def failures(self, limit: int = 50) -> list[FailedMail]:
        with self._writer() as db:
            rows = db.scalars(select(NotificationRow).where(NotificationRow.status == "failed")
                              .order_by(NotificationRow.id.desc()).limit(limit))
            return [FailedMail(id=r.id, kind=r.kind, case_id=r.case_id, attempts=r.attempts, last_error=r.last_error)
                    for r in rows]

    def retry_failed(self) -> int:
        """Puts failed mails back in line with fresh attempts (after the SMTP problem was
        fixed); an owner's mail whose address was erased stays failed."""
        with self._writer.begin() as db:
            result = db.execute(update(NotificationRow).where(
                NotificationRow.status == "failed", NotificationRow.to_address.is_not(None))
                .values(status="pending", attempts=0, next_attempt_at=self._clock())
                .execution_options(synchronize_session=False))
            return int(getattr(result, "rowcount", 0) or 0)


def _due(now: datetime) -> ColumnElement[bool]:
    return and_(NotificationRow.status == "pending", NotificationRow.next_attempt_at <= now,
                or_(NotificationRow.lease_until.is_(None), NotificationRow.lease_until <= now))


def _erased_if_personal() -> ColumnElement[str | None]:
    # The owner's address is kept only as long as the mail still has to go out.
    return when((NotificationRow.personal.is_(True), None), else_=NotificationRow.to_address)


def _active(db: Session, role: str, *, team: str | None = None) -> list[UserRow]:
    query = select(UserRow).where(UserRow.role == role, UserRow.active.is_(True))
    if team is not None:
        query = query.where(UserRow.team == team)
    return list(db.scalars(query.order_by(UserRow.name, UserRow.id)))


def _unique(users: Iterable[UserRow]) -> list[UserRow]:
    return list({u.id: u for u in users}.values())


def _flushed(db: Session, row: Keyed) -> Keyed:
    """The row with its id: a mail's key names the history entry or request it is about."""
    if row.id is None:
        db.flush()
    return row


def _fill(text: MailText, **values: object) -> MailText:
    return MailText(subject=format_mapping(text.subject, values), body=format_mapping(text.body, values))


def _with_footer(body: str) -> str:
    return f"{body}\n\n-- \n{load_staff_prompts().staff.footer}"
