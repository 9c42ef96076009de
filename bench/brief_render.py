"""Needs-brief build time (p50/p95) and HTML/PDF render time over the dev conversations.

    .venv/bin/python bench/brief_render.py [tests/data/conversations_dev.jsonl]

Runs every conversation to its end with the real engine, then times building its brief
(matching, including the two knowledge-base searches) and rendering it."""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from application.briefs import render_brief
from application.runtime import build_runtime
from application.settings import Settings
from assistant.evaluation import load_cases, run_case
from assistant.state import DialogueState


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(path: Path) -> None:
    with tempfile.TemporaryDirectory() as data:
        runtime = build_runtime(Settings(data_dir=Path(data), _env_file=None))
        finished: list[DialogueState] = []

        def keep(state: DialogueState) -> tuple[list[str], list[str]]:
            finished.append(state)
            return [], []

        for case in load_cases(path.read_text(encoding="utf-8")):
            run_case(runtime.engine, case, keep)
        timings: dict[str, list[float]] = {"build": [], "html": [], "pdf": []}
        for number, state in enumerate(finished):
            started = time.perf_counter()
            brief = runtime.cases.build_brief(state, f"bench-{number}", f"case-{number}")
            timings["build"].append(1000 * (time.perf_counter() - started))
            for kind in ("html", "pdf"):
                started = time.perf_counter()
                render_brief(brief, kind, brief.lang)
                timings[kind].append(1000 * (time.perf_counter() - started))
    print(f"{len(finished)} briefs from {path.name}")
    print(f"{'step':<14}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}")
    for step, values in timings.items():
        print(f"{step:<14}{percentile(values, 0.5):10.1f}{percentile(values, 0.95):10.1f}"
              f"{statistics.fmean(values):10.1f}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/conversations_dev.jsonl"))
