"""Calibrates the answerability thresholds on a retrieval case file.

    .venv/bin/python bench/calibrate_abstention.py tests/data/retrieval_dev.jsonl [OTHER.jsonl ...]

For every case it records the best entry's closeness (cosine of its closest profile
passage), its coverage of the query's rarer words, and whether a name matched; then it
searches a grid for the thresholds that abstain most on unanswerable cases while wrongly
abstaining on at most 5% of answerable ones. Two-fold cross-validation (fit on one half,
score on the other) shows how well the thresholds carry over to unseen queries."""

import itertools
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from application.runtime import build_runtime
from application.settings import Settings
from retrieval import Abstention
from retrieval.answerability import asked_figures, stated_figures
from retrieval.evaluation import RetrievalCase, load_cases
from retrieval.tokenize import terms

MAX_FALSE_ABSTAIN = 0.05


@dataclass(frozen=True)
class Features:
    answerable: bool
    dense: float
    coverage: float
    named: bool
    out_of_scope: float
    missing_figure: bool

    def judged(self, policy: Abstention) -> bool:
        return policy.answerable(self.dense, self.coverage, self.named, self.out_of_scope, self.missing_figure)


def features(cases: list[RetrievalCase]) -> list[Features]:
    runtime = build_runtime(Settings())
    retriever = runtime.retriever
    out = []
    for case in cases:
        response = retriever.search(case.query)
        top = response.results[0] if response.results else None
        coverage = retriever.lexical.coverage(terms(case.query)).get(top.id, 0.0) if top else 0.0
        named = bool(top and top.matched_alias)
        vector = runtime.embedder.embed_query(case.query)
        out_of_scope = retriever._out_of_scope.closeness(vector)
        missing = bool(top and asked_figures(case.query) - stated_figures(runtime.kb.entries[top.id]))
        out.append(Features(bool(case.relevant), top.dense if top else 0.0, coverage, named, out_of_scope, missing))
    return out


def rates(items: list[Features], policy: Abstention) -> tuple[float, float]:
    positives = [f for f in items if f.answerable]
    negatives = [f for f in items if not f.answerable]
    abstain = sum(not f.judged(policy) for f in negatives) / max(len(negatives), 1)
    false = sum(not f.judged(policy) for f in positives) / max(len(positives), 1)
    return abstain, false


def grid() -> list[Abstention]:
    dense = [round(0.80 + 0.005 * i, 3) for i in range(21)]
    coverage = [0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]
    return [
        Abstention(min_dense=d, min_coverage=c, sure_dense=s)
        for d, c, s in itertools.product(dense, coverage, dense)
        if s >= d
    ]


def fit(items: list[Features]) -> Abstention:
    best: tuple[float, float, Abstention] | None = None
    for policy in grid():
        abstain, false = rates(items, policy)
        if false <= MAX_FALSE_ABSTAIN:
            # Prefer more abstention, then fewer false abstentions, then the loosest policy.
            key = (abstain, -false, -policy.min_dense)
            if best is None or key > (best[0], best[1], -best[2].min_dense):
                best = (abstain, -false, policy)
    return best[2] if best else Abstention()


def main(path: Path, extra: list[Path]) -> None:
    items = features(load_cases(path))
    policy = fit(items)
    abstain, false = rates(items, policy)
    print(f"fitted on all {len(items)} cases: {policy}")
    print(f"  abstain_rate {abstain:.3f}  false_abstain_rate {false:.3f}")
    print(f"  shipped default {Abstention()}: abstain {rates(items, Abstention())[0]:.3f}, "
          f"false {rates(items, Abstention())[1]:.3f}")
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    halves = shuffled[::2], shuffled[1::2]
    for train, test in (halves, halves[::-1]):
        fitted = fit(train)
        abstain, false = rates(test, fitted)
        print(f"  2-fold: fit {fitted.min_dense}/{fitted.min_coverage}/{fitted.sure_dense} -> "
              f"held-out abstain {abstain:.3f}, false abstain {false:.3f}")
    for other in extra:
        abstain, false = rates(features(load_cases(other)), policy)
        print(f"  on {other.name} with the fitted policy: abstain {abstain:.3f}, false abstain {false:.3f}")


if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[1:]] or [Path("tests/data/retrieval_dev.jsonl")]
    main(paths[0], paths[1:])
