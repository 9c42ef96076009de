"""What one worker costs: resident memory part by part, cold start with the index present, and
memory after a number of chat turns.

    .venv/bin/python bench/worker_footprint.py [--turns 200] [--data-dir DIR]

Runs in one fresh process. The index is built first in `--data-dir` (a temporary directory if
omitted) by a child process, so what is measured here is a restart with the index present, as
each of several workers starts. The parts are loaded one after another and the growth of the
resident set (VmRSS) after each is printed: the libraries imported by the runtime, the embedding
model, the Korean analyser, the Chroma client and index, then the rest of `build_runtime`
(database, retriever, engine). The same is then timed as one `build_runtime` call in a second
child process, which is the start-up a worker pays before it answers. Finally `--turns` owner
turns (scripted from tests/data/conversations_dev.jsonl, every fourth conversation with a side
question, as bench/turn_latency.py drives them) go through the real `ChatService`, and the
resident set is printed again. CPU time is printed beside wall time: on a shared machine the
wall time mostly measures the other processes. Prints figures; this is not a test.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CONVERSATIONS = REPO / "tests" / "data" / "conversations_dev.jsonl"


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} CPUs"


class Clock:
    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def lap(self) -> str:
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return f"{wall:6.2f} s wall {cpu:6.2f} s CPU"


def child(mode: str, data_dir: Path) -> None:
    """Runs in a child process: `index` builds the index, `start` times a warm start."""
    clock = Clock()
    import web.app  # noqa: F401  (a worker imports the web app too)
    from application.runtime import build_runtime
    from application.settings import Settings

    imported = clock.lap()
    runtime = build_runtime(Settings(data_dir=data_dir, _env_file=None))
    built = clock.lap()
    if mode == "index":
        print(f"index built: {runtime.index.count()} passages of {len(runtime.kb.entries)} entries ({built})")
    else:
        print(f"cold start, index present: imports {imported}; build_runtime {built}; "
              f"sync changed nothing: {not runtime.sync_report.changed}")


def parts(data_dir: Path, turns: int) -> None:
    steps: list[tuple[str, float]] = [("python interpreter", rss_mib())]

    def step(name: str) -> None:
        steps.append((name, rss_mib()))

    import application.runtime as runtime_module
    import web.app  # noqa: F401  (a worker imports the web app too)
    from application.settings import Settings
    from retrieval import load_embedder

    step("imports (the web app and the runtime)")
    settings = Settings(data_dir=data_dir, _env_file=None)
    embedder = load_embedder(settings.embedder, settings.embedder_path)
    embedder.embed_query("워밍업")
    step(f"embedding model ({settings.embedder}), one query")
    from korean.morphs import analyse

    analyse("재택근무하고 싶은데 어떻게 해요?")
    step("Korean analyser (mecab-ko)")
    index = runtime_module.open_index(settings, embedder)
    index.indexed_hashes()
    step("Chroma client and collection")
    del index, embedder
    runtime = runtime_module.build_runtime(settings)
    runtime.retriever.search("스마트공장 지원사업이 뭐예요?")
    step("rest of build_runtime (its own embedder, the first freed; database, BM25, engine), a search")

    drive(runtime, turns)
    step(f"after {turns} chat turns")

    print(f"{'resident set (VmRSS)':<72} {'MiB':>8} {'+MiB':>8}")
    previous = 0.0
    for name, value in steps:
        print(f"{name:<72} {value:8.1f} {value - previous:8.1f}")
        previous = value


def drive(runtime: Any, turns: int) -> None:
    from assistant.evaluation import MAX_TURNS, load_cases
    from bench.turn_latency import Script, side_question_for

    cases = load_cases(CONVERSATIONS.read_text(encoding="utf-8"))
    chat = runtime.chat
    done = 0
    conversation = 0
    while done < turns:
        case = cases[conversation % len(cases)]
        script = Script(case, side_question_for(conversation, case.lang))
        created = chat.start(lang=case.lang, partner=None)
        turn = created.turn
        for number in range(MAX_TURNS):
            if done >= turns or not (script.pending or (turn.expecting is not None and not turn.brief_ready)):
                break
            text, _ = script.next(turn.expecting)
            turn = chat.post(session_id=created.session_id, token=created.token,
                             client_message_id=f"bench-{conversation}-{number}", text=text)
            done += 1
        conversation += 1


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--child", choices=["index", "start"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.data_dir)
        return
    with tempfile.TemporaryDirectory(prefix="intake-footprint-", ignore_cleanup_errors=True) as tmp:
        data_dir = args.data_dir or Path(tmp)
        print(f"load average at start: {load_average()}")
        env = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_")}
        env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
        for mode in ("index", "start"):
            subprocess.run([sys.executable, __file__, "--child", mode, "--data-dir", str(data_dir)],
                           env=env, check=True)
        parts(data_dir, args.turns)
        print(f"load average at end: {load_average()}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main(sys.argv[1:])
