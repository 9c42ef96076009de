"""The personal-data access log (PIPA safety rules: who viewed which case's personal data, when,
what, from where). Rows hold a snapshot of the user and no foreign keys, so the log outlives
deleted accounts and purged or deleted cases; only its own retention removes rows."""

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from application.store.models import Base, utc_now

ACCESS_KIND_MAX = 32


class AccessLogRow(Base):
    __tablename__ = "access_log"
    __table_args__ = (
        Index("ix_access_log_case_id_at", "case_id", "at"),
        Index("ix_access_log_user_id_at", "user_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    user_id: Mapped[str] = mapped_column(String(64))
    # As the account was at the time: the log must still say who it was after a rename or deletion.
    user_email: Mapped[str | None] = mapped_column(String(320), index=True)
    user_name: Mapped[str | None] = mapped_column(String(200))
    case_id: Mapped[str] = mapped_column(String(32))
    what: Mapped[str] = mapped_column(String(ACCESS_KIND_MAX))
    # IPv6 with a zone index fits in 64 characters.
    client_address: Mapped[str | None] = mapped_column(String(64))
