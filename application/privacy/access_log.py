"""The access log service: every view of a case's personal data is recorded before the data is
shown, and can be listed by case, by user and by time."""

from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel
from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from application.errors import NaiveTime
from application.privacy.errors import UnknownAccessKind
from application.privacy.models import AccessLogRow
from application.settings import Settings
from application.store.database import session_factory
from application.store.migrate import migrated_engine


class AccessKind(StrEnum):
    """What was looked at; each names a view that shows a case's contact data or the owner's words."""

    contact_view = "contact_view"
    transcript_view = "transcript_view"
    brief_view = "brief_view"
    brief_pdf = "brief_pdf"
    brief_api = "brief_api"


class AccessEntry(BaseModel):
    id: int
    at: datetime
    user_id: str
    user_email: str | None
    user_name: str | None
    case_id: str
    what: AccessKind
    client_address: str | None


def _to_entry(row: AccessLogRow) -> AccessEntry:
    return AccessEntry(id=row.id, at=row.at, user_id=row.user_id, user_email=row.user_email,
                       user_name=row.user_name, case_id=row.case_id, what=AccessKind(row.what),
                       client_address=row.client_address)


def _kind(what: AccessKind | str) -> AccessKind:
    try:
        return AccessKind(what)
    except ValueError:
        raise UnknownAccessKind(str(what)) from None


def _aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None:
        raise NaiveTime(name)
    return value.astimezone(UTC)


def record_access(
    db: Session,
    *,
    user_id: str,
    case_id: str,
    what: AccessKind | str,
    at: datetime | None = None,
    user_email: str | None = None,
    user_name: str | None = None,
    client_address: str | None = None,
) -> AccessEntry:
    """Adds one entry inside the caller's transaction (flushes, never commits)."""
    row = AccessLogRow(
        at=_aware(at, "at") if at is not None else datetime.now(UTC),
        user_id=str(user_id),
        user_email=user_email.strip().lower() if user_email else None,
        user_name=user_name,
        case_id=case_id,
        what=_kind(what).value,
        client_address=client_address,
    )
    db.add(row)
    db.flush()
    return _to_entry(row)


def entries_before(cutoff: datetime) -> ColumnElement[bool]:
    return AccessLogRow.at < _aware(cutoff, "cutoff")


def count_before(db: Session, cutoff: datetime) -> int:
    return db.scalar(select(func.count()).select_from(AccessLogRow).where(entries_before(cutoff))) or 0


def remove_before(db: Session, cutoff: datetime) -> int:
    """Deletes the entries older than `cutoff`; only the log's own retention may call this."""
    result = db.execute(delete(AccessLogRow).where(entries_before(cutoff)).returning(AccessLogRow.id))
    return len(result.all())


class AccessLog:
    def __init__(self, writer: sessionmaker[Session]) -> None:
        self._writer = writer

    @classmethod
    def open(cls, settings: Settings) -> "AccessLog":
        return cls(session_factory(migrated_engine(settings.effective_database_url)))

    def record(
        self,
        *,
        user_id: str,
        case_id: str,
        what: AccessKind | str,
        at: datetime | None = None,
        user_email: str | None = None,
        user_name: str | None = None,
        client_address: str | None = None,
    ) -> AccessEntry:
        """Commits the entry before returning, so a caller records first and shows the data
        after: a view whose entry could not be written fails instead of going unlogged."""
        with self._writer.begin() as db:
            return record_access(db, user_id=user_id, case_id=case_id, what=what, at=at, user_email=user_email,
                                 user_name=user_name, client_address=client_address)

    def entries(
        self,
        *,
        case_id: str | None = None,
        user_id: str | None = None,
        user_email: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> list[AccessEntry]:
        """Newest first; every filter given must hold. `since` is inclusive, `until` exclusive."""
        statement = select(AccessLogRow).order_by(AccessLogRow.at.desc(), AccessLogRow.id.desc())
        if case_id is not None:
            statement = statement.where(AccessLogRow.case_id == case_id)
        if user_id is not None:
            statement = statement.where(AccessLogRow.user_id == str(user_id))
        if user_email is not None:
            statement = statement.where(AccessLogRow.user_email == user_email.strip().lower())
        if since is not None:
            statement = statement.where(AccessLogRow.at >= _aware(since, "since"))
        if until is not None:
            statement = statement.where(AccessLogRow.at < _aware(until, "until"))
        if limit is not None:
            statement = statement.limit(limit)
        with self._writer() as db:
            return [_to_entry(row) for row in db.scalars(statement)]
