"""Partner portals for the admin pages. The partners table stays the live store (the widget
reads it); every save also records a version, in the same transaction."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel
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
from application.partners.schemas import Partner
from application.partners.service import PartnerService, store_partner

KIND = ItemKind.PARTNER


class PartnerListing(BaseModel):
    partner: Partner
    version: int
    edited_by: str | None
    edited_at: datetime | None


class PartnerAdmin:
    def __init__(self, *, writer: sessionmaker[Session], reader: sessionmaker[Session],
                 partners: PartnerService) -> None:
        self._writer = writer
        self._reader = reader
        self._partners = partners

    def _listing(self, partner: Partner, stored: Version | None) -> PartnerListing:
        return PartnerListing(partner=partner, version=stored.version if stored else 0,
                              edited_by=stored.author.name if stored else None,
                              edited_at=stored.created_at if stored else None)

    def all(self) -> list[PartnerListing]:
        with self._reader() as db:
            stored = latest_of_kind(db, KIND)
        return [self._listing(p, stored.get(p.key)) for p in self._partners.list()]

    def get(self, key: str) -> PartnerListing:
        partner = self._partners.get(key)
        if partner is None:
            raise UnknownItem(KIND.value, key)
        with self._reader() as db:
            return self._listing(partner, latest_of_kind(db, KIND).get(key))

    def check(self, data: dict[str, Any], *, key: str | None) -> Partner:
        partner = parse_model(Partner, data, "(partner)")
        check_identity(partner.key, editing=key, exists=lambda taken: self._partners.get(taken) is not None,
                       field="key")
        return partner

    def save(self, data: dict[str, Any], *, key: str | None, author: Author,
             base_version: int | None) -> Version | None:
        """Validates, stores the partner and a new version; None when nothing changed."""
        partner = self.check(data, key=key)
        if key is not None and self._partners.get(key) == partner:
            return None
        return self._store(partner, Action.CREATE if key is None else Action.EDIT, author, base_version)

    def _store(self, partner: Partner, action: Action, author: Author, base_version: int | None) -> Version:
        # A partner made before versioning (from the command line) keeps its content as version 0.
        existing = self._partners.get(partner.key)
        with self._writer.begin() as db:
            version = append(
                db, kind=KIND, item_id=partner.key, content=partner.model_dump(mode="json"), action=action,
                author=author, original=existing.model_dump(mode="json") if existing else None,
                expected_version=base_version,
            )
            store_partner(db, partner)
        return version

    def history(self, key: str) -> list[Version]:
        if self._partners.get(key) is None:
            raise UnknownItem(KIND.value, key)
        with self._reader() as db:
            return history(db, KIND, key)

    def version(self, key: str, number: int) -> Version:
        with self._reader() as db:
            return require_version(db, KIND, key, number)

    def restore(self, key: str, number: int, *, author: Author) -> Version:
        old = self.version(key, number)
        return self._store(self.check(old.content, key=key), Action.RESTORE, author, None)
