"""What an edit would do to search before it is saved: which questions of the retrieval dev
set find the entry in their top five now and which would after the edit. A question newly
found is a gain only when the dev set labels this entry a right answer to it; one labelled
unanswerable, or answered by other entries, is a regression (`mismatched`).

The "after" side runs on a temporary copy (the live vectors with only the edited entry
re-embedded, and a retriever over the edited knowledge base); the live index and retriever
are not touched."""

import threading
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from knowledge.loader import KnowledgeBase
from knowledge.schema import Entry
from retrieval import Retriever, VectorIndex
from retrieval.embeddings import embed_queries
from retrieval.evaluation import RetrievalCase, load_cases

TOP_K = 5


class QueryChange(BaseModel):
    id: str
    query: str
    # 1-based rank of the entry among the results, None when it is not in the top five.
    rank_before: int | None
    rank_after: int | None
    # The dev set lists this entry as a right answer to the question.
    expected: bool
    # The dev set labels the question unanswerable: nothing should find it.
    unanswerable: bool = False


class Preview(BaseModel):
    entry_id: str
    queries: int
    gained: list[QueryChange]
    mismatched: list[QueryChange]
    lost: list[QueryChange]
    kept: list[QueryChange]


@cache
def preview_cases(path: Path) -> tuple[RetrievalCase, ...]:
    return tuple(load_cases(path))


def _rank(ranked: list[str], entry_id: str) -> int | None:
    return ranked.index(entry_id) + 1 if entry_id in ranked else None


class Previewer:
    """Embeds the dev questions once, in one batch, and keeps their live rankings for the
    current knowledge-base version, so a repeated preview only searches the edited copy."""

    def __init__(self, queries: Path) -> None:
        # Read on the first preview, not at start: most processes never show one.
        self._queries = queries
        self._lock = threading.Lock()
        self._vectors: dict[str, list[float]] | None = None
        self._live: tuple[str, dict[str, list[str]]] | None = None

    @property
    def cases(self) -> tuple[RetrievalCase, ...]:
        return preview_cases(self._queries)

    def _rankings(self, retriever: Retriever, vectors: dict[str, list[float]]) -> dict[str, list[str]]:
        return {
            case.id: [r.id for r in retriever.search(case.query, k=TOP_K, lang=case.lang,
                                                     vector=vectors[case.id]).results]
            for case in self.cases
        }

    def _prepared(self, retriever: Retriever) -> tuple[dict[str, list[float]], dict[str, list[str]]]:
        version = retriever.kb.version
        with self._lock:
            if self._vectors is None:
                queries = [case.query.strip() for case in self.cases]
                embedded = embed_queries(retriever.embedder, queries)
                self._vectors = {case.id: v for case, v in zip(self.cases, embedded, strict=True)}
            if self._live is None or self._live[0] != version:
                self._live = (version, self._rankings(retriever, self._vectors))
            return self._vectors, self._live[1]

    def preview(self, edited: Entry, *, retriever: Retriever, index: VectorIndex) -> Preview:
        vectors, before = self._prepared(retriever)
        trial_kb = KnowledgeBase(entries={**retriever.kb.entries, edited.id: edited})
        trial = retriever.with_knowledge(trial_kb, index.with_entries([edited]))
        after = self._rankings(trial, vectors)
        changes = [
            QueryChange(id=case.id, query=case.query, rank_before=_rank(before[case.id], edited.id),
                        rank_after=_rank(after[case.id], edited.id), expected=edited.id in case.relevant,
                        unanswerable=not case.relevant)
            for case in self.cases
        ]
        return Preview(
            entry_id=edited.id,
            queries=len(changes),
            gained=[c for c in changes if c.rank_before is None and c.rank_after is not None and c.expected],
            mismatched=[c for c in changes if c.rank_before is None and c.rank_after is not None and not c.expected],
            lost=[c for c in changes if c.rank_before is not None and c.rank_after is None],
            kept=[c for c in changes if c.rank_before is not None and c.rank_after is not None],
        )
