"""Reindexing is incremental: only changed entries are re-embedded; deleted ones go."""

from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import Embeddings

from knowledge.loader import DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR, load_knowledge_base
from knowledge.schema import Entry
from retrieval import VectorIndex, chroma_client
from retrieval.documents import passages
from retrieval.store import EMBED_BATCH


class CountingEmbeddings(Embeddings):
    """The real bundled model, wrapped to count what it is asked to embed."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.documents = 0
        self.batches: list[int] = []
        self.model_id = getattr(inner, "model_id", "inner")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents += len(texts)
        self.batches.append(len(texts))
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


@pytest.fixture
def entries() -> dict[str, Entry]:
    kb, _ = load_knowledge_base(DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR)
    return dict(list(kb.entries.items())[:6])


def test_incremental_reindex(tmp_path: Path, entries: dict[str, Entry], runtime: Any) -> None:
    embedder = CountingEmbeddings(runtime.embedder)
    index = VectorIndex(embedder, chroma_client(path=tmp_path / "chroma", url=None))
    calls: list[tuple[int, int, str]] = []

    first = index.sync(entries, lambda done, total, item: calls.append((done, total, item)))
    assert sorted(first.added) == sorted(entries)
    # Progress counts the distinct passage texts embedded, in batches, not one call each.
    texts = {p.text for entry in entries.values() for p in passages(entry)}
    assert calls[0][:2] == (0, len(texts))
    assert calls[-1][:2] == (len(texts), len(texts))
    assert embedder.documents == len(texts)
    assert embedder.batches == [min(EMBED_BATCH, len(texts) - start) for start in range(0, len(texts), EMBED_BATCH)]
    assert index.count() == sum(len(passages(entry)) for entry in entries.values())
    embedded_all = embedder.documents

    embedder.documents = 0
    assert not index.sync(entries).changed
    assert embedder.documents == 0

    ids = list(entries)
    changed = entries[ids[0]].model_copy(deep=True)
    changed.summary.ko = changed.summary.ko + " 내용이 바뀌었어요."
    entries[ids[0]] = changed
    deleted = entries.pop(ids[1])
    report = index.sync(entries)
    assert report.updated == [ids[0]]
    assert report.removed == [deleted.id]
    assert report.added == []
    assert report.unchanged == len(entries) - 1
    assert 0 < embedder.documents < embedded_all
    assert deleted.id not in index.indexed_hashes()
    assert index.indexed_hashes()[ids[0]] == changed.content_hash()

    entries[deleted.id] = deleted
    assert index.sync(entries).added == [deleted.id]


def test_index_survives_a_new_process_handle(tmp_path: Path, entries: dict[str, Entry], runtime: Any) -> None:
    first = VectorIndex(runtime.embedder, chroma_client(path=tmp_path / "chroma", url=None))
    first.sync(entries)
    again = VectorIndex(runtime.embedder, chroma_client(path=tmp_path / "chroma", url=None))
    assert not again.sync(entries).changed


def test_in_memory_search_matches_chroma_query_and_follows_reindex(
    tmp_path: Path, entries: dict[str, Entry], runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import retrieval.store as store

    index = VectorIndex(runtime.embedder, chroma_client(path=tmp_path / "chroma", url=None))
    index.sync(entries)
    limit = store.IN_MEMORY_LIMIT
    assert index.count() <= limit
    queries = ["직원들이 집에서 일하게 하고 싶어요", "해외에 온라인으로 팔고 싶어요", "software for remote support"]
    for query in queries:
        vector = runtime.embedder.embed_query(query)
        in_memory = index.search(vector, n=10)
        monkeypatch.setattr(store, "IN_MEMORY_LIMIT", 0)
        from_chroma = index.search(vector, n=10)
        monkeypatch.setattr(store, "IN_MEMORY_LIMIT", limit)
        assert [h.passage_id for h in in_memory] == [h.passage_id for h in from_chroma]
        assert [round(h.similarity, 4) for h in in_memory] == [round(h.similarity, 4) for h in from_chroma]

    first = next(iter(entries))
    changed = entries[first].model_copy(deep=True)
    changed.owner_needs.ko = ["고양이 카페 손님 예약을 한곳에서 받고 싶어요"]
    entries[first] = changed
    index.sync(entries)
    hits = index.search(runtime.embedder.embed_query("고양이 카페 손님 예약을 한곳에서 받고 싶어요"), n=1)
    assert hits[0].entry_id == first
    assert hits[0].text == "고양이 카페 손님 예약을 한곳에서 받고 싶어요"


class SmallBatches:
    """A Chroma client that takes only a few records per call."""

    def __init__(self, client: Any, size: int) -> None:
        self.client = client
        self.size = size

    def get_max_batch_size(self) -> int:
        return self.size

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)


def test_the_whole_index_is_written_and_read_a_page_at_a_time(
    tmp_path: Path, entries: dict[str, Entry], runtime: Any
) -> None:
    """An embedded Chroma reads metadata with one SQLite variable per record and fails past
    32,766 records in one call ("too many SQL variables": a catalogue of 2,000 entries in
    bench/catalog_growth.py); every read of the whole collection goes in pages of the client's
    batch size, as the writes do."""
    client = chroma_client(path=tmp_path / "chroma", url=None)
    paged = VectorIndex(runtime.embedder, SmallBatches(client, 7))
    paged.sync(entries)
    assert paged.count() > 3 * 7
    whole = VectorIndex(runtime.embedder, client)
    assert paged.indexed_hashes() == whole.indexed_hashes() == {e.id: e.content_hash() for e in entries.values()}
    vector = runtime.embedder.embed_query("해외에 온라인으로 팔고 싶어요")
    everything = paged.search(vector, n=paged.count())
    assert len({hit.passage_id for hit in everything}) == whole.count()
    assert [hit.passage_id for hit in everything[:10]] == [hit.passage_id for hit in whole.search(vector, n=10)]
