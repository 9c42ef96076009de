"""Partner portals: the live store the widget and the CLI read and write, and the staff's
versioned edits of the admin pages. The partners table stays the live store; an edit from the
admin pages also records a version (catalog/versions.py), in the same transaction."""

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from application.catalog.errors import UnknownItem
from application.catalog.validation import check_identity, parse_model
from application.catalog.versions import (
    Action,
    Author,
    ItemKind,
    Version,
    append,
    history,
    latest_of_kind,
    require_version,
)
from application.partners.errors import UnknownPartner
from application.partners.models import PartnerRow
from application.partners.schemas import KEY_PATTERN, Partner, PartnerListing

KIND = ItemKind.PARTNER


def _to_model(row: PartnerRow) -> Partner:
    return Partner(key=row.key, name=row.name, title=row.title, greeting=row.greeting, title_en=row.title_en,
                   greeting_en=row.greeting_en, colour=row.colour, allowed_origins=list(row.allowed_origins),
                   active=row.active)


def _store_row(db: Session, partner: Partner) -> bool:
    """Creates or replaces the partner in the caller's transaction; returns whether it was new."""
    row = db.get(PartnerRow, partner.key)
    created = row is None
    if row is None:
        row = PartnerRow(key=partner.key)
        db.add(row)
    for field, value in partner.model_dump(exclude={"key"}).items():
        setattr(row, field, value)
    row.updated_at = datetime.now(UTC)
    return created


def _listing(partner: Partner, stored: Version | None) -> PartnerListing:
    return PartnerListing(partner=partner, version=stored.version if stored else 0,
                          edited_by=stored.author.name if stored else None,
                          edited_at=stored.created_at if stored else None)


class PartnerService:
    def __init__(self, writer: sessionmaker[Session], reader: sessionmaker[Session] | None = None) -> None:
        self._writer = writer
        self._reader = reader or writer

    # --- the live store ----------------------------------------------------------------------

    def get(self, key: str) -> Partner | None:
        with self._reader() as db:
            row = db.get(PartnerRow, key)
            return _to_model(row) if row is not None else None

    def active(self, key: str) -> Partner:
        """The registered, enabled partner with this key; UnknownPartner otherwise (also for
        a key that cannot be one)."""
        partner = self.get(key) if re.fullmatch(KEY_PATTERN, key) else None
        if partner is None or not partner.active:
            raise UnknownPartner(key)
        return partner

    def registered(self) -> list[Partner]:
        with self._reader() as db:
            return [_to_model(r) for r in db.scalars(select(PartnerRow).order_by(PartnerRow.key))]

    def save(self, partner: Partner) -> bool:
        """Creates or replaces the partner (the command line); returns whether it was new."""
        with self._writer.begin() as db:
            return _store_row(db, partner)

    def remove(self, key: str) -> bool:
        with self._writer.begin() as db:
            row = db.get(PartnerRow, key)
            if row is None:
                return False
            db.delete(row)
            return True

    # --- versioned edits (the admin pages) ----------------------------------------------------

    def listings(self) -> list[PartnerListing]:
        with self._reader() as db:
            stored = latest_of_kind(db, KIND)
        return [_listing(p, stored.get(p.key)) for p in self.registered()]

    def listing(self, key: str) -> PartnerListing:
        partner = self.get(key)
        if partner is None:
            raise UnknownItem(KIND.value, key)
        with self._reader() as db:
            return _listing(partner, latest_of_kind(db, KIND).get(key))

    def check(self, data: dict[str, Any], *, item_id: str | None) -> Partner:
        partner = parse_model(Partner, data, "(partner)")
        check_identity(partner.key, editing=item_id, exists=lambda taken: self.get(taken) is not None, field="key")
        return partner

    def edit(self, data: dict[str, Any], *, item_id: str | None, author: Author,
             base_version: int | None) -> Version | None:
        """Validates, stores the partner and a new version; None when nothing changed."""
        partner = self.check(data, item_id=item_id)
        if item_id is not None and self.get(item_id) == partner:
            return None
        return self._store(partner, Action.CREATE if item_id is None else Action.EDIT, author, base_version)

    def _store(self, partner: Partner, action: Action, author: Author, base_version: int | None) -> Version:
        # A partner made before versioning (from the command line) keeps its content as version 0.
        existing = self.get(partner.key)
        with self._writer.begin() as db:
            version = append(
                db, kind=KIND, item_id=partner.key, content=partner.model_dump(mode="json"), action=action,
                author=author, original=existing.model_dump(mode="json") if existing else None,
                expected_version=base_version,
            )
            _store_row(db, partner)
        return version

    def history(self, key: str) -> list[Version]:
        if self.get(key) is None:
            raise UnknownItem(KIND.value, key)
        with self._reader() as db:
            return history(db, KIND, key)

    def version(self, key: str, number: int) -> Version:
        with self._reader() as db:
            return require_version(db, KIND, key, number)

    def restore(self, key: str, number: int, *, author: Author) -> Version:
        old = self.version(key, number)
        return self._store(self.check(old.content, item_id=key), Action.RESTORE, author, None)
