"""The outbox: one row per mail, written in the transaction of the event that causes it and
delivered later by the sender (application/notifications/sender.py)."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

# Loads the cases table, which a mail's case id points at.
import application.cases.models  # noqa: F401
from application.store.models import Base, utc_now

KEY_MAX = 200
ADDRESS_MAX = 320
SUBJECT_MAX = 300


class NotificationRow(Base):
    """A mail: rendered when it is queued, so the sender needs neither the case nor the
    prompts and a resend is byte-for-byte the first send (same Message-ID, same text).

    `status` is pending until delivered (sent) or given up (failed). A pending row whose
    `lease_until` lies ahead is being sent by the sender holding `claim_token`; once the
    lease has passed another sender may take it (a sender that died mid-delivery)."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    # What makes the mail one of a kind (the event and recipient, or the day of a digest):
    # unique, so queuing it twice keeps one row.
    key: Mapped[str] = mapped_column(String(KEY_MAX), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    # Cascade: a deleted case takes its queued mail along. Digests name no single case.
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    # The users.id of a staff recipient (none for the owner), kept without a foreign key like
    # casework's history: the record of who was told stays whatever happens to the account.
    recipient_id: Mapped[str | None] = mapped_column(String(32))
    # The owner's own address is personal data: erased once the mail is sent or given up.
    to_address: Mapped[str | None] = mapped_column(String(ADDRESS_MAX))
    personal: Mapped[bool] = mapped_column(default=False)
    lang: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(SUBJECT_MAX))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utc_now)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    sent_at: Mapped[datetime | None]
