"""A session resumes exactly after the server process is killed (SIGKILL) and restarted."""

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from application.settings import Settings
from tests.servers import wait_until_answering


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(data_dir: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    env = {**os.environ, "INTAKE_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    intake = Path(sys.executable).parent / "intake"
    process = subprocess.Popen([str(intake), "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{url}/health", seconds=240, what="the server", process=process)
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)


@pytest.mark.slow
def test_session_resumes_after_kill(settings: Settings) -> None:
    # The session's data folder already holds the built index, so start-up is quick.
    with live_server(settings.data_dir) as (url, process):
        created = httpx.post(f"{url}/api/sessions", json={"lang": "ko"}).json()
        headers = {"Authorization": f"Bearer {created['token']}"}
        messages = f"{url}/api/sessions/{created['session_id']}/messages"
        for i, text in enumerate(["부산에서 직원 12명으로 쇼핑몰 해요", "2018년", "매출 20억"]):
            assert httpx.post(messages, headers=headers, json={"client_message_id": f"k{i}", "text": text},
                              timeout=30).status_code == 200
        before = httpx.get(f"{url}/api/sessions/{created['session_id']}", headers=headers).json()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    with live_server(settings.data_dir) as (url, _):
        messages = f"{url}/api/sessions/{created['session_id']}/messages"
        after = httpx.get(f"{url}/api/sessions/{created['session_id']}", headers=headers).json()
        assert after == before
        assert after["expecting"] == "company.name"
        # A retry of an acknowledged message after the crash returns the stored turn.
        again = httpx.post(messages, headers=headers, json={"client_message_id": "k2", "text": "매출 20억"}, timeout=30)
        assert again.json()["turn"]["expecting"] == "company.name"
        turn = httpx.post(messages, headers=headers, json={"client_message_id": "k3", "text": "한빛몰"},
                          timeout=30).json()["turn"]
        assert turn["expecting"] == "costs.it_budget_krw_per_year"
        final = httpx.get(f"{url}/api/sessions/{created['session_id']}", headers=headers).json()
        assert final["slots"]["company.name"]["value"] == "한빛몰"
        assert final["slots"]["company.region"]["value"] == "busan"
