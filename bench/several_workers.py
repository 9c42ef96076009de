"""Several workers under load: `intake serve --workers N` over PostgreSQL, a Chroma server and
Redis, driven by locust (bench/locustfile.py), at 1, 2 and 4 workers; optionally one worker
killed with SIGKILL in the middle of the load, then a check that every message the service
acknowledged is in its session's transcript.

    .venv/bin/python bench/several_workers.py [--workers 1,2,4] [--users 8] [--duration 40]
        [--kill-at 2] [--database-url URL] [--redis-url redis://127.0.0.1:6379/0]

Everything runs on 127.0.0.1 and is stopped at the end, also on error or Ctrl-C:
- PostgreSQL: a schema of its own, created in the `--database-url` database (default: the
  `test` database on 127.0.0.1:5432) and dropped at the end;
- Chroma: `chroma run --path <temporary dir> --host 127.0.0.1 --port <free port>`;
- Redis: the `--redis-url` server (rate-limit counters);
- the service: `intake serve --host 127.0.0.1 --port <free port> --workers N`, with
  INTAKE_DATABASE_URL, INTAKE_CHROMA_URL and INTAKE_REDIS_URL set, as README ("Running on
  several workers and machines") says, and the rate limits raised for the bench by settings
  (INTAKE_RATE_LIMIT_SESSIONS, INTAKE_RATE_LIMIT_MESSAGES): every simulated owner comes from
  127.0.0.1, and the production limits would turn most of the load into 429s.
The first start builds the index in the Chroma server; later starts find it built.

Per run: `locust --headless -u USERS -r USERS -t DURATION` (owners creating sessions and
chatting with side questions, and /health). Printed: requests/s, p50/p95 and failures per kind
of request, the resident memory of each worker after the load, and the load average.
With `--kill-at N`, in the run with N workers one worker gets SIGKILL halfway through; uvicorn's
supervisor starts a new one. Afterwards every acknowledged message is looked up in its
session's transcript (GET /api/sessions/{id}) and the missing ones are counted.
Prints figures; this is not a test.
"""

import argparse
import contextlib
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path

import httpx
import psutil
from sqlalchemy import create_engine, make_url

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
BENCH_LIMITS = {"INTAKE_RATE_LIMIT_SESSIONS": "100000/minute", "INTAKE_RATE_LIMIT_MESSAGES": "100000/minute"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} CPUs"


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with code {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def postgres_schema(admin_url: str) -> Iterator[str]:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        # The schema travels inside the URL, so every worker uses it.
        yield make_url(admin_url).set(query={"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@contextmanager
def chroma_server(path: Path, log: Path) -> Iterator[str]:
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen([str(BIN / "chroma"), "run", "--path", str(path), "--host", HOST,
                                    "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://{HOST}:{port}"
    try:
        wait_until_up(f"{url}/api/v2/heartbeat", process, 120)
        yield url
    finally:
        stop(process)


def workers_of(server: subprocess.Popen[bytes]) -> list[psutil.Process]:
    """uvicorn's worker processes: the supervisor's spawned children that serve requests (a
    killed one stays a zombie until the supervisor reaps it)."""
    found = []
    for child in psutil.Process(server.pid).children():
        try:
            command = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "spawn_main" in command and "resource_tracker" not in command:
            found.append(child)
    return found


def read_stats(prefix: Path) -> list[dict[str, str]]:
    with Path(f"{prefix}_stats.csv").open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def check_acknowledged(base: str, path: Path) -> tuple[int, int]:
    """(acknowledged messages, how many of them are missing from their transcripts)."""
    if not path.exists():
        return 0, 0
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    by_session: dict[tuple[str, str], set[str]] = {}
    for record in records:
        by_session.setdefault((record["session_id"], record["token"]), set()).add(record["message_id"])
    missing = 0
    with httpx.Client(base_url=base, timeout=60) as client:
        for (session_id, token), message_ids in by_session.items():
            view = client.get(f"/api/sessions/{session_id}", headers={"Authorization": f"Bearer {token}"})
            view.raise_for_status()
            stored = {line["message_id"] for line in view.json()["transcript"] if line["role"] == "owner"}
            missing += len(message_ids - stored)
    return len(records), missing


def run(workers: int, env: dict[str, str], tmp: Path, args: argparse.Namespace) -> None:
    port = free_port()
    base = f"http://{HOST}:{port}"
    log = tmp / f"serve-{workers}.log"
    command = [str(BIN / "intake"), "serve", "--host", HOST, "--port", str(port), "--workers", str(workers)]
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, cwd=tmp, stdout=out, stderr=subprocess.STDOUT)
    try:
        up = wait_until_up(f"{base}/health", server, args.start_timeout)
        # /health answers as soon as one worker is up; wait for every worker's start-up.
        time.sleep(args.settle)
        print(f"\n== {workers} worker(s): `{' '.join(command[1:])}` answered /health after {up:.1f} s")
        print(f"load average before: {load_average()}")
        prefix = tmp / f"locust-{workers}"
        acknowledged = tmp / f"acknowledged-{workers}.jsonl"
        locust = subprocess.Popen(
            [str(BIN / "locust"), "-f", str(REPO / "bench" / "locustfile.py"), "--headless", "-u", str(args.users),
             "-r", str(args.users), "-t", f"{args.duration}s", "--host", base, "--csv", str(prefix),
             "--only-summary", "--stop-timeout", "10"],
            env={**env, "INTAKE_BENCH_ACKNOWLEDGED": str(acknowledged)}, cwd=tmp,
            stdout=subprocess.DEVNULL, stderr=(tmp / f"locust-{workers}.log").open("wb"),
        )
        killed = None
        if workers == args.kill_at:
            time.sleep(args.duration / 2)
            victim = workers_of(server)[0]
            killed = victim.pid
            victim.send_signal(signal.SIGKILL)
            print(f"SIGKILL to worker {killed} at {args.duration / 2:.0f} s")
        locust.wait(timeout=args.duration + 120)
        print(f"load average after:  {load_average()}")
        print(f"{'request':<24} {'count':>7} {'fails':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}")
        for row in read_stats(prefix):
            print(f"{row['Name']:<24} {row['Request Count']:>7} {row['Failure Count']:>6} "
                  f"{float(row['Requests/s']):>7.2f} {row['50%']:>8} {row['95%']:>8}")
        # With one worker uvicorn serves in the `intake serve` process itself.
        serving = workers_of(server) or [psutil.Process(server.pid)]
        time.sleep(2)  # the supervisor reaps a killed worker and starts its replacement
        rss = []
        for process in serving:
            with contextlib.suppress(psutil.Error):
                rss.append(round(process.memory_info().rss / 2**20))
        print(f"resident memory per worker after the load (MiB): {rss}")
        if killed is not None:
            total, missing = check_acknowledged(base, acknowledged)
            print(f"after SIGKILL: {total} messages acknowledged, {missing} missing from the transcripts")
    except BaseException:
        print("server log (last lines):\n  " + "\n  ".join(log.read_text(errors="replace").splitlines()[-20:]),
              file=sys.stderr)
        raise
    finally:
        stop(server)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--duration", type=int, default=40, help="seconds of load per run")
    parser.add_argument("--kill-at", type=int, default=0, help="kill one worker in the run with this many")
    parser.add_argument("--database-url", default="postgresql+psycopg://root@127.0.0.1:5432/test")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--chroma-url", help="a running Chroma server to use instead of starting one")
    parser.add_argument("--start-timeout", type=float, default=600)
    parser.add_argument("--settle", type=float, default=10, help="seconds for the other workers to start")
    args = parser.parse_args(argv)

    print(f"load average at start: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="intake-workers-", ignore_cleanup_errors=True) as name:
        tmp = Path(name)
        with postgres_schema(args.database_url) as database_url, \
                (nullcontext(args.chroma_url) if args.chroma_url else
                 chroma_server(tmp / "chroma", tmp / "chroma.log")) as chroma_url:
            env = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_")}
            env |= {"INTAKE_DATABASE_URL": database_url, "INTAKE_CHROMA_URL": chroma_url,
                    "INTAKE_REDIS_URL": args.redis_url, "INTAKE_DATA_DIR": str(tmp / "data"),
                    "HF_HUB_OFFLINE": "1", **BENCH_LIMITS}
            for workers in (int(w) for w in args.workers.split(",")):
                run(workers, env, tmp, args)
    print(f"\nload average at end: {load_average()}")


if __name__ == "__main__":
    main(sys.argv[1:])
