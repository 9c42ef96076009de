"""Waiting for a server the tests started in a process of its own to answer."""

import subprocess
import time
from pathlib import Path

import httpx
import pytest


def wait_until_answering(url: str, *, seconds: float, what: str, process: subprocess.Popen[bytes] | None = None,
                         log: Path | None = None) -> None:
    """Polls `url` until it answers 200; fails the test when `seconds` pass or `process` exits
    first (quoting the end of its `log`)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log is not None else ""
            pytest.fail(f"{what} exited during start-up{': ' + tail if tail else ''}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    pytest.fail(f"{what} did not start")
