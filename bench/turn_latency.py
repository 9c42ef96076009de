"""Turn latency of the dialogue engine in process, and HTTP throughput of the real service.

    .venv/bin/python bench/turn_latency.py [--conversations 300] [--sessions 20] [--messages 15]
                                           [--data-dir DIR] [--skip-in-process] [--skip-http]

(a) In process: builds the runtime in a temporary data directory, then drives the real engine
through `--conversations` scripted conversations, cycling the cases of
tests/data/conversations_dev.jsonl (opening messages, then the case's answer to whatever the
engine asks, as assistant/evaluation.py does). Every fourth conversation also asks a side
question ("스마트공장 지원사업이 뭐예요?" …) after two answers. Before each message the state is
rebuilt from the stored events exactly as the API does (`ChatService.replay` over the events
as JSON dicts), so a turn's time is replay + `Engine.advance`. Turns in which the engine searched
the knowledge base are reported separately as side-question turns.

(b) Over HTTP: starts `.venv/bin/intake serve --host 127.0.0.1 --port <free port>` as a
subprocess with INTAKE_DATA_DIR set to a fresh temporary directory, or to `--data-dir`, kept
between runs (a new directory's first start builds the index; /health is awaited for up to
`--start-timeout` s). The server gets no other INTAKE_* variable than BENCH_RATE_LIMITS, which
raise the rate limits out of reach: every bench worker comes from 127.0.0.1, one client
address, which the shipped limits would refuse after 5 new sessions a minute. Then
`--sessions` concurrent workers (threads, one httpx client each) each create a session and post
`--messages` scripted messages with unique client_message_ids; afterwards the same number of
requests is made to GET /health by as many concurrent workers. Both are printed side by side.
The load stops after `--time-limit` s, talks only to 127.0.0.1, and the server is terminated
at the end, also on error or Ctrl-C. The load generator shares the machine's CPUs with the
server.

Prints figures; this is not a test.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from application.chat.service import ChatService
from application.runtime import build_runtime
from application.settings import Settings
from assistant.evaluation import AGREE, DONT_KNOW, MAX_TURNS, ConversationCase, load_cases
from assistant.events import event_to_dict
from assistant.ports import KnowledgeSearch
from assistant.state import CONSENT
from retrieval.models import SearchResponse

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CASES = REPO / "tests" / "data" / "conversations_dev.jsonl"
HOST = "127.0.0.1"
SIDE_QUESTIONS = {
    "ko": ["스마트공장 지원사업이 뭐예요?", "정책자금은 어떻게 신청하나요?", "이노베이션 멘토는 몇 달 동안 와주나요?",
           "수출 지원은 어떤 게 있어요?"],
    "en": ["What is the smart factory support program?", "How do I apply for the policy fund?"],
}
# The bench's own loopback server only: limits no bench run reaches.
BENCH_RATE_LIMITS = {
    "INTAKE_RATE_LIMIT_SESSIONS": "100000/minute",
    "INTAKE_RATE_LIMIT_MESSAGES": "100000/minute",
    "INTAKE_RATE_LIMIT_RESUME": "100000/minute",
}
SIDE_EVERY = 4  # every fourth conversation / session asks one side question …
SIDE_AFTER = 2  # … after this many scripted answers


# -- shared helpers -------------------------------------------------------------------


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} CPUs"


def stats(values_ms: Sequence[float]) -> dict[str, float]:
    if not values_ms:
        return {"n": 0, "p50": float("nan"), "p95": float("nan"), "mean": float("nan"), "max": float("nan")}
    array = np.asarray(values_ms, dtype=float)
    return {
        "n": float(len(array)),
        "p50": float(np.percentile(array, 50)),
        "p95": float(np.percentile(array, 95)),
        "mean": float(array.mean()),
        "max": float(array.max()),
    }


class Script:
    """What an owner following a case says next, given what the assistant expects."""

    def __init__(self, case: ConversationCase, side_question: str | None) -> None:
        self.case = case
        self.pending = list(case.opening)
        self.side_question = side_question
        self.answered = 0

    def next(self, expecting: str | None) -> tuple[str, bool]:
        """The next message, and whether it is the inserted side question."""
        if self.pending:
            return self.pending.pop(0), False
        if self.side_question is not None and self.answered >= SIDE_AFTER:
            question, self.side_question = self.side_question, None
            return question, True
        self.answered += 1
        if expecting == CONSENT:
            return AGREE[self.case.lang], False
        if expecting is None:
            return DONT_KNOW[self.case.lang], False
        return self.case.answers.get(expecting, DONT_KNOW[self.case.lang]), False


def side_question_for(index: int, lang: str) -> str | None:
    if index % SIDE_EVERY != 1:
        return None
    questions = SIDE_QUESTIONS.get(lang, SIDE_QUESTIONS["en"])
    return questions[(index // SIDE_EVERY) % len(questions)]


# -- (a) in process -------------------------------------------------------------------


class CountingKnowledge:
    """Passes searches through to the retriever and counts them."""

    def __init__(self, inner: KnowledgeSearch) -> None:
        self.inner = inner
        self.calls = 0

    def search(self, query: str, k: int = 5, *, kind: str | None = None, lang: str = "ko") -> SearchResponse:
        self.calls += 1
        return self.inner.search(query, k, kind=kind, lang=lang)


@dataclass
class TurnTimes:
    total: list[float] = field(default_factory=list)
    replay: list[float] = field(default_factory=list)
    advance: list[float] = field(default_factory=list)
    side_total: list[float] = field(default_factory=list)
    plain_total: list[float] = field(default_factory=list)
    side_inserted: int = 0
    conversations: int = 0
    finished: int = 0


def run_in_process(cases: list[ConversationCase], conversations: int) -> None:
    print("== (a) in-process turns (ChatService.replay + Engine.advance) ==")
    with tempfile.TemporaryDirectory(prefix="intake-bench-", ignore_cleanup_errors=True) as tmp:
        started = time.perf_counter()
        runtime = build_runtime(Settings(data_dir=Path(tmp), _env_file=None))
        print(f"runtime built in {time.perf_counter() - started:.1f} s (full index in an empty dir)")
        engine = runtime.engine
        counter = CountingKnowledge(runtime.retriever)
        # Side questions search through the answerer, understanding through the engine: both
        # are counted, so a turn that searched for either is reported apart.
        engine.knowledge = counter
        engine.answerer.search = counter
        times = TurnTimes()
        started = time.perf_counter()
        for index in range(conversations):
            case = cases[index % len(cases)]
            script = Script(case, side_question_for(index, case.lang))
            times.side_inserted += script.side_question is not None
            step = engine.start(case.lang)
            stored: list[dict[str, Any]] = [event_to_dict(e) for e in step.events]
            sent = 0
            while sent < MAX_TURNS and (script.pending or (step.turn.expecting is not None and not step.turn.brief_ready)):
                text, _ = script.next(step.turn.expecting)
                searches = counter.calls
                t0 = time.perf_counter()
                state = ChatService.replay(stored)
                t1 = time.perf_counter()
                step = engine.advance(state, text, message_id=f"m{sent + 1}")
                t2 = time.perf_counter()
                stored.extend(event_to_dict(e) for e in step.events)
                sent += 1
                total = (t2 - t0) * 1000
                times.replay.append((t1 - t0) * 1000)
                times.advance.append((t2 - t1) * 1000)
                times.total.append(total)
                (times.side_total if counter.calls > searches else times.plain_total).append(total)
            times.conversations += 1
            times.finished += step.turn.brief_ready
        wall = time.perf_counter() - started
    print(f"{times.conversations} conversations ({len(cases)} dev cases cycled), {len(times.total)} turns, "
          f"{times.finished} reached brief_ready, {wall:.1f} s wall")
    print(f"side questions inserted: {times.side_inserted}; turns that searched the knowledge base: "
          f"{len(times.side_total)}")
    print(f"{'turn latency, ms':<34} {'n':>6} {'p50':>8} {'p95':>8} {'max':>8} {'mean':>8}")
    rows = [
        ("all turns: replay + advance", times.total),
        ("  of which replay", times.replay),
        ("  of which advance", times.advance),
        ("turns without a search", times.plain_total),
        ("side-question turns (searched)", times.side_total),
    ]
    for name, values in rows:
        s = stats(values)
        print(f"{name:<34} {int(s['n']):>6} {s['p50']:8.2f} {s['p95']:8.2f} {s['max']:8.2f} {s['mean']:8.2f}")


# -- (b) over HTTP --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def intake_command() -> Path:
    candidate = Path(sys.executable).parent / "intake"
    return candidate if candidate.exists() else REPO / ".venv" / "bin" / "intake"


def wait_for_health(base: str, server: "subprocess.Popen[bytes]", timeout: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode} before /health answered")
        try:
            if httpx.get(f"{base}/health", timeout=2.0).status_code == 200:
                return time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"/health did not answer within {timeout:.0f} s")


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    create_latencies: list[float] = field(default_factory=list)
    side_latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0
    truncated: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def run_workers(workers: int, job: Callable[[int, threading.Barrier], None]) -> float:
    """Runs `job(worker_index, barrier)` on `workers` threads; they start together at the
    barrier. Returns the wall time from the release to the last one finishing."""
    barrier = threading.Barrier(workers + 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(job, i, barrier) for i in range(workers)]
        barrier.wait()
        started = time.perf_counter()
        for future in futures:
            future.result()
        return time.perf_counter() - started


def message_load(base: str, cases: list[ConversationCase], sessions: int, messages: int, deadline: float) -> LoadResult:
    result = LoadResult()
    run_id = uuid.uuid4().hex[:8]

    def worker(index: int, barrier: threading.Barrier) -> None:
        case = cases[index % len(cases)]
        script = Script(case, side_question_for(index, case.lang))
        with httpx.Client(base_url=base, timeout=30.0) as client:
            barrier.wait()
            t0 = time.perf_counter()
            try:
                created = client.post("/api/sessions", json={"lang": case.lang})
            except httpx.HTTPError as exc:
                result.error(type(exc).__name__)
                return
            with result.lock:
                result.create_latencies.append((time.perf_counter() - t0) * 1000)
            if created.status_code != 201:
                result.error(f"create {created.status_code}")
                return
            body: dict[str, Any] = created.json()
            headers = {"Authorization": f"Bearer {body['token']}"}
            expecting: str | None = body["turn"]["expecting"]
            for number in range(messages):
                if time.monotonic() > deadline:
                    result.truncated = True
                    return
                text, is_side = script.next(expecting)
                payload = {"client_message_id": f"{run_id}-w{index}-m{number}", "text": text}
                t0 = time.perf_counter()
                try:
                    answer = client.post(f"/api/sessions/{body['session_id']}/messages", json=payload,
                                         headers=headers)
                except httpx.HTTPError as exc:
                    result.error(type(exc).__name__)
                    continue
                elapsed = (time.perf_counter() - t0) * 1000
                if answer.status_code != 200:
                    result.error(f"message {answer.status_code}")
                    continue
                with result.lock:
                    result.latencies.append(elapsed)
                    if is_side:
                        result.side_latencies.append(elapsed)
                expecting = answer.json()["turn"]["expecting"]

    result.wall = run_workers(sessions, worker)
    return result


def health_load(base: str, workers: int, total: int, deadline: float) -> LoadResult:
    result = LoadResult()
    shares = [total // workers + (1 if i < total % workers else 0) for i in range(workers)]

    def worker(index: int, barrier: threading.Barrier) -> None:
        with httpx.Client(base_url=base, timeout=30.0) as client:
            barrier.wait()
            for _ in range(shares[index]):
                if time.monotonic() > deadline:
                    result.truncated = True
                    return
                t0 = time.perf_counter()
                try:
                    response = client.get("/health")
                except httpx.HTTPError as exc:
                    result.error(type(exc).__name__)
                    continue
                elapsed = (time.perf_counter() - t0) * 1000
                if response.status_code != 200:
                    result.error(f"health {response.status_code}")
                    continue
                with result.lock:
                    result.latencies.append(elapsed)

    result.wall = run_workers(workers, worker)
    return result


def run_http(cases: list[ConversationCase], sessions: int, messages: int, time_limit: float,
             start_timeout: float, data_dir: Path | None) -> None:
    print("== (b) HTTP: real service as a subprocess ==")
    with tempfile.TemporaryDirectory(prefix="intake-bench-http-", ignore_cleanup_errors=True) as tmp:
        port = free_port()
        base = f"http://{HOST}:{port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_")}
        env["INTAKE_DATA_DIR"] = str(data_dir or Path(tmp) / "data")
        # Every bench worker comes from 127.0.0.1, one client address to the rate limiter:
        # the shipped per-address limits would refuse most session creations with 429.
        env.update(BENCH_RATE_LIMITS)
        log_path = Path(tmp) / "server.log"
        command = [str(intake_command()), "serve", "--host", HOST, "--port", str(port)]
        with log_path.open("wb") as log:
            # cwd is the empty temporary directory, so no stray .env file is read.
            server = subprocess.Popen(command, cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            print(f"started {' '.join(command[1:])} (pid {server.pid}), INTAKE_DATA_DIR={env['INTAKE_DATA_DIR']}")
            up = wait_for_health(base, server, start_timeout)
            print(f"/health answered after {up:.1f} s (a new data directory: full index build)")
            print(f"load average before the load: {load_average()}")
            deadline = time.monotonic() + time_limit
            chat = message_load(base, cases, sessions, messages, deadline)
            health = health_load(base, sessions, sessions * messages, deadline)
            print(f"load average after the load:  {load_average()}")
        except BaseException:
            tail = log_path.read_text(errors="replace").splitlines()[-20:] if log_path.exists() else []
            print("server log (last lines):\n  " + "\n  ".join(tail), file=sys.stderr)
            raise
        finally:
            if server.poll() is None:
                server.terminate()
                try:
                    server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait(timeout=5)
            print(f"server stopped (exit code {server.returncode})")

    print(f"{sessions} concurrent workers; messages: {sessions} sessions x {messages} posts "
          f"(+{len(chat.create_latencies)} session creations, not counted below); health: same count of GETs")
    if chat.truncated or health.truncated:
        print(f"stopped early at the {time_limit:.0f} s limit")
    m, h = stats(chat.latencies), stats(health.latencies)
    print(f"{'':<22} {'POST messages':>14} {'GET /health':>14}")
    print(f"{'requests ok':<22} {int(m['n']):>14} {int(h['n']):>14}")
    print(f"{'errors':<22} {sum(chat.errors.values()):>14} {sum(health.errors.values()):>14}")
    print(f"{'wall s':<22} {chat.wall:>14.2f} {health.wall:>14.2f}")
    print(f"{'requests/s':<22} {m['n'] / chat.wall if chat.wall else 0:>14.1f} "
          f"{h['n'] / health.wall if health.wall else 0:>14.1f}")
    for key in ("p50", "p95", "max", "mean"):
        print(f"{key + ' ms':<22} {m[key]:>14.1f} {h[key]:>14.1f}")
    if chat.errors or health.errors:
        print(f"error kinds: {chat.errors | health.errors}")
    c, s = stats(chat.create_latencies), stats(chat.side_latencies)
    print(f"session creation: n={int(c['n'])} p50 {c['p50']:.1f} ms, p95 {c['p95']:.1f} ms")
    print(f"side-question posts among the messages: n={int(s['n'])} p50 {s['p50']:.1f} ms, max {s['max']:.1f} ms")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--conversations", type=int, default=300)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--messages", type=int, default=15)
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds for the HTTP load")
    parser.add_argument("--start-timeout", type=float, default=180.0, help="seconds to wait for /health")
    parser.add_argument("--data-dir", type=Path, help="the HTTP server's INTAKE_DATA_DIR, kept between runs so "
                        "that only the first one builds the index; default: a fresh temporary directory")
    parser.add_argument("--skip-in-process", action="store_true")
    parser.add_argument("--skip-http", action="store_true")
    args = parser.parse_args(argv)

    cases = load_cases(args.cases.read_text(encoding="utf-8"))
    print(f"load average at start: {load_average()}")
    if not args.skip_in_process:
        run_in_process(cases, args.conversations)
        print()
    if not args.skip_http:
        run_http(cases, args.sessions, args.messages, args.time_limit, args.start_timeout, args.data_dir)
    print(f"load average at end: {load_average()}")


if __name__ == "__main__":
    main(sys.argv[1:])
