"""Hybrid search over the knowledge base: dense passages (Chroma) + BM25 on morphemes, fused per
entry, exact names first, and a verdict on whether the knowledge base answers at all."""

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from langchain_core.embeddings import Embeddings

from knowledge.loader import KnowledgeBase
from knowledge.schema import Entry
from knowledge.sources import readable_citation, source_url
from retrieval.aliases import AliasHit, AliasMatcher
from retrieval.answerability import Abstention, OutOfScope, asked_figures, stated_figures
from retrieval.lexical import LexicalIndex
from retrieval.models import SearchResponse, SearchResult
from retrieval.store import IndexUnavailable, PassageHit, PassageSearch
from retrieval.tokenize import terms

log = logging.getLogger(__name__)

EntryFilter = Callable[[Entry], bool]
QUERY_CACHE_SIZE = 2048


@dataclass(frozen=True)
class Fusion:
    """How dense and lexical rankings are combined (reciprocal-rank fusion). A small `k`
    keeps rank 1 and rank 5 clearly apart in a corpus of a few dozen entries. The defaults
    were chosen on the dev set with `bench/retrieval_ablation.py` (README, "Retrieval")."""

    dense_weight: float = 1.0
    lexical_weight: float = 2.0
    k: int = 10
    detail_weight: float = 0.0


@dataclass(frozen=True)
class _Corpus:
    """Everything the retriever derives from the entries, replaced as one object so that a
    search running while the knowledge base is reloaded sees one version throughout."""

    entries: dict[str, Entry]
    lexical: LexicalIndex
    aliases: AliasMatcher
    figures: dict[str, set[str]]

    @classmethod
    def of(cls, entries: dict[str, Entry]) -> "_Corpus":
        listed = list(entries.values())
        return cls(dict(entries), LexicalIndex(listed), AliasMatcher(listed),
                   {entry_id: stated_figures(entry) for entry_id, entry in entries.items()})


def _source(entry: Entry, lang: str) -> str:
    first = entry.sources[0]
    return readable_citation(first.seed, first.quote, lang)


class Retriever:
    def __init__(
        self,
        kb: KnowledgeBase,
        embedder: Embeddings,
        index: PassageSearch,
        abstention: Abstention | None = None,
        fusion: Fusion | None = None,
    ) -> None:
        self.kb = kb
        self._embedder = embedder
        self._index = index
        self._corpus = _Corpus.of(kb.entries)
        self.abstention = abstention or Abstention()
        self.fusion = fusion or Fusion()
        self._out_of_scope = OutOfScope(embedder)
        # Owners ask the same questions ("스마트공장이 뭐예요?"); the embedding is most of a
        # search's cost, so repeated queries reuse it.
        self._query_vector = lru_cache(maxsize=QUERY_CACHE_SIZE)(embedder.embed_query)

    @property
    def lexical(self) -> LexicalIndex:
        return self._corpus.lexical

    @property
    def embedder(self) -> Embeddings:
        return self._embedder

    def warm(self) -> None:
        """Loads what the first search would otherwise wait for."""
        self._out_of_scope.warm()

    def reload(self) -> None:
        """Picks up the knowledge base's current entries (call after the index was synced
        to them). Query vectors stay cached: they do not depend on the entries."""
        self._corpus = _Corpus.of(self.kb.entries)

    def with_knowledge(self, kb: KnowledgeBase, index: PassageSearch) -> "Retriever":
        """A retriever over other entries and passages sharing this one's model, caches and
        settings: for trying an edit without touching the live index."""
        other = copy.copy(self)
        other.kb = kb
        other._index = index
        other._corpus = _Corpus.of(kb.entries)
        return other

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        kind: str | None = None,
        entry_filter: EntryFilter | None = None,
        lang: str = "ko",
        vector: list[float] | None = None,
    ) -> SearchResponse:
        """Entries for `query`, best first. Names and the quoted passage are in `lang`
        where the entry has them; ranking uses both languages. `vector` is the query's
        embedding when the caller already has it."""
        query = query.strip()
        corpus = self._corpus
        allowed = {
            entry_id
            for entry_id, entry in corpus.entries.items()
            if (kind is None or entry.kind == kind) and (entry_filter is None or entry_filter(entry))
        }
        if not query or not allowed:
            return SearchResponse(query=query, answerable=False, results=[])

        if vector is None:
            vector = self._query_vector(query)
        try:
            hits = self._index.search(vector, n=max(120, 24 * k), kind=kind)
            lexical_only = False
        except IndexUnavailable as exc:
            # Owners keep talking while the Chroma server is down; the answer says the search
            # was by keywords only.
            log.warning("passage index unavailable, searching by keywords only: %s", exc)
            hits, lexical_only = [], True
        profile: dict[str, float] = {}
        detail: dict[str, PassageHit] = {}
        quoted: dict[str, PassageHit] = {}
        for hit in hits:
            if hit.entry_id not in allowed:
                continue
            if hit.section == "profile":
                profile[hit.entry_id] = max(profile.get(hit.entry_id, -1.0), hit.similarity)
                continue
            if hit.entry_id not in detail or hit.similarity > detail[hit.entry_id].similarity:
                detail[hit.entry_id] = hit
            if hit.lang == lang and (hit.entry_id not in quoted or hit.similarity > quoted[hit.entry_id].similarity):
                quoted[hit.entry_id] = hit
        fusion = self.fusion
        dense = {
            entry_id: profile.get(entry_id, 0.0)
            + fusion.detail_weight * (detail[entry_id].similarity if entry_id in detail else 0.0)
            for entry_id in set(profile) | set(detail)
        }

        query_terms = terms(query)
        lexical = corpus.lexical.scores(query_terms)
        coverage = corpus.lexical.coverage(query_terms)
        named = {hit.entry_id: hit for hit in corpus.aliases.find(query) if hit.entry_id in allowed}

        dense_rank = sorted(dense, key=lambda e: -dense[e])
        lexical_rank = sorted((e for e in allowed if lexical.get(e, 0.0) > 0), key=lambda e: -lexical[e])
        fused: dict[str, float] = {}
        for ranking, weight in ((dense_rank, fusion.dense_weight), (lexical_rank, fusion.lexical_weight)):
            if weight <= 0:
                continue
            for rank, entry_id in enumerate(ranking):
                fused[entry_id] = fused.get(entry_id, 0.0) + weight / (fusion.k + rank + 1)
        top_lexical = max(lexical.values(), default=0.0) or 1.0
        best_possible = (fusion.dense_weight + fusion.lexical_weight) / (fusion.k + 1)

        def order(entry_id: str) -> tuple[int, int, float]:
            alias = named.get(entry_id)
            return (0 if alias else 1, -(alias.length if alias else 0), -fused.get(entry_id, 0.0))

        ranked = sorted(set(fused) | set(named), key=order)[:k]
        results = [
            self._result(corpus.entries[entry_id], lang, fused.get(entry_id, 0.0) / best_possible,
                         quoted.get(entry_id), profile.get(entry_id, 0.0),
                         lexical.get(entry_id, 0.0) / top_lexical, named.get(entry_id))
            for entry_id in ranked
        ]
        answerable = bool(results) and self.abstention.answerable(
            dense=results[0].dense,
            coverage=coverage.get(results[0].id, 0.0),
            named=bool(named),
            out_of_scope=self._out_of_scope.closeness(vector),
            missing_figure=bool(asked_figures(query) - corpus.figures[results[0].id]),
        )
        return SearchResponse(query=query, answerable=answerable, results=results, lexical_only=lexical_only)

    def _result(
        self,
        entry: Entry,
        lang: str,
        score: float,
        passage: PassageHit | None,
        closeness: float,
        lexical: float,
        alias: AliasHit | None,
    ) -> SearchResult:
        return SearchResult(
            id=entry.id,
            name=entry.name.get(lang),
            score=round(min(score, 1.0), 4),
            passage=passage.text if passage else entry.summary.get(lang),
            summary=entry.summary.get(lang),
            source=_source(entry, lang),
            source_url=source_url(entry.sources[0].seed),
            seed=entry.sources[0].seed,
            quote=entry.sources[0].quote,
            kind=entry.kind,
            matched_alias=alias.alias if alias else None,
            dense=round(closeness, 4),
            lexical=round(lexical, 4),
        )
