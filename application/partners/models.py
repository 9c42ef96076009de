"""The partners table: the portals that embed the chat widget."""

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from application.store.models import Base, utc_now


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
