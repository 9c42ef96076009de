"""Hybrid search over the knowledge base: dense passages (Chroma) + Kiwi BM25, fused per
entry, exact names first, and a verdict on whether the knowledge base answers at all."""

from collections.abc import Callable
from dataclasses import dataclass

from langchain_core.embeddings import Embeddings

from knowledge.loader import KnowledgeBase
from knowledge.schema import Entry
from retrieval.aliases import AliasHit, AliasMatcher
from retrieval.lexical import LexicalIndex
from retrieval.models import SearchResponse, SearchResult
from retrieval.store import PassageHit, VectorIndex
from retrieval.tokenize import terms

EntryFilter = Callable[[Entry], bool]

# Reciprocal-rank fusion constant. Small corpora want a small k so that rank 1 and rank 5
# still differ clearly; measured on the dev set (README, "Retrieval quality").
RRF_K = 10


@dataclass(frozen=True)
class Abstention:
    """The knowledge base answers a query when its best entry is close in meaning (cosine)
    and shares enough of the query's rarer words, or is named outright.

    The two thresholds are calibrated on the dev set by `bench/calibrate_abstention.py`;
    README explains the procedure and the figures."""

    min_dense: float = 0.83
    min_coverage: float = 0.2
    sure_dense: float = 0.87

    def answerable(self, dense: float, coverage: float, named: bool) -> bool:
        if named:
            return True
        return dense >= self.sure_dense or (dense >= self.min_dense and coverage >= self.min_coverage)


def _source(entry: Entry) -> str:
    first = entry.sources[0]
    return f"{first.seed}: {first.quote}"


class Retriever:
    def __init__(
        self,
        kb: KnowledgeBase,
        embedder: Embeddings,
        index: VectorIndex,
        abstention: Abstention | None = None,
    ) -> None:
        self.kb = kb
        self._embedder = embedder
        self._index = index
        self._lexical = LexicalIndex(list(kb.entries.values()))
        self._aliases = AliasMatcher(list(kb.entries.values()))
        self.abstention = abstention or Abstention()

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        kind: str | None = None,
        entry_filter: EntryFilter | None = None,
    ) -> SearchResponse:
        query = query.strip()
        allowed = {
            entry_id
            for entry_id, entry in self.kb.entries.items()
            if (kind is None or entry.kind == kind) and (entry_filter is None or entry_filter(entry))
        }
        if not query or not allowed:
            return SearchResponse(query=query, answerable=False, results=[])

        hits = self._index.search(self._embedder.embed_query(query), n=max(60, 12 * k), kind=kind)
        best_passage: dict[str, PassageHit] = {}
        for hit in hits:
            if hit.entry_id in allowed and (
                hit.entry_id not in best_passage or hit.similarity > best_passage[hit.entry_id].similarity
            ):
                best_passage[hit.entry_id] = hit

        query_terms = terms(query)
        lexical = self._lexical.scores(query_terms)
        coverage = self._lexical.coverage(query_terms)
        named = {hit.entry_id: hit for hit in self._aliases.find(query) if hit.entry_id in allowed}

        dense_rank = sorted(best_passage, key=lambda e: -best_passage[e].similarity)
        lexical_rank = sorted((e for e in allowed if lexical.get(e, 0.0) > 0), key=lambda e: -lexical[e])
        fused: dict[str, float] = {}
        for ranking in (dense_rank, lexical_rank):
            for rank, entry_id in enumerate(ranking):
                fused[entry_id] = fused.get(entry_id, 0.0) + 1.0 / (RRF_K + rank + 1)
        top_lexical = max(lexical.values(), default=0.0) or 1.0
        best_possible = 2.0 / (RRF_K + 1)

        def order(entry_id: str) -> tuple[int, int, float]:
            alias = named.get(entry_id)
            return (0 if alias else 1, -(alias.length if alias else 0), -fused.get(entry_id, 0.0))

        ranked = sorted(set(fused) | set(named), key=order)[:k]
        results = [
            self._result(entry_id, fused.get(entry_id, 0.0) / best_possible, best_passage.get(entry_id),
                         lexical.get(entry_id, 0.0) / top_lexical, named.get(entry_id))
            for entry_id in ranked
        ]
        answerable = bool(results) and self.abstention.answerable(
            dense=results[0].dense, coverage=coverage.get(results[0].id, 0.0), named=bool(named)
        )
        return SearchResponse(query=query, answerable=answerable, results=results)

    def _result(
        self,
        entry_id: str,
        score: float,
        passage: PassageHit | None,
        lexical: float,
        alias: AliasHit | None,
    ) -> SearchResult:
        entry = self.kb.entries[entry_id]
        return SearchResult(
            id=entry_id,
            name=entry.name.ko,
            score=round(min(score, 1.0), 4),
            passage=passage.text if passage else entry.summary.ko,
            source=_source(entry),
            kind=entry.kind,
            matched_alias=alias.alias if alias else None,
            dense=round(passage.similarity, 4) if passage else 0.0,
            lexical=round(lexical, 4),
        )
