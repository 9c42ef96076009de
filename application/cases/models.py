"""The cases table: a finished, consented conversation with its needs brief, and the columns
casework keeps on it."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

# Loads the chat tables, which a case's session id points at.
import application.chat.models  # noqa: F401
from application.casework.workflow import FIRST_STATUS
from application.store.models import Base, utc_now


def new_case_id() -> str:
    return uuid.uuid4().hex[:12]


class CaseRow(Base):
    """A finished, consented conversation waiting for a mentor, with the brief it was made
    with. The brief is regenerated only on request, so it keeps its knowledge-base version."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_case_id)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id", ondelete="CASCADE"), unique=True)
    # A step of application/casework/workflow.py; cases made before it existed said "new",
    # which reads as the first step.
    status: Mapped[str] = mapped_column(String(32), default=FIRST_STATUS, index=True)
    partner: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(8))
    kb_version: Mapped[str] = mapped_column(String(32))
    brief: Mapped[dict[str, Any]]
    # The version of the consent text the owner agreed to (PIPA: what they were shown).
    consent_version: Mapped[str | None] = mapped_column(String(32))
    # Casework (migration 0005): who holds the case and since when it was contacted or closed
    # (closed or rejected); region, industry, urgency and programs copy the brief for the
    # queue's filters (application/cases/columns.py). The assignee is a users.id without a
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
