"""Tables of accounts: users and their server-side login sessions."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from application.accounts.schemas import DEFAULT_CAPACITY, EMAIL_MAX, NAME_MAX, TEAM_MAX, Role
from application.store.models import Base, utc_now

_ROLE_LIST = ", ".join(f"'{role.value}'" for role in Role)


def new_user_id() -> str:
    return uuid.uuid4().hex


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN ({_ROLE_LIST})", name="role"),
        CheckConstraint("capacity >= 0", name="capacity"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_user_id)
    # Stored lower-cased (schemas.normalise_email), so uniqueness is case-insensitive everywhere.
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    role: Mapped[str] = mapped_column(String(16))
    team: Mapped[str | None] = mapped_column(String(TEAM_MAX), index=True)
    capacity: Mapped[int] = mapped_column(default=DEFAULT_CAPACITY)
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    password_change_required: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    last_login_at: Mapped[datetime | None]


class LoginSessionRow(Base):
    """A signed-in browser. The cookie holds a random token; only its sha256 is kept, so a
    leaked database does not let anyone act as a signed-in user."""

    __tablename__ = "login_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The synchronizer token the session's forms carry; useless without the session cookie.
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(default=utc_now)
    # The absolute end; the idle end is last_seen_at + the idle timeout.
    expires_at: Mapped[datetime] = mapped_column(index=True)
    flashes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
