"""Server mode: the same index and search against a real `chroma run` on loopback."""

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from application.runtime import Runtime, build_runtime
from application.settings import Settings
from knowledge.loader import DEFAULT_ENTRIES_DIR


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    path = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("chroma server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server_runtime(chroma_server: str, tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("unused-data"),
        chroma_url=chroma_server,
        knowledge_dir=DEFAULT_ENTRIES_DIR,
        _env_file=None,
    )
    return build_runtime(settings)


def test_server_mode_indexes_and_searches(server_runtime: Runtime) -> None:
    assert len(server_runtime.sync_report.added) == len(server_runtime.kb.entries)
    assert not (server_runtime.settings.data_dir / "chroma").exists()
    response = server_runtime.retriever.search("직원들이 집에서 회사 시스템에 접속하게 하고 싶어요", k=3)
    assert "program:kasdi-daas-remote-work" in [r.id for r in response.results]


def test_server_mode_reindex_is_incremental(server_runtime: Runtime) -> None:
    assert not server_runtime.index.sync(server_runtime.kb.entries).changed
