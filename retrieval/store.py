"""The Chroma collection of passage embeddings: the only module that talks to Chroma."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
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


@dataclass(frozen=True)
class _Snapshot:
    vectors: np.ndarray
    ids: list[str]
    metadatas: list[dict[str, Any]]
    documents: list[str]


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
        self._snapshot: _Snapshot | None = None

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
        digest = entry.content_hash()
        self._store.add_texts(
            texts=[p.text for p in items],
            metadatas=[
                {
                    "entry_id": entry.id,
                    "kind": entry.kind,
                    "hash": digest,
                    "section": p.section,
                    "lang": p.lang,
                }
                for p in items
            ],
            ids=[p.id for p in items],
        )

    def sync(self, entries: dict[str, Entry], progress: Progress | None = None) -> SyncReport:
        """Re-embeds only entries whose content hash changed and drops deleted ones."""
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

    def _loaded(self) -> _Snapshot:
        if self._snapshot is None:
            data = self._store.get(include=["embeddings", "metadatas", "documents"])
            vectors = np.asarray(data["embeddings"], dtype=np.float32).reshape(len(data["ids"]), -1)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            self._snapshot = _Snapshot(
                vectors / np.where(norms == 0, 1, norms),
                list(data["ids"]),
                [dict(m or {}) for m in data["metadatas"]],
                list(data["documents"]),
            )
        return self._snapshot

    def _search_in_memory(self, vector: list[float], n: int, kind: str | None) -> list[PassageHit]:
        snap = self._loaded()
        query = np.asarray(vector, dtype=np.float32)
        scores = snap.vectors @ (query / (np.linalg.norm(query) or 1.0))
        if kind is not None:
            scores = np.where([m.get("kind") == kind for m in snap.metadatas], scores, -np.inf)
        top = np.argsort(-scores)[:n]
        return [
            PassageHit(
                snap.ids[i],
                str(snap.metadatas[i]["entry_id"]),
                str(snap.metadatas[i]["section"]),
                str(snap.metadatas[i]["lang"]),
                snap.documents[i],
                float(scores[i]),
            )
            for i in top
            if np.isfinite(scores[i])
        ]

    def search(self, vector: list[float], n: int, kind: str | None = None) -> list[PassageHit]:
        n = min(n, self.count())
        if n <= 0:
            return []
        if self.count() <= IN_MEMORY_LIMIT:
            return self._search_in_memory(vector, n, kind)
        found = self._store.similarity_search_by_vector_with_relevance_scores(
            vector, k=n, filter={"kind": kind} if kind else None
        )
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
