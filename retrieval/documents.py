"""Splits an entry into the passages that are embedded, matched and quoted back."""

from dataclasses import dataclass
from functools import lru_cache

from langchain_text_splitters import RecursiveCharacterTextSplitter

from knowledge.schema import Entry

# Short passages keep each one about a single fact, so the passage we quote is the one that
# answered; 120 characters is about one Korean sentence.
_CHUNK_SIZE = 120


@dataclass(frozen=True)
class Passage:
    entry_id: str
    number: int
    section: str
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
    pieces: list[tuple[str, str, str]] = []
    for lang in ("ko", "en"):
        name = entry.name.get(lang)
        pieces.append(("summary", lang, f"{name}: {entry.summary.get(lang)}"))
        for chunk in _splitter().split_text(entry.body.get(lang)):
            pieces.append(("body", lang, chunk.strip()))
        for condition in entry.eligibility.conditions:
            pieces.append(("eligibility", lang, f"{name}: {condition.get(lang)}"))
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
