"""What a search returns; the HTTP API and the dialog engine both hand these on unchanged."""

from pydantic import BaseModel, Field


class Citation(BaseModel):
    id: str
    name: str
    source: str = Field(description="The source as a person reads it (publisher, year, headline) and the quoted sentence")
    url: str | None = Field(default=None, description="The page showing the quoted sentence in its article")


class SearchResult(BaseModel):
    id: str
    name: str
    score: float = Field(description="Fused relevance, 0–1, comparable within one search")
    passage: str
    summary: str
    source: str = Field(description="The source as a person reads it (publisher, year, headline) and the quoted sentence")
    source_url: str | None = Field(default=None, description="The page showing the quoted sentence in its article")
    # Which article and sentence the entry rests on, for code that cites it; never shown.
    seed: str
    quote: str
    kind: str
    matched_alias: str | None = None
    dense: float = Field(description="Cosine similarity of the closest profile passage")
    lexical: float = Field(description="BM25 score normalised to the query's best possible")


class SearchResponse(BaseModel):
    query: str
    answerable: bool
    results: list[SearchResult]
    # The passage index (a Chroma server) did not answer: ranked by keywords and names only.
    lexical_only: bool = False

    def citations(self) -> list[Citation]:
        return [Citation(id=r.id, name=r.name, source=r.source, url=r.source_url) for r in self.results]
