"""Tables of casework: the history of every case (one row per change or note, never updated)
and the advice requests to tier-3 experts. The columns casework adds to `cases` itself
(assignee, team, contact and closing times, filter facts) live on CaseRow in
application/store/models.py, which owns that table."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

# Loads the users table, which the advice requests' foreign keys point at.
import application.accounts.models  # noqa: F401
from application.store.models import Base, utc_now

USER_ID = String(32)


class CaseEventRow(Base):
    """One entry of a case's history: a step, a rejection, an assignment, a note. Actor and
    assignee are kept by id and also by name, without a foreign key: the record of who did
    what stays as it was, whatever later happens to the account."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utc_now)
    actor_id: Mapped[str | None] = mapped_column(USER_ID)
    actor_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    assignee_id: Mapped[str | None] = mapped_column(USER_ID)
    assignee_name: Mapped[str | None] = mapped_column(String(200))


class AdviceRequestRow(Base):
    """A question about a case to a tier-3 expert, and the expert's answer. Being asked is
    what lets an expert see the case."""

    __tablename__ = "case_advice_requests"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    expert_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    asked_by_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    asked_at: Mapped[datetime] = mapped_column(default=utc_now)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]
