"""Tables of chat sessions. A chat session is an append-only list of events; `event_count` is
the seq of its last event and doubles as the version that writers compare and swap."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from application.store.models import Base, utc_now

CLIENT_MESSAGE_ID_MAX = 100


def new_session_id() -> str:
    return uuid.uuid4().hex


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
