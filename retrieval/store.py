"""The Chroma collection of passage embeddings: the only module that talks to Chroma."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

import chromadb
import httpx
import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_core.embeddings import Embeddings

from knowledge.schema import Entry
from retrieval.documents import passages
from retrieval.embeddings import model_id

Progress = Callable[[int, int, str], None]

# Passages embedded per call: the model runs a batch several times faster than one text at a
# time, and a batch this size still lets a progress bar move every second or so.
EMBED_BATCH = 64

# Up to this many passages, searches run on an in-memory copy of the vectors (exact cosine);
# Chroma stays the store of record, and larger indexes are searched with its HNSW query. Set
# where exact cosine stops being the faster, measured with
#   python bench/catalog_growth.py --sizes 100,300,1000,2000,3000,5000 --embed-up-to 0
# (384-dimension vectors, load average 1.2-3.6 on 2 cores): p50 ms of the dense search alone,
# in memory / Chroma, 0.3 / 3.5 at 2,856 passages, 2.4 / 6.5 at 28,867, 3.7 / 5.6 at 57,927,
# 5.6 / 4.9 at 86,995, 8.4 / 4.6 at 145,130 (whole searches 16.3 / 21.1, 26.3 / 26.3 and
# 40.3 / 38.7 ms at the last three). Before the cosine ran on one core (PassageSnapshot.search)
# the multi-threaded BLAS product made the in-memory path the slower one already at 28,867
# passages on the busy machine: whole search 23.8 / 15.6 ms at load 3, dense 1.4 / 5.6 ms, the
# BLAS threads slowing the rest of the search. A model with longer vectors costs the in-memory
# path proportionally more. Each worker holds its own copy: about 2.6 KB a passage.
IN_MEMORY_LIMIT = 60_000


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

    @cached_property
    def _kinds(self) -> np.ndarray:
        return np.array([str(m.get("kind", "")) for m in self.metadatas])

    def search(self, vector: list[float], n: int, kind: str | None = None) -> list[PassageHit]:
        if n <= 0 or not self.ids:
            return []
        query = np.asarray(vector, dtype=np.float32)
        query = (query / (np.linalg.norm(query) or 1.0)).astype(np.float32)
        # einsum's own loop, on one core: OpenBLAS (`@`) spreads a matrix-vector product over
        # every core and keeps its threads spinning after it, which on a busy machine makes the
        # product several times slower and the rest of the search slower too (IN_MEMORY_LIMIT).
        scores = np.einsum("ij,j->i", self.vectors, query)
        if kind is not None:
            scores = np.where(self._kinds == kind, scores, -np.inf)
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
        # The vectors are always computed here (in batches); without an embedding function of
        # its own Chroma never loads its default model, which it would try to download.
        self._collection = client.get_or_create_collection(
            self.collection_name, metadata={"hnsw:space": "cosine"}, embedding_function=None
        )
        # Chroma takes a bounded number of records per call, reads included: an embedded Chroma
        # reads metadata with one SQLite variable per record and fails past 32,766 of them.
        self._max_batch = int(client.get_max_batch_size())
        self._count = int(self._collection.count())
        self._snapshot: PassageSnapshot | None = None

    def _get_all(self, include: list[str]) -> dict[str, list[Any]]:
        """Every record's id and the included fields, read a page at a time (embeddings as
        float32 rows: Chroma hands them over in float64, twice the memory)."""
        found: dict[str, list[Any]] = {"ids": [], **{name: [] for name in include}}
        while True:
            page = self._collection.get(include=include, limit=self._max_batch, offset=len(found["ids"]))
            found["ids"].extend(page["ids"])
            for name in include:
                values = page[name] if page[name] is not None else []
                found[name].extend(np.asarray(values, dtype=np.float32) if name == "embeddings" else values)
            if len(page["ids"]) < self._max_batch:
                return found

    def indexed_hashes(self) -> dict[str, str]:
        hashes: dict[str, str] = {}
        for metadata in self._get_all(["metadatas"])["metadatas"]:
            if metadata:
                hashes[str(metadata["entry_id"])] = str(metadata["hash"])
        return hashes

    def count(self) -> int:
        return self._count

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
        report.removed = [entry_id for entry_id in indexed if entry_id not in entries]
        todo = [e for e in entries.values() if indexed.get(e.id) != e.content_hash()]
        report.updated = [e.id for e in todo if e.id in indexed]
        report.added = [e.id for e in todo if e.id not in indexed]
        report.unchanged = len(entries) - len(todo)
        if report.removed or report.updated:
            self._collection.delete(where={"entry_id": {"$in": report.removed + report.updated}})
        items = [(entry, passage, metadata) for entry in todo
                 for passage, metadata in zip(passages(entry), _passage_metadata(entry), strict=True)]
        vectors = self._embed_unique([(passage.text, entry.id) for entry, passage, _ in items], progress)
        for start in range(0, len(items), self._max_batch):
            chunk = items[start:start + self._max_batch]
            self._collection.upsert(
                ids=[passage.id for _, passage, _ in chunk],
                embeddings=np.asarray([vectors[passage.text] for _, passage, _ in chunk], dtype=np.float32),
                metadatas=[metadata for _, _, metadata in chunk],
                documents=[passage.text for _, passage, _ in chunk],
            )
        # Even when this call wrote nothing, another process may have written these entries'
        # vectors: the in-memory copy is read again on the next search.
        self._count = self._collection.count()
        self._snapshot = None
        return report

    def _embed_unique(self, texts: list[tuple[str, str]], progress: Progress | None) -> dict[str, list[float]]:
        """Vectors of the (text, entry id) pairs' texts, in batches, each distinct text once:
        entries of one kind share sentences (the same caveat about what a source does not say
        stands in every vendor entry). Progress counts texts."""
        todo = list(dict(texts).items())
        vectors: dict[str, list[float]] = {}
        if progress:
            progress(0, len(todo), "")
        for start in range(0, len(todo), EMBED_BATCH):
            batch = todo[start:start + EMBED_BATCH]
            vectors.update(zip((text for text, _ in batch),
                               self._embedder.embed_documents([text for text, _ in batch]), strict=True))
            if progress:
                progress(start + len(batch), len(todo), batch[-1][1])
        return vectors

    def _loaded(self) -> PassageSnapshot:
        if self._snapshot is None:
            data = self._get_all(["embeddings", "metadatas", "documents"])
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
            found = self._collection.query(
                query_embeddings=[vector], n_results=n, where={"kind": kind} if kind else None,
                include=["metadatas", "documents", "distances"],
            )
        except httpx.TransportError as exc:
            raise IndexUnavailable(str(exc)) from exc
        # With the cosine space Chroma reports a distance, 1 - cosine similarity.
        return [
            PassageHit(
                str(passage_id),
                str(metadata["entry_id"]),
                str(metadata["section"]),
                str(metadata["lang"]),
                str(document),
                1.0 - float(distance),
            )
            for passage_id, metadata, document, distance in zip(
                found["ids"][0], found["metadatas"][0], found["documents"][0], found["distances"][0], strict=True
            )
        ]


def _passage_metadata(entry: Entry) -> list[dict[str, Any]]:
    digest = entry.content_hash()
    return [
        {"entry_id": entry.id, "kind": entry.kind, "hash": digest, "section": p.section, "lang": p.lang}
        for p in passages(entry)
    ]
