"""Partner portals: the live store the widget reads (`PartnerService`)."""

import re
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from application.partners.errors import UnknownPartner
from application.partners.models import PartnerRow
from application.partners.schemas import KEY_PATTERN, Partner


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

    def active(self, key: str) -> Partner:
        """The registered, enabled partner with this key; UnknownPartner otherwise (also for
        a key that cannot be one)."""
        partner = self.get(key) if re.fullmatch(KEY_PATTERN, key) else None
        if partner is None or not partner.active:
            raise UnknownPartner(key)
        return partner

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
