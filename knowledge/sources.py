"""What each seed article is (knowledge/seeds/sources.yaml): publisher, headline, year and
the slug of its source page, so a citation reads "중앙일보, 2009: 「…」" and never shows a
file name."""

from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlencode

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


SOURCE_PAGE = "/sources/{slug}"
# Lines this short in a saved article are page furniture ("입력", "업데이트", "지면보기"), not text.
_FURNITURE = 8


class ArticlePage(BaseModel):
    """A source article as its page shows it: paragraphs, and where the quoted sentence is."""

    model_config = ConfigDict(frozen=True)

    info: SourceInfo
    paragraphs: list[str]
    quoted: int | None = Field(default=None, description="The paragraph holding the quote")
    quote: str | None = None


def _compact(text: str) -> str:
    return " ".join(text.split())


def source_url(seed: str, seeds_dir: Path = DEFAULT_SEEDS_DIR) -> str | None:
    """The address of the page that shows a seed article (None for a seed without one)."""
    info = load_sources(seeds_dir).of(seed)
    return SOURCE_PAGE.format(slug=info.slug) if info else None


def article_page(slug: str, quote: str | None = None, seeds_dir: Path = DEFAULT_SEEDS_DIR) -> ArticlePage | None:
    """The article behind a source slug with the paragraph that holds `quote` found (a quote
    that is not in the article is not marked: the page shows only what the article says)."""
    found = load_sources(seeds_dir).by_slug(slug)
    if found is None:
        return None
    seed, info = found
    text = (seeds_dir / seed).read_text(encoding="utf-8")
    paragraphs = [_compact(line) for line in text.splitlines() if len(_compact(line)) >= _FURNITURE]
    if paragraphs and info.title and _compact(info.title) == paragraphs[0]:
        paragraphs = paragraphs[1:]  # the headline is the page's own heading
    wanted = _compact(quote or "")
    quoted = next((i for i, p in enumerate(paragraphs) if wanted and wanted in p), None)
    return ArticlePage(info=info, paragraphs=paragraphs, quoted=quoted, quote=wanted if quoted is not None else None)


def source_label(seed: str, lang: str = "ko", seeds_dir: Path = DEFAULT_SEEDS_DIR) -> str:
    """The article a seed is, as a person reads it. A seed missing from the catalogue (the
    tests catch that) is still never named by its file."""
    info = load_sources(seeds_dir).of(seed)
    return info.label(lang) if info else ("출처 자료" if lang == "ko" else "Source")


def quote_url(seed: str, quote: str, lang: str = "ko", seeds_dir: Path = DEFAULT_SEEDS_DIR) -> str | None:
    """The source page of a seed with `quote` marked in its article (None without a page)."""
    url = source_url(seed, seeds_dir)
    return f"{url}?{urlencode({'q': quote, 'lang': lang})}" if url else None


def readable_citation(seed: str, quote: str, lang: str = "ko", seeds_dir: Path = DEFAULT_SEEDS_DIR) -> str:
    """A quoted sentence with its source as a person reads it."""
    return f"{source_label(seed, lang, seeds_dir)} — “{quote}”"
