"""What one assistant turn tells the client (contracts.md §5)."""

from pydantic import BaseModel, Field


class Option(BaseModel):
    label: str
    value: str


class TurnCitation(BaseModel):
    id: str
    name: str
    source: str = Field(description="The source as a person reads it (publisher, year, headline) and the quoted sentence")
    url: str | None = Field(default=None, description="The page showing the quoted sentence in its article")


class Turn(BaseModel):
    messages: list[str]
    expecting: str | None = Field(description="A slot id, 'consent', or null")
    options: list[Option] = Field(default_factory=list)
    citations: list[TurnCitation] = Field(default_factory=list)
    brief_ready: bool = False
