"""The mentor roster for the admin pages: list, add and edit as versions, history, restore."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from application.catalog.errors import UnknownItem
from application.catalog.live import LiveKnowledge
from application.catalog.validation import check_identity, check_mentor
from application.catalog.versions import Action, Author, ItemKind, Version, history, latest_of_kind, require_version
from knowledge.roster import MentorEntry

KIND = ItemKind.MENTOR


class MentorListing(BaseModel):
    mentor: MentorEntry
    version: int
    shipped: bool
    edited_by: str | None
    edited_at: datetime | None


class MentorAdmin:
    def __init__(self, live: LiveKnowledge) -> None:
        self._live = live

    def _roster(self) -> dict[str, MentorEntry]:
        return {m.slug: m for m in self._live.roster}

    def _listing(self, mentor: MentorEntry, stored: Version | None) -> MentorListing:
        return MentorListing(
            mentor=mentor, version=stored.version if stored else 0, shipped=mentor.slug in self._live.shipped.mentors,
            edited_by=stored.author.name if stored else None, edited_at=stored.created_at if stored else None,
        )

    def listings(self) -> list[MentorListing]:
        """Tier 3, then 2, then 1; by slug within a tier."""
        with self._live.reader() as db:
            stored = latest_of_kind(db, KIND)
        mentors = sorted(self._live.roster, key=lambda m: (-m.tier, m.slug))
        return [self._listing(m, stored.get(m.slug)) for m in mentors]

    def listing(self, slug: str) -> MentorListing:
        mentor = self._roster().get(slug)
        if mentor is None:
            raise UnknownItem(KIND.value, slug)
        with self._live.reader() as db:
            return self._listing(mentor, latest_of_kind(db, KIND).get(slug))

    def known_tags(self) -> list[str]:
        return sorted(self._live.known_tags())

    def check(self, data: dict[str, Any], *, item_id: str | None) -> MentorEntry:
        mentor = check_mentor(data, roster=self._roster(), known_tags=self._live.known_tags())
        check_identity(mentor.slug, editing=item_id, exists=lambda taken: taken in self._roster(), field="slug")
        return mentor

    def edit(self, data: dict[str, Any], *, item_id: str | None, author: Author,
             base_version: int | None) -> Version | None:
        """Validates and stores a new version, applied at once; None when nothing changed."""
        mentor = self.check(data, item_id=item_id)
        if item_id is not None and self._roster().get(item_id) == mentor:
            return None
        return self._store(mentor, Action.CREATE if item_id is None else Action.EDIT, author, base_version)

    def _store(self, mentor: MentorEntry, action: Action, author: Author, base_version: int | None) -> Version:
        return self._live.store(kind=KIND, item_id=mentor.slug, content=mentor,
                                shipped=self._live.shipped.mentors.get(mentor.slug), action=action, author=author,
                                base_version=base_version)

    def history(self, slug: str) -> list[Version]:
        if slug not in self._roster():
            raise UnknownItem(KIND.value, slug)
        with self._live.reader() as db:
            return history(db, KIND, slug)

    def version(self, slug: str, number: int) -> Version:
        with self._live.reader() as db:
            return require_version(db, KIND, slug, number)

    def restore(self, slug: str, number: int, *, author: Author) -> Version:
        old = self.version(slug, number)
        return self._store(self.check(old.content, item_id=slug), Action.RESTORE, author, None)
