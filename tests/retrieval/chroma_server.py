"""A real `chroma run` on a loopback port for the tests, stopped (port closed) on exit."""

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.servers import wait_until_answering
from tests.web.browser.conftest import free_port


@contextmanager
def chroma_server(path: Path, *, start_seconds: float = 60, stop_seconds: float = 30) -> Iterator[str]:
    """The server's URL once its heartbeat answers."""
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "chroma"), "run", "--path", str(path), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{url}/api/v2/heartbeat", seconds=start_seconds, what="chroma server")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=stop_seconds)
