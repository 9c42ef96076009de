"""Knowledge-base entries for the admin pages: list and search, validate, preview, save as
a new version, history and restore, JSON Lines import and export."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from application.catalog.errors import ImportRejected, UnknownItem
from application.catalog.live import LiveKnowledge
from application.catalog.preview import Preview
from application.catalog.validation import check_entry, check_identity
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
from knowledge.schema import Entry
from knowledge.transfer import parse_jsonl, to_jsonl

KIND = ItemKind.ENTRY


class EntryListing(BaseModel):
    entry: Entry
    # 0 while the shipped content is unchanged; the newest saved version otherwise.
    version: int
    shipped: bool
    edited_by: str | None
    edited_at: datetime | None


class ImportReport(BaseModel):
    created: list[str]
    updated: list[str]
    unchanged: list[str]


def _matches(entry: Entry, words: list[str]) -> bool:
    haystack = " ".join(
        [entry.id, entry.name.ko, entry.name.en, *entry.aliases, *entry.capability_tags]
    ).lower()
    return all(word in haystack for word in words)


class EntryAdmin:
    def __init__(self, live: LiveKnowledge) -> None:
        self._live = live

    def _listing(self, entry: Entry, stored: Version | None) -> EntryListing:
        return EntryListing(
            entry=entry,
            version=stored.version if stored else 0,
            shipped=entry.id in self._live.shipped.kb.entries,
            edited_by=stored.author.name if stored else None,
            edited_at=stored.created_at if stored else None,
        )

    def find(self, query: str = "") -> list[EntryListing]:
        """Entries whose id, name (ko/en), alias or capability tag contains every word of
        the query, programs first, then by id."""
        with self._live.reader() as db:
            stored = latest_of_kind(db, KIND)
        words = query.lower().split()
        entries = sorted(self._live.kb.entries.values(), key=lambda e: (e.kind != "program", e.id))
        return [self._listing(e, stored.get(e.id)) for e in entries if _matches(e, words)]

    def get(self, entry_id: str) -> EntryListing:
        entry = self._live.kb.get(entry_id)
        if entry is None:
            raise UnknownItem(KIND.value, entry_id)
        with self._live.reader() as db:
            return self._listing(entry, latest_of_kind(db, KIND).get(entry_id))

    def exists(self, entry_id: str) -> bool:
        return entry_id in self._live.kb.entries

    def seed_files(self) -> list[str]:
        """The seed files a source may quote."""
        return sorted(path.name for path in self._live.shipped.seeds_dir.glob("*.txt"))

    def check(self, data: dict[str, Any], *, entry_id: str | None) -> Entry:
        """Validates submitted content for the entry `entry_id` (None: a new entry)."""
        entry = check_entry(data, seeds_dir=self._live.shipped.seeds_dir)
        check_identity(entry.id, editing=entry_id, exists=self.exists, field="slug")
        return entry

    def preview(self, data: dict[str, Any], *, entry_id: str | None) -> tuple[Entry, Preview]:
        entry = self.check(data, entry_id=entry_id)
        live = self._live
        return entry, live.previewer.preview(entry, retriever=live.retriever, index=live.index)

    def save(self, data: dict[str, Any], *, entry_id: str | None, author: Author,
             base_version: int | None) -> Version | None:
        """Validates, stores a new version and applies it to this process's search at once;
        None when the content is unchanged (nothing is stored). `base_version` is the
        version the editor started from (StaleEdit if it moved on)."""
        entry = self.check(data, entry_id=entry_id)
        if entry_id is not None and self._live.kb.get(entry_id) == entry:
            return None
        return self._store(entry, Action.CREATE if entry_id is None else Action.EDIT, author, base_version)

    def _store(self, entry: Entry, action: Action, author: Author, base_version: int | None) -> Version:
        return self._live.store(kind=KIND, item_id=entry.id, content=entry, shipped=self._live.shipped.kb.get(entry.id),
                                action=action, author=author, base_version=base_version)

    def history(self, entry_id: str) -> list[Version]:
        if entry_id not in self._live.kb.entries:
            raise UnknownItem(KIND.value, entry_id)
        with self._live.reader() as db:
            return history(db, KIND, entry_id)

    def version(self, entry_id: str, number: int) -> Version:
        with self._live.reader() as db:
            return require_version(db, KIND, entry_id, number)

    def restore(self, entry_id: str, number: int, *, author: Author) -> Version:
        """A new version with an old version's content, validated again (seeds may have
        changed since) and re-indexed."""
        old = self.version(entry_id, number)
        entry = self.check(old.content, entry_id=entry_id)
        return self._store(entry, Action.RESTORE, author, None)

    def export_jsonl(self) -> str:
        return "".join(line + "\n" for line in to_jsonl(self._live.kb))

    def import_jsonl(self, text: str, *, name: str, author: Author) -> ImportReport:
        """Every line is validated first (as `intake kb import`); on any problem nothing is
        applied and ImportRejected lists them as `name:line: field: message`. Otherwise each
        new or changed entry becomes a new version, all in one transaction."""
        entries, problems = parse_jsonl(text, name, self._live.shipped.seeds_dir)
        if problems:
            raise ImportRejected(problems)
        report = ImportReport(created=[], updated=[], unchanged=[])
        current = self._live.kb.entries
        with self._live.writer.begin() as db:
            for entry in entries:
                existing = current.get(entry.id)
                if existing is not None and existing.content_hash() == entry.content_hash():
                    report.unchanged.append(entry.id)
                    continue
                shipped = self._live.shipped.kb.get(entry.id)
                append(db, kind=KIND, item_id=entry.id, content=entry.model_dump(mode="json"),
                       action=Action.IMPORT, author=author,
                       original=shipped.model_dump(mode="json") if shipped else None)
                (report.updated if existing is not None else report.created).append(entry.id)
        self._live.reload()
        return report

