"""Compares dense-only, BM25-only and fused rankings on a retrieval case file.

    .venv/bin/python bench/retrieval_ablation.py tests/data/retrieval_dev.jsonl

Prints Recall@1/3/5 and MRR per configuration; abstention is left as configured."""

import sys
from pathlib import Path

from application.runtime import build_runtime
from application.settings import Settings
from retrieval import Fusion
from retrieval.evaluation import evaluate, load_cases

CONFIGS = {
    "dense only": Fusion(dense_weight=1, lexical_weight=0),
    "dense, no detail": Fusion(dense_weight=1, lexical_weight=0, detail_weight=0),
    "bm25 only": Fusion(dense_weight=0, lexical_weight=1),
    "fused 1:1 k=10": Fusion(1, 1, 10),
    "fused 1:1 k=60": Fusion(1, 1, 60),
    "fused 2:1 k=10": Fusion(2, 1, 10),
    "fused 2:1 k=10 no detail": Fusion(2, 1, 10, 0),
    "fused 1:1 k=10 no detail": Fusion(1, 1, 10, 0),
    "fused 1:2 k=10 no detail": Fusion(1, 2, 10, 0),
    "fused 3:2 k=10": Fusion(3, 2, 10),
    "fused 3:1 k=10": Fusion(3, 1, 10),
}


def main(path: Path) -> None:
    runtime = build_runtime(Settings())
    cases = load_cases(path)
    print(f"{'configuration':<26} {'R@1':>6} {'R@3':>6} {'R@5':>6} {'MRR':>6}")
    for name, fusion in CONFIGS.items():
        runtime.retriever.fusion = fusion
        report = evaluate(runtime.retriever, cases)
        print(f"{name:<26} {report.recall_at_1:6.3f} {report.recall_at_3:6.3f} "
              f"{report.recall_at_5:6.3f} {report.mrr:6.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/retrieval_dev.jsonl"))
