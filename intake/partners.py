"""Partner portals that embed the chat widget: their key, theme and allowed origins."""

import re
from datetime import UTC, datetime

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from intake.store.models import PartnerRow

KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]{1,63}$"
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$|^https?://\[[0-9a-fA-F:]+\](:\d{1,5})?$")


class Partner(BaseModel):
    key: str = Field(pattern=KEY_PATTERN, description="The widget's data-partner value")
    name: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=200, description="Chat panel title (Korean)")
    greeting: str = Field(min_length=1, max_length=1000, description="First line in the panel (Korean)")
    title_en: str | None = Field(default=None, max_length=200)
    greeting_en: str | None = Field(default=None, max_length=1000)
    colour: str = Field(default="#1f5fbf", pattern=r"^#[0-9a-fA-F]{6}$")
    allowed_origins: list[str] = Field(min_length=1)
    active: bool = True

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, values: list[str]) -> list[str]:
        cleaned = []
        for value in values:
            origin = value.strip().rstrip("/")
            if not _ORIGIN.match(origin):
                raise ValueError(f"{value!r} is not an origin like https://portal.example.kr (no path)")
            cleaned.append(origin.lower())
        return list(dict.fromkeys(cleaned))

    def allows(self, origin: str | None) -> bool:
        return self.active and origin is not None and origin.rstrip("/").lower() in self.allowed_origins

    def title_for(self, lang: str) -> str:
        return self.title_en if lang == "en" and self.title_en else self.title

    def greeting_for(self, lang: str) -> str:
        return self.greeting_en if lang == "en" and self.greeting_en else self.greeting


def _to_model(row: PartnerRow) -> Partner:
    return Partner(key=row.key, name=row.name, title=row.title, greeting=row.greeting, title_en=row.title_en,
                   greeting_en=row.greeting_en, colour=row.colour, allowed_origins=list(row.allowed_origins),
                   active=row.active)


def store_partner(db: Session, partner: Partner) -> bool:
    """Creates or replaces the partner in the caller's transaction (the admin pages record
    the version in the same one); returns whether it was new."""
    row = db.get(PartnerRow, partner.key)
    created = row is None
    if row is None:
        row = PartnerRow(key=partner.key)
        db.add(row)
    for field, value in partner.model_dump(exclude={"key"}).items():
        setattr(row, field, value)
    row.updated_at = datetime.now(UTC)
    return created


class PartnerService:
    def __init__(self, writer: sessionmaker[Session]) -> None:
        self._writer = writer

    def get(self, key: str) -> Partner | None:
        with self._writer() as db:
            row = db.get(PartnerRow, key)
            return _to_model(row) if row is not None else None

    def list(self) -> list[Partner]:
        with self._writer() as db:
            return [_to_model(r) for r in db.scalars(select(PartnerRow).order_by(PartnerRow.key))]

    def save(self, partner: Partner) -> bool:
        """Creates or replaces the partner; returns whether it was new."""
        with self._writer.begin() as db:
            return store_partner(db, partner)

    def remove(self, key: str) -> bool:
        with self._writer.begin() as db:
            row = db.get(PartnerRow, key)
            if row is None:
                return False
            db.delete(row)
            return True
