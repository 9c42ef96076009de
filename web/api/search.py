"""GET /api/search (contracts.md §5)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from web.deps import RetrieverDep
from web.errors import error_responses

router = APIRouter(responses=error_responses(400, 422))


class SearchHit(BaseModel):
    id: str
    name: str
    score: float
    passage: str
    source: str = Field(description="The source as a person reads it (publisher, year, headline) and the quoted sentence")
    source_url: str | None = Field(default=None, description="The page showing the quoted sentence in its article")


class SearchAnswer(BaseModel):
    answerable: bool
    results: list[SearchHit]
    lexical_only: bool = Field(default=False, description="The passage index did not answer: ranked by keywords "
                               "and names only")


@router.get("/api/search", response_model=SearchAnswer)
def search(
    retriever: RetrieverDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="The question or need")],
    k: Annotated[int, Query(ge=1, le=20)] = 5,
    kind: Annotated[Literal["program", "vendor"] | None, Query()] = None,
) -> SearchAnswer:
    response = retriever.search(q, k=k, kind=kind)
    return SearchAnswer(
        answerable=response.answerable,
        results=[SearchHit.model_validate(r.model_dump()) for r in response.results],
        lexical_only=response.lexical_only,
    )
