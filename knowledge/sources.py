"""What each seed article is (knowledge/seeds/sources.yaml): publisher, headline, year and
the slug of its source page, so a citation reads "중앙일보, 2009: 「…」" and never shows a
file name."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from knowledge.loader import DEFAULT_SEEDS_DIR

SOURCES_FILE = "sources.yaml"


class SourceInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    publisher: str | None = None
    title: str | None = None
    year: int = Field(ge=1990, le=2100)
    year_basis: Literal["stated", "inferred"]

    def label(self, lang: str = "ko") -> str:
        """"중앙일보, 2009: 「퇴직한 IT 전문가, 중기 혁신 조언자 된다」"; without a headline,
        "중도일보, 2020년 기사" ("NSP통신, 2021 article")."""
        who = self.publisher or ("신문 기사" if lang == "ko" else "News article")
        if self.title:
            return f"{who}, {self.year}: 「{self.title}」"
        return f"{who}, {self.year}년 기사" if lang == "ko" else f"{who}, {self.year} article"


class SourceCatalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: dict[str, SourceInfo]

    def of(self, seed: str) -> SourceInfo | None:
        return self.sources.get(seed)

    def by_slug(self, slug: str) -> tuple[str, SourceInfo] | None:
        return next(((seed, info) for seed, info in self.sources.items() if info.slug == slug), None)


@lru_cache(maxsize=4)
def load_sources(seeds_dir: Path = DEFAULT_SEEDS_DIR) -> SourceCatalogue:
    return SourceCatalogue.model_validate(yaml.safe_load((seeds_dir / SOURCES_FILE).read_text(encoding="utf-8")))


def readable_citation(seed: str, quote: str, lang: str = "ko", seeds_dir: Path = DEFAULT_SEEDS_DIR) -> str:
    """A quoted sentence with its source as a person reads it. A seed missing from the
    catalogue (the tests catch that) is still never named by its file."""
    info = load_sources(seeds_dir).of(seed)
    label = info.label(lang) if info else ("출처 자료" if lang == "ko" else "Source")
    return f"{label} — “{quote}”"
