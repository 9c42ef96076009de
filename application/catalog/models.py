"""The version history of staff edits to knowledge-base entries, mentors and partners.

Append-only: saving, restoring and importing each add a row; nothing is updated or deleted,
so the history is also the audit trail. The service's effective knowledge base is the
shipped files overlaid with the newest row of each item."""

from datetime import datetime
from typing import Any

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from application.store.models import Base, utc_now


class ItemVersionRow(Base):
    __tablename__ = "kb_versions"
    # One number per item and version: two staff saving the same item at once cannot both
    # write version n+1, the second one is told to reload.
    __table_args__ = (UniqueConstraint("kind", "item_id", "version"),)

    # Grows with every save of anything, so a worker process compares its newest id with the
    # table's to know whether another worker changed the knowledge base.
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[str] = mapped_column(String(200))
    version: Mapped[int]
    content: Mapped[dict[str, Any]]
    action: Mapped[str] = mapped_column(String(16))
    diff: Mapped[str] = mapped_column(Text)
    # No foreign key: the history must keep saying who made a change after the account goes.
    author_id: Mapped[str | None] = mapped_column(String(64))
    author_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
