"""Owners chatting with the service, for locust: run it through bench/several_workers.py, which
starts the services, or headless against a running service on loopback:

    .venv/bin/locust -f bench/locustfile.py --headless -u 8 -r 4 -t 40s --host http://127.0.0.1:8000

Each simulated owner creates a session, answers whatever the assistant asks from a scripted
case of tests/data/conversations_dev.jsonl (every fourth conversation asks a side question
after two answers, as bench/turn_latency.py does), and starts a new conversation when one ends.
A lighter user polls /health. Every message the service acknowledged (200) is appended to the
file named by INTAKE_BENCH_ACKNOWLEDGED, one JSON object a line, so a check afterwards can find
each one in its session's transcript.
"""

import itertools
import json
import os
import sys
import threading
import uuid
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from turn_latency import DEFAULT_CASES, Script, side_question_for

from assistant.evaluation import MAX_TURNS, load_cases

CASES = load_cases(DEFAULT_CASES.read_text(encoding="utf-8"))
RUN = uuid.uuid4().hex[:8]
_conversations = itertools.count()
_acknowledged_lock = threading.Lock()
_acknowledged_path = os.environ.get("INTAKE_BENCH_ACKNOWLEDGED")


def acknowledge(record: dict[str, Any]) -> None:
    if _acknowledged_path:
        with _acknowledged_lock, open(_acknowledged_path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")


class Owner(HttpUser):
    weight = 9
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.session: dict[str, Any] | None = None

    def _start_conversation(self) -> None:
        number = next(_conversations)
        case = CASES[number % len(CASES)]
        self.script = Script(case, side_question_for(number, case.lang))
        self.sent = 0
        self.number = number
        with self.client.post("/api/sessions", json={"lang": case.lang}, name="POST /api/sessions",
                              catch_response=True) as response:
            if response.status_code != 201:
                response.failure(f"status {response.status_code}")
                self.session = None
                return
            self.session = response.json()
            self.expecting = self.session["turn"]["expecting"]

    @task
    def talk(self) -> None:
        if self.session is None or self.sent >= MAX_TURNS or not (self.script.pending or self.expecting):
            self._start_conversation()
            return
        text, is_side = self.script.next(self.expecting)
        message_id = f"{RUN}-c{self.number}-m{self.sent}"
        self.sent += 1
        session_id = self.session["session_id"]
        with self.client.post(
            f"/api/sessions/{session_id}/messages",
            json={"client_message_id": message_id, "text": text},
            headers={"Authorization": f"Bearer {self.session['token']}"},
            name="POST side question" if is_side else "POST message",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return
            turn = response.json()["turn"]
            self.expecting = None if turn["brief_ready"] else turn["expecting"]
            acknowledge({"session_id": session_id, "token": self.session["token"], "message_id": message_id})


class Monitor(HttpUser):
    weight = 1
    wait_time = between(0.5, 1.0)

    @task
    def health(self) -> None:
        self.client.get("/health", name="GET /health")
