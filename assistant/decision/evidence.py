"""Citations and retrieval signals shared by the matchers.

A citation points at the seed sentence an entry rests on, so a mentor can check every
program fact the brief states: the article as a person reads it (publisher, year, headline),
the exact quote from the entry's `sources`, and the page showing it in context. The
quote is the one most related to the reason: each keyword of the reason found in the quote
(ignoring spaces and case) scores 2, plus the share of the reason's character pairs that
the quote contains; ties go to the entry's first source."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from assistant.decision.needs import load_lexicon
from assistant.ports import KnowledgeSearch
from knowledge.schema import Entry, SourceQuote
from knowledge.sources import quote_url, source_label
from prompts.brief import Lang, load_brief_prompts


class Citation(BaseModel):
    """Never a file name: the seed is turned into its article's label and source page."""

    id: str
    source: str = Field(description="The article: '중앙일보, 2009: 「…」'")
    quote: str = Field(default="", description="The sentence quoted from it")
    url: str | None = Field(default=None, description="The page showing the sentence in its article")
    reason: int | None = None  # index of the reason (in `reasons`) this citation backs

    @classmethod
    def of(cls, entry_id: str, quote: SourceQuote, lang: str, reason: int | None = None) -> "Citation":
        return cls(id=entry_id, source=source_label(quote.seed, lang), quote=quote.quote,
                   url=quote_url(quote.seed, quote.quote, lang), reason=reason)

    @classmethod
    def upgrade(cls, data: dict[str, Any], lang: str) -> dict[str, Any]:
        """A citation of a brief stored before schema 1.1, whose `source` was
        "<seed file>: <quote>", in today's shape."""
        seed, sep, quote = str(data.get("source", "")).partition(": ")
        if data.get("quote") or not sep or not seed.endswith(".txt"):
            return data
        return cls.of(str(data["id"]), SourceQuote.model_construct(seed=seed, quote=quote), lang,
                      data.get("reason")).model_dump()


@dataclass(frozen=True)
class Reason:
    text: str
    citation: SourceQuote | None = None


def _squash(text: str) -> str:
    return "".join(text.lower().split())


def _pairs(text: str) -> set[str]:
    squashed = _squash(text)
    return {squashed[i:i + 2] for i in range(len(squashed) - 1)}


def quote_relatedness(quote: str, keywords: Sequence[str]) -> float:
    squashed = _squash(quote)
    hits = sum(2.0 for k in keywords if k and _squash(k) in squashed)
    wanted = set().union(*(_pairs(k) for k in keywords)) if keywords else set()
    share = len(wanted & _pairs(quote)) / len(wanted) if wanted else 0.0
    return hits + share


def best_quote(entry: Entry, keywords: Sequence[str]) -> SourceQuote:
    best, best_score = entry.sources[0], -1.0
    for source in entry.sources:
        score = quote_relatedness(source.quote, keywords)
        if score > best_score:
            best, best_score = source, score
    return best


def tag_keywords(tags: Iterable[str], labels: Iterable[str] = ()) -> list[str]:
    """Words that say the same as these tags: their labels and the lexicon's keywords of
    every topic that yields them."""
    tagset = set(tags)
    words = [w for w in labels if w]
    for topic in load_lexicon().topics.values():
        if tagset & set(topic.tags):
            words.extend(topic.keywords)
    return words


def refusal_reasons(entry: Entry, refusing: Sequence[str], lang: Lang) -> list[Reason]:
    """Why an entry was put back: the owner's refusing words, cited to the sentence that says
    the entry does what they refused (its main capability)."""
    text = load_brief_prompts(lang).needs.refused
    quote = best_quote(entry, tag_keywords(entry.capability_tags[:1]))
    return [Reason(text.format(words=words), quote) for words in refusing]


def cite(entry: Entry, reasons: list[Reason], lang: str) -> list[Citation]:
    return [Citation.of(entry.id, r.citation, lang, index) for index, r in enumerate(reasons)
            if r.citation is not None]


@dataclass(frozen=True)
class SearchSignal:
    """Retrieval's view: per entry id, the fused score relative to the best hit (0–1),
    halved when the retriever says the knowledge base does not really answer the text,
    and the 1-based rank."""

    scores: dict[str, float]
    ranks: dict[str, int]

    def of(self, entry_id: str) -> float:
        return self.scores.get(entry_id, 0.0)


def search_signal(search: KnowledgeSearch, text: str, *, kind: str, k: int, lang: str) -> SearchSignal:
    if not text.strip() or k <= 0:
        return SearchSignal({}, {})
    response = search.search(text, k=k, kind=kind, lang=lang)
    top = max((r.score for r in response.results), default=0.0)
    if top <= 0:
        return SearchSignal({}, {})
    confidence = 1.0 if response.answerable else 0.5
    scores = {r.id: confidence * r.score / top for r in response.results}
    ranks = {r.id: rank for rank, r in enumerate(response.results, start=1)}
    return SearchSignal(scores, ranks)
