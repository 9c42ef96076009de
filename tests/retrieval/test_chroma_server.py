"""Server mode: the same index and search against a real `chroma run` on loopback."""

from collections.abc import Iterator

import pytest

from application.runtime import Runtime, build_runtime
from application.settings import Settings
from knowledge.loader import DEFAULT_ENTRIES_DIR
from tests.retrieval.chroma_server import chroma_server


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with chroma_server(tmp_path_factory.mktemp("chroma-server"), start_seconds=30, stop_seconds=10) as url:
        yield url


@pytest.fixture(scope="module")
def server_runtime(chroma_url: str, tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("unused-data"),
        chroma_url=chroma_url,
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
