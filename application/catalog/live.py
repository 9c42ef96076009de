"""The effective knowledge base and roster (shipped files overlaid with the newest saved
version of each item) and keeping a running process in step with it.

Every process holds its own copy. After a save the saving process reloads at once; the
others notice on their next request (web/deps.py), because the newest `kb_versions` id (one
indexed lookup) differs from the one they loaded, and then reload the same way: their sync
finds the vectors already written, so nothing is embedded twice.

Several processes need a Chroma server (INTAKE_CHROMA_URL): an embedded Chroma keeps its
vectors per process, and once one process writes, the others' reads of it fail (`intake
serve --workers N` warns about this)."""

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session, sessionmaker

from application.catalog.preview import Previewer
from application.catalog.versions import Action, Author, ItemKind, Version, append, latest_of_kind, latest_revision
from application.settings import Settings
from application.store.database import session_factory
from application.store.migrate import migrated_engine
from knowledge.loader import KnowledgeBase, Problem, check_sources, load_knowledge_base, validation_problems
from knowledge.roster import MentorEntry, load_roster, validate_roster
from knowledge.schema import Entry
from retrieval import Retriever, SyncReport, VectorIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shipped:
    """What the package ships: the entry and mentor files, read once at start."""

    kb: KnowledgeBase
    mentors: dict[str, MentorEntry]
    seeds_dir: Path

    @classmethod
    def load(cls, knowledge_dir: Path, seeds_dir: Path) -> "Shipped":
        """The shipped files; any problem in them raises, as at every start."""
        kb, _ = load_knowledge_base(knowledge_dir, seeds_dir, strict=True)
        mentors, _ = load_roster()
        return cls(kb, {m.slug: m for m in mentors}, seeds_dir)

    def known_tags(self, entries: dict[str, Entry]) -> set[str]:
        return {tag for entry in entries.values() for tag in entry.capability_tags}


@dataclass(frozen=True)
class Effective:
    entries: dict[str, Entry]
    mentors: list[MentorEntry]
    revision: int
    # Stored versions that no longer validate (say, after an upgrade changed the schema or
    # a seed): the shipped content is used for them instead.
    problems: list[Problem]


def read_effective(db: Session, shipped: Shipped) -> Effective:
    # The revision first: should a save land in between, the contents are newer than the
    # revision, and the next request merely reloads once more.
    revision = latest_revision(db)
    problems: list[Problem] = []
    entries = dict(shipped.kb.entries)
    for item_id, version in latest_of_kind(db, ItemKind.ENTRY).items():
        where = f"kb_versions {item_id} v{version.version}"
        try:
            entry = Entry.model_validate(version.content)
        except ValidationError as exc:
            problems.extend(validation_problems(where, exc))
            continue
        found = list(check_sources(entry, where, shipped.seeds_dir))
        if entry.id != item_id:
            found.append(Problem(where, "slug", f"content is '{entry.id}', not '{item_id}'"))
        if found:
            problems.extend(found)
            continue
        entries[item_id] = entry
    mentors = dict(shipped.mentors)
    for slug, version in latest_of_kind(db, ItemKind.MENTOR).items():
        where = f"kb_versions mentor:{slug} v{version.version}"
        try:
            mentors[slug] = MentorEntry.model_validate(version.content)
        except ValidationError as exc:
            problems.extend(validation_problems(where, exc, whole="(mentor)"))
    roster, roster_problems = validate_roster(((f"mentor:{slug}", m) for slug, m in mentors.items()))
    problems.extend(roster_problems)
    for problem in problems:
        log.warning("stored knowledge-base version not applied: %s", problem)
    return Effective(entries, sorted(roster, key=lambda m: m.slug), revision, problems)


def effective_at_start(shipped: Shipped, reader: sessionmaker[Session]) -> Effective:
    with reader() as db:
        return read_effective(db, shipped)


def load_effective_kb(settings: Settings) -> KnowledgeBase:
    """The knowledge base as the service serves it (the shipped files with the staff edits
    saved in the database), for the command line."""
    database = migrated_engine(settings.effective_database_url)
    try:
        shipped = Shipped.load(settings.knowledge_dir, settings.seeds_dir)
        effective = effective_at_start(shipped, session_factory(database, read_only=True))
    finally:
        database.dispose()
    return KnowledgeBase(entries=effective.entries, files=shipped.kb.files)


class LiveKnowledge:
    """Owns the process's knowledge base, roster, index and retriever after start-up. The
    knowledge base and roster objects are shared with the engine and the brief builder and
    are updated in place, so everything sees an edit at once."""

    def __init__(
        self,
        *,
        shipped: Shipped,
        effective: Effective,
        kb: KnowledgeBase,
        roster: list[MentorEntry],
        index: VectorIndex,
        retriever: Retriever,
        reader: sessionmaker[Session],
        writer: sessionmaker[Session],
        preview_queries: Path,
    ) -> None:
        self.shipped = shipped
        self.kb = kb
        self.roster = roster
        self.index = index
        self.retriever = retriever
        self.reader = reader
        self.writer = writer
        self.problems = effective.problems
        self.previewer = Previewer(preview_queries)
        self._revision = effective.revision
        self._lock = threading.Lock()

    @property
    def revision(self) -> int:
        """The newest saved version this process has applied (0: nothing saved yet)."""
        return self._revision

    def known_tags(self) -> set[str]:
        return self.shipped.known_tags(self.kb.entries)

    def refresh_if_stale(self) -> bool:
        """Reloads when another process saved something since; returns whether it did.
        While this process is already reloading, the request goes on with what is loaded
        rather than waiting for the embedding."""
        with self.reader() as db:
            newest = latest_revision(db)
        if newest == self._revision or not self._lock.acquire(blocking=False):
            return False
        try:
            self._apply()
        finally:
            self._lock.release()
        return True

    def store(self, *, kind: ItemKind, item_id: str, content: BaseModel, shipped: BaseModel | None, action: Action,
              author: Author, base_version: int | None) -> Version:
        """Records a new version of an item (the shipped content, if any, becomes version 0 of
        an item without history) and applies it to this process at once."""
        with self.writer.begin() as db:
            version = append(
                db, kind=kind, item_id=item_id, content=content.model_dump(mode="json"), action=action,
                author=author, original=shipped.model_dump(mode="json") if shipped else None,
                expected_version=base_version,
            )
        self.reload()
        return version

    def reload(self) -> SyncReport:
        """Applies the newest saved versions: re-embeds only entries whose content changed,
        then swaps the retriever's entries and the roster."""
        with self._lock:
            return self._apply()

    def _apply(self) -> SyncReport:
        with self.reader() as db:
            effective = read_effective(db, self.shipped)
        report = SyncReport()
        if _hashes(effective.entries) != _hashes(self.kb.entries):
            report = self.index.sync(effective.entries)
            self.kb.entries = effective.entries
            self.retriever.reload()
        if effective.mentors != self.roster:
            self.roster[:] = effective.mentors
        self.problems = effective.problems
        self._revision = effective.revision
        return report


def _hashes(entries: dict[str, Entry]) -> dict[str, str]:
    return {entry_id: entry.content_hash() for entry_id, entry in entries.items()}
