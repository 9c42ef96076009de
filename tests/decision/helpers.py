"""Slot sets for test firms, and a search double for tests that need no retriever."""

from typing import Any

from assistant.state import SlotValue
from retrieval.models import SearchResponse, SearchResult


def answered(**values: Any) -> dict[str, SlotValue]:
    """Answered slots from keyword arguments: `company__region="daejeon"` → company.region."""
    return {key.replace("__", "."): SlotValue(value=value, status="answered") for key, value in values.items()}


def unknown(*slot_ids: str) -> dict[str, SlotValue]:
    return {slot: SlotValue(value=None, status="unknown", raw_text="잘 모르겠어요") for slot in slot_ids}


class NoSearch:
    """A KnowledgeSearch that finds nothing: matching then rests on the answers alone."""

    def search(self, query: str, k: int = 5, *, kind: str | None = None, lang: str = "ko") -> SearchResponse:
        return SearchResponse(query=query, answerable=False, results=[])


class FixedSearch:
    """A KnowledgeSearch returning the given ids in order, with falling scores."""

    def __init__(self, ids: list[str], answerable: bool = True) -> None:
        self.ids = ids
        self.answerable = answerable
        self.queries: list[tuple[str, str | None]] = []

    def search(self, query: str, k: int = 5, *, kind: str | None = None, lang: str = "ko") -> SearchResponse:
        self.queries.append((query, kind))
        results = [
            SearchResult(id=entry_id, name=entry_id, score=1.0 - 0.1 * rank, passage="", summary="", source="", seed="", quote="",
                         kind=entry_id.split(":")[0], dense=0.9, lexical=0.5)
            for rank, entry_id in enumerate(self.ids[:k])
            if kind is None or entry_id.startswith(f"{kind}:")
        ]
        return SearchResponse(query=query, answerable=self.answerable, results=results)
