"""What the engine needs from outside, as small Protocols: it never imports Chroma, a
database or the web, and tests can hand in the real implementations."""

from typing import Protocol

from retrieval.models import SearchResponse


class KnowledgeSearch(Protocol):
    def search(self, query: str, k: int = 5, *, kind: str | None = None, lang: str = "ko") -> SearchResponse: ...


class OptionMatcher(Protocol):
    """Picks the option description closest in meaning to an answer, or None when no option
    is clearly closest. Used when the rules cannot read an answer."""

    def best(self, text: str, options: list[str]) -> int | None: ...
