"""T1 of a case: one row per case, replaced on each save until the case closes. Who saved it is
kept by id and by name without a foreign key, like the case history: the record stays as it
was whatever later happens to the account."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

# Loads the cases table, which case_id points at.
import application.cases.models  # noqa: F401
from application.store.models import Base, utc_now


class ReassessmentRow(Base):
    __tablename__ = "case_reassessments"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    # dimension → 0–5 level, or null when the owner did not know.
    levels: Mapped[dict[str, Any]]
    summary: Mapped[str] = mapped_column(Text)
    # Program entry ids of the brief ("program:smart-factory").
    programs_applied: Mapped[list[str]] = mapped_column(JSON)
    recorded_by_id: Mapped[str] = mapped_column(String(32))
    recorded_by_name: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now)
    first_recorded_at: Mapped[datetime] = mapped_column(default=utc_now)
