"""Retrieval quality on a JSON Lines case file (contracts.md §4)."""

import time
from pathlib import Path

from pydantic import BaseModel, Field

from retrieval.search import Retriever


class RetrievalCase(BaseModel):
    id: str
    lang: str = "ko"
    query: str
    relevant: list[str] = Field(default_factory=list)


class CaseOutcome(BaseModel):
    id: str
    query: str
    relevant: list[str]
    ranked: list[str]
    answerable: bool
    first_hit: int | None


class RetrievalReport(BaseModel):
    n: int
    recall_at_1: float
    recall_at_3: float
    recall_at_5: float
    mrr: float
    misses: list[str]
    abstain_rate: float
    false_abstain_rate: float
    mean_ms: float
    cases: list[CaseOutcome]


def load_cases(path: Path) -> list[RetrievalCase]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [RetrievalCase.model_validate_json(line) for line in lines if line.strip()]


def evaluate(retriever: Retriever, cases: list[RetrievalCase], k: int = 5) -> RetrievalReport:
    outcomes: list[CaseOutcome] = []
    elapsed = 0.0
    for case in cases:
        started = time.perf_counter()
        response = retriever.search(case.query, k=k)
        elapsed += time.perf_counter() - started
        ranked = [r.id for r in response.results]
        first = next((i + 1 for i, entry_id in enumerate(ranked) if entry_id in case.relevant), None)
        outcomes.append(
            CaseOutcome(
                id=case.id,
                query=case.query,
                relevant=case.relevant,
                ranked=ranked,
                answerable=response.answerable,
                first_hit=first,
            )
        )
    answerable = [o for o in outcomes if o.relevant]
    unanswerable = [o for o in outcomes if not o.relevant]

    def share(items: list[CaseOutcome], hit: int) -> float:
        if not items:
            return 0.0
        return sum(1 for o in items if o.first_hit is not None and o.first_hit <= hit) / len(items)

    return RetrievalReport(
        n=len(outcomes),
        recall_at_1=round(share(answerable, 1), 4),
        recall_at_3=round(share(answerable, 3), 4),
        recall_at_5=round(share(answerable, 5), 4),
        mrr=round(sum(1 / o.first_hit for o in answerable if o.first_hit) / max(len(answerable), 1), 4),
        misses=[o.id for o in answerable if o.first_hit is None],
        abstain_rate=round(sum(not o.answerable for o in unanswerable) / max(len(unanswerable), 1), 4),
        false_abstain_rate=round(sum(not o.answerable for o in answerable) / max(len(answerable), 1), 4),
        mean_ms=round(1000 * elapsed / max(len(outcomes), 1), 2),
        cases=outcomes,
    )
