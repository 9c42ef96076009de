"""Splits an entry into the passages that are embedded, matched and quoted back.

Two kinds: *profile* passages say what the entry is for (name with summary, the owners'
own phrasing of the needs it meets, public facts) and rank entries; *detail* passages are
the body's sentences, quoted back as the passage that answered. Ranking on every body
sentence lets one stray sentence outrank the entry that is really about the question —
measured in bench/retrieval_ablation.py."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from langchain_text_splitters import RecursiveCharacterTextSplitter

from knowledge.schema import Entry

Section = Literal["profile", "detail"]
# About one Korean sentence, so the quoted passage is the one that answered.
_CHUNK_SIZE = 120


@dataclass(frozen=True)
class Passage:
    entry_id: str
    number: int
    section: Section
    lang: str
    text: str

    @property
    def id(self) -> str:
        return f"{self.entry_id}#{self.number}"


@lru_cache(maxsize=1)
def _splitter() -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=_CHUNK_SIZE,
        chunk_overlap=0,
        separators=["\n\n", "\n", "요. ", ". ", " ", ""],
        keep_separator="end",
    )


def passages(entry: Entry) -> list[Passage]:
    pieces: list[tuple[Section, str, str]] = []
    tags = " ".join(entry.capability_tags)
    for lang in ("ko", "en"):
        name = entry.name.get(lang)
        pieces.append(("profile", lang, f"{name}: {entry.summary.get(lang)} {tags}".strip()))
        pieces += [("profile", lang, need) for need in getattr(entry.owner_needs, lang)]
        pieces += [("profile", lang, f"{name}: {fact.text.get(lang)}") for fact in entry.public_facts]
        pieces += [("detail", lang, chunk.strip()) for chunk in _splitter().split_text(entry.body.get(lang))]
        pieces += [("detail", lang, c.get(lang)) for c in entry.eligibility.conditions]
    return [
        Passage(entry.id, number, section, lang, text)
        for number, (section, lang, text) in enumerate(p for p in pieces if p[2])
    ]


def lexical_text(entry: Entry) -> str:
    """Everything a term match may hit: names, aliases and tags as well as the prose."""
    parts = [
        entry.name.ko,
        entry.name.en,
        entry.operator.ko,
        entry.operator.en,
        " ".join(entry.aliases),
        " ".join(tag.replace("-", " ") for tag in entry.capability_tags),
    ]
    return "\n".join(parts)
