"""Whether the knowledge base answers a query at all — so the assistant can say "I have no
source for that" instead of guessing.

Four signals, each general rather than tuned to particular questions:
- closeness: cosine similarity of the query to the best entry's profile passages;
- coverage: the IDF-weighted share of the query's words that entry contains;
- out of scope: the query is closer to a topic the knowledge base deliberately does not
  cover (knowledge/out_of_scope.yaml: tax, labour law, permits…) than to any entry;
- answer type: a question for a figure (a rate, an amount, a date) needs an entry that
  states a figure of that kind — "정책자금 금리 몇 프로예요?" names a real program, but
  no source gives its rate.
Thresholds are calibrated by bench/calibrate_abstention.py (README, "Retrieval")."""

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from langchain_core.embeddings import Embeddings

from knowledge.schema import Entry

OUT_OF_SCOPE_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "out_of_scope.yaml"

# What kind of figure a question asks for, and how an entry states one of that kind.
_ASKS: dict[str, re.Pattern[str]] = {
    "rate": re.compile(r"금리|이자율|이율|몇\s*(?:프로|퍼센트|%)|\binterest rate|\bpercent|%", re.IGNORECASE),
    "amount": re.compile(
        r"얼마(?!나\s*(?:걸|오래|자주|많은|도와))|금액|한도|요금|수수료|월세|\bhow much\b|\bfee\b|\bprice\b|"
        r"\blimit\b|\bamount\b",
        re.IGNORECASE,
    ),
    "date": re.compile(r"언제|기한|마감|며칠|몇\s*월|\bwhen\b|\bdeadline\b", re.IGNORECASE),
}
_STATES: dict[str, re.Pattern[str]] = {
    "rate": re.compile(r"\d\s*%|퍼센트|금리|이율|\bpercent|\binterest", re.IGNORECASE),
    "amount": re.compile(r"\d[\d,.]*\s*(?:원|만|억|천)|무료|비용\s*부담\s*없|\bwon\b|\bfree\b|no cost", re.IGNORECASE),
    "date": re.compile(r"\d{4}\s*년|\d{1,2}\s*월|상반기|하반기|연말|이듬해|내년|올해|\b(?:19|20)\d{2}\b", re.IGNORECASE),
}


def asked_figures(query: str) -> set[str]:
    return {kind for kind, pattern in _ASKS.items() if pattern.search(query)}


def stated_figures(entry: Entry) -> set[str]:
    parts = [entry.summary.ko, entry.summary.en, entry.body.ko, entry.body.en]
    parts += [c.ko + " " + c.en for c in entry.eligibility.conditions]
    if entry.dates is not None:
        parts.append(entry.dates.model_dump_json())
    text = "\n".join(parts)
    return {kind for kind, pattern in _STATES.items() if pattern.search(text)}


@dataclass(frozen=True)
class Abstention:
    """Answerable when the best entry is named outright, or close in meaning and sharing
    enough of the query's rarer words — and neither a deliberately uncovered topic is
    closer nor the question asks for a figure the entry does not state."""

    min_dense: float = 0.80
    min_coverage: float = 0.4
    sure_dense: float = 0.84
    # Long conversational questions are close to everything; an uncovered topic nearly as
    # close as the best entry already means the entry is not what was asked about.
    scope_margin: float = 0.015

    def answerable(
        self,
        dense: float,
        coverage: float,
        named: bool,
        out_of_scope: float = 0.0,
        missing_figure: bool = False,
    ) -> bool:
        if missing_figure or out_of_scope + self.scope_margin > dense:
            return False
        if named:
            return True
        return dense >= self.sure_dense or (dense >= self.min_dense and coverage >= self.min_coverage)


class OutOfScope:
    """Embeddings of the phrasings of topics the knowledge base does not cover. They are
    embedded on first use or by `warm()`, not at construction: a hundred-odd phrasings are the
    biggest part of a worker's start-up, and the worker can serve before they are needed."""

    def __init__(self, embedder: Embeddings, path: Path = OUT_OF_SCOPE_FILE) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {"topics": []}
        self._phrases = [p for topic in data.get("topics", []) for lang in ("ko", "en") for p in topic.get(lang, [])]
        self._embedder = embedder
        self._lock = threading.Lock()
        self._matrix: np.ndarray | None = None

    def warm(self) -> None:
        self._vectors()

    def _vectors(self) -> np.ndarray:
        with self._lock:
            if self._matrix is None:
                self._matrix = (np.asarray(self._embedder.embed_documents(self._phrases)) if self._phrases
                                else np.zeros((0, 1)))
            return self._matrix

    def closeness(self, query_vector: list[float]) -> float:
        matrix = self._vectors()
        if len(matrix) == 0:
            return 0.0
        return float(np.max(matrix @ np.asarray(query_vector)))
