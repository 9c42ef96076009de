"""The Chroma collection of passage embeddings: the only module that talks to Chroma."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

import chromadb
import httpx
import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from knowledge.schema import Entry
from retrieval.documents import passages
from retrieval.embeddings import model_id

Progress = Callable[[int, int, str], None]

# Up to this many passages, searches run on an in-memory copy of the vectors: exact cosine
# over a few thousand rows takes well under a millisecond, a Chroma query about ten. Chroma
# stays the store of record; larger indexes are searched with its ANN query.
IN_MEMORY_LIMIT = 50_000


class IndexUnavailable(Exception):
    """The Chroma server did not answer (down, unreachable, timed out)."""


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass(frozen=True)
class PassageHit:
    passage_id: str
    entry_id: str
    section: str
    lang: str
    text: str
    similarity: float


class PassageSearch(Protocol):
    """What the retriever needs of an index: the passages closest to a query vector. Raises
    IndexUnavailable when the index cannot be reached."""

    def search(self, vector: list[float], n: int, kind: str | None = None) -> list[PassageHit]: ...


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


@dataclass(frozen=True)
class PassageSnapshot:
    """Passage vectors held in memory (unit length) and searched by exact cosine."""

    vectors: np.ndarray
    ids: list[str]
    metadatas: list[dict[str, Any]]
    documents: list[str]

    def search(self, vector: list[float], n: int, kind: str | None = None) -> list[PassageHit]:
        if n <= 0 or not self.ids:
            return []
        query = np.asarray(vector, dtype=np.float32)
        scores = self.vectors @ (query / (np.linalg.norm(query) or 1.0))
        if kind is not None:
            scores = np.where([m.get("kind") == kind for m in self.metadatas], scores, -np.inf)
        top = np.argsort(-scores)[:n]
        return [
            PassageHit(
                self.ids[i],
                str(self.metadatas[i]["entry_id"]),
                str(self.metadatas[i]["section"]),
                str(self.metadatas[i]["lang"]),
                self.documents[i],
                float(scores[i]),
            )
            for i in top
            if np.isfinite(scores[i])
        ]


def chroma_client(*, path: Path | None, url: str | None) -> Any:
    # Telemetry would try to reach the internet on every start.
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if url:
        parsed = urlparse(url)
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    if path is None:
        raise ValueError("an embedded Chroma needs a path")
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class VectorIndex:
    """Passages of the knowledge base, one collection per embedding model (their vectors
    are not comparable), each passage tagged with its entry's content hash."""

    def __init__(self, embedder: Embeddings, client: Any, *, prefix: str = "kb") -> None:
        self._embedder = embedder
        self.collection_name = f"{prefix}-{model_id(embedder)}"[:60]
        # Passing our own embedding function keeps Chroma from loading its default model,
        # which it would try to download.
        self._store = Chroma(
            client=client,
            collection_name=self.collection_name,
            embedding_function=embedder,
            collection_metadata={"hnsw:space": "cosine"},
        )
        self._count = len(self._store.get(include=[])["ids"])
        self._snapshot: PassageSnapshot | None = None

    def indexed_hashes(self) -> dict[str, str]:
        data = self._store.get(include=["metadatas"])
        hashes: dict[str, str] = {}
        for metadata in data.get("metadatas") or []:
            if metadata:
                hashes[str(metadata["entry_id"])] = str(metadata["hash"])
        return hashes

    def count(self) -> int:
        return self._count

    def _remove(self, entry_id: str) -> None:
        self._store.delete(where={"entry_id": entry_id})

    def _add(self, entry: Entry) -> None:
        items = passages(entry)
        self._store.add_texts(
            texts=[p.text for p in items], metadatas=_passage_metadata(entry), ids=[p.id for p in items]
        )

    def sync(self, entries: dict[str, Entry], progress: Progress | None = None) -> SyncReport:
        """Re-embeds only entries whose content hash changed and drops deleted ones. Raises
        IndexUnavailable when a Chroma server does not answer."""
        try:
            return self._sync(entries, progress)
        except httpx.TransportError as exc:
            raise IndexUnavailable(str(exc)) from exc

    def _sync(self, entries: dict[str, Entry], progress: Progress | None) -> SyncReport:
        report = SyncReport()
        indexed = self.indexed_hashes()
        stale = [entry_id for entry_id in indexed if entry_id not in entries]
        todo = [e for e in entries.values() if indexed.get(e.id) != e.content_hash()]
        report.unchanged = len(entries) - len(todo)
        total = len(stale) + len(todo)
        done = 0
        if progress:
            progress(0, total, "")
        for entry_id in stale:
            self._remove(entry_id)
            report.removed.append(entry_id)
            done += 1
            if progress:
                progress(done, total, entry_id)
        for entry in todo:
            if entry.id in indexed:
                self._remove(entry.id)
                report.updated.append(entry.id)
            else:
                report.added.append(entry.id)
            self._add(entry)
            done += 1
            if progress:
                progress(done, total, entry.id)
        self._count = len(self._store.get(include=[])["ids"])
        self._snapshot = None
        return report

    def _loaded(self) -> PassageSnapshot:
        if self._snapshot is None:
            data = self._store.get(include=["embeddings", "metadatas", "documents"])
            vectors = np.asarray(data["embeddings"], dtype=np.float32).reshape(len(data["ids"]), -1)
            self._snapshot = PassageSnapshot(
                _unit_rows(vectors),
                list(data["ids"]),
                [dict(m or {}) for m in data["metadatas"]],
                list(data["documents"]),
            )
        return self._snapshot

    def with_entries(self, entries: Iterable[Entry]) -> PassageSnapshot:
        """The passages as they would be after syncing these (new or changed) entries, in
        memory only: the collection is not touched, so an edit can be tried out first. Only
        the given entries are embedded. Searched by exact cosine, as the live index is up to
        IN_MEMORY_LIMIT passages."""
        changed = list(entries)
        replaced = {entry.id for entry in changed}
        live = self._loaded()
        keep = [i for i, metadata in enumerate(live.metadatas) if metadata.get("entry_id") not in replaced]
        items = [p for entry in changed for p in passages(entry)]
        vectors = live.vectors[keep]
        if items:
            fresh = np.asarray(self._embedder.embed_documents([p.text for p in items]), dtype=np.float32)
            vectors = np.vstack([vectors, _unit_rows(fresh.reshape(len(items), -1))])
        return PassageSnapshot(
            vectors,
            [live.ids[i] for i in keep] + [p.id for p in items],
            [live.metadatas[i] for i in keep] + [m for entry in changed for m in _passage_metadata(entry)],
            [live.documents[i] for i in keep] + [p.text for p in items],
        )

    def search(self, vector: list[float], n: int, kind: str | None = None) -> list[PassageHit]:
        n = min(n, self.count())
        if n <= 0:
            return []
        try:
            if self.count() <= IN_MEMORY_LIMIT:
                return self._loaded().search(vector, n, kind)
            found = self._store.similarity_search_by_vector_with_relevance_scores(
                vector, k=n, filter={"kind": kind} if kind else None
            )
        except httpx.TransportError as exc:
            raise IndexUnavailable(str(exc)) from exc
        # With the cosine space Chroma reports a distance, 1 - cosine similarity.
        return [
            PassageHit(
                str(doc.id),
                str(doc.metadata["entry_id"]),
                str(doc.metadata["section"]),
                str(doc.metadata["lang"]),
                doc.page_content,
                1.0 - float(distance),
            )
            for doc, distance in found
        ]


def _passage_metadata(entry: Entry) -> list[dict[str, Any]]:
    digest = entry.content_hash()
    return [
        {"entry_id": entry.id, "kind": entry.kind, "hash": digest, "section": p.section, "lang": p.lang}
        for p in passages(entry)
    ]
