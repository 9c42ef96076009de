"""Tables of the session store. A chat session is an append-only list of events; `event_count`
is the seq of its last event and doubles as the version that writers compare and swap."""

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Dialect, ForeignKey, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

CLIENT_MESSAGE_ID_MAX = 100

# Named constraints keep future migrations able to drop or alter them by name on both databases.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_session_id() -> str:
    return uuid.uuid4().hex


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in and out. SQLite keeps no zone, so a value read back from it would
    otherwise be naive and no longer compare with the aware values the code makes."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; the store keeps timezone-aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Plain JSON (PostgreSQL `json`, not `jsonb`): events are never queried inside, and `json`
    # keeps the exact text, so a replayed turn comes back as it was first sent.
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, datetime: UTCDateTime}


class ChatSessionRow(Base):
    __tablename__ = "chat_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_session_id)
    # Only the sha256 of the bearer token: a leaked database must not let anyone resume a chat.
    token_hash: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(8))
    partner: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    event_count: Mapped[int] = mapped_column(default=0)
    finished: Mapped[bool] = mapped_column(default=False)
    # sha256 of the short code the owner types on another device to continue; never the code itself.
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)


class SessionAccessRow(Base):
    """A further bearer token for a session, issued when the owner resumes it on another
    device with the resume code, so the first device keeps working too."""

    __tablename__ = "session_access"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class SessionEventRow(Base):
    __tablename__ = "session_events"

    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class PostedMessageRow(Base):
    __tablename__ = "posted_messages"

    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id", ondelete="CASCADE"), primary_key=True)
    client_message_id: Mapped[str] = mapped_column(String(CLIENT_MESSAGE_ID_MAX), primary_key=True)
    turn: Mapped[dict[str, Any]]
    first_seq: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


def new_case_id() -> str:
    return uuid.uuid4().hex[:12]


class CaseRow(Base):
    """A finished, consented conversation waiting for a mentor, with the brief it was made
    with. The brief is regenerated only on request, so it keeps its knowledge-base version."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_case_id)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id", ondelete="CASCADE"), unique=True)
    # A step of intake/casework/workflow.py; cases made before it existed said "new" (= received).
    status: Mapped[str] = mapped_column(String(32), default="received", index=True)
    partner: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(8))
    kb_version: Mapped[str] = mapped_column(String(32))
    brief: Mapped[dict[str, Any]]
    # The version of the consent text the owner agreed to (PIPA: what they were shown).
    consent_version: Mapped[str | None] = mapped_column(String(32))
    # Casework (migration 0005): who holds the case and since when it was contacted or closed
    # (closed or rejected); region, industry, urgency and programs copy the brief for the
    # queue's filters (intake/casework/columns.py). The assignee is a users.id without a
    # foreign key: this module must load without the accounts package, and the casework
    # service only ever stores the id of an active mentor it has just read.
    assignee_id: Mapped[str | None] = mapped_column(String(32), index=True)
    team: Mapped[str | None] = mapped_column(String(64), index=True)
    first_contact_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    region: Mapped[str | None] = mapped_column(String(32), index=True)
    industry: Mapped[str | None] = mapped_column(String(32), index=True)
    urgency: Mapped[str | None] = mapped_column(String(32))
    programs: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    # When `intake privacy purge` destroyed the contact data; the anonymised brief stays.
    contact_purged_at: Mapped[datetime | None]


class PartnerRow(Base):
    """A partner portal that embeds the chat widget with its key (`data-partner`)."""

    __tablename__ = "partners"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    greeting: Mapped[str] = mapped_column(String(1000))
    title_en: Mapped[str | None] = mapped_column(String(200))
    greeting_en: Mapped[str | None] = mapped_column(String(1000))
    colour: Mapped[str] = mapped_column(String(7))
    # Exact origins (scheme://host[:port]) allowed to embed the widget and call the API from it.
    allowed_origins: Mapped[list[str]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
