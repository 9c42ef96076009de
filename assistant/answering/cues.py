"""Sorting a side question by its cue words (cues.yaml): which service question it is,
whether it is only small talk, which aspect of an entry it asks about, and whether an entry's
material states that aspect."""

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from assistant.decision.keywords import find_keyword, keyword_pattern
from knowledge.schema import Entry
from prompts.answers import ASPECTS, SERVICES, Aspect, Service

CUES_FILE = Path(__file__).with_name("cues.yaml")
# How the material states a figure of money (retrieval's answer-type check reads it the same).
AMOUNT_STATED = re.compile(r"\d[\d,.]*\s*(?:원|만|억|천)|무료|비용\s*부담\s*없|\bwon\b|\bfree\b|no cost", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")


class Cues(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    services: dict[Service, list[str]]
    smalltalk: list[str]
    greeting: list[str]
    asking: list[str]
    aspects: dict[Aspect, list[str]]
    missing: list[str]
    words: dict[Aspect, list[str]]


@lru_cache(maxsize=1)
def load_cues(path: Path = CUES_FILE) -> Cues:
    return Cues.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _hits(text: str, keywords: list[str]) -> int:
    return sum(1 for k in keywords if keyword_pattern(k).search(text))


def service_question(text: str, cues: Cues | None = None) -> Service | None:
    """The service asked about: the one with most cue words, the first listed on a tie."""
    cues = cues or load_cues()
    best, best_hits = None, 0
    for service in SERVICES:
        hits = _hits(text, cues.services.get(service, []))
        if hits > best_hits:
            best, best_hits = service, hits
    return best


def is_smalltalk(text: str, cues: Cues | None = None) -> bool:
    """Thanks, praise or a greeting that asks for nothing."""
    cues = cues or load_cues()
    return find_keyword(text, cues.smalltalk) is not None and not _asks(text, cues)


_GREETING_FILLER = re.compile(r"[\s.,!?~^ㅎㅋ:)😊🙂👋]+|(?<![가-힣])(?:요|there|everyone|all)(?![가-힣a-z])", re.IGNORECASE)


def is_greeting(text: str, cues: Cues | None = None) -> bool:
    """A message that says nothing but hello ("안녕하세요~", "hi there!")."""
    cues = cues or load_cues()
    rest = text.strip()
    for word in sorted(cues.greeting, key=len, reverse=True):
        rest = keyword_pattern(word).sub(" ", rest)
    return rest != text.strip() and not _GREETING_FILLER.sub("", rest)


def asked_aspect(text: str, *, named: bool, cues: Cues | None = None) -> Aspect:
    """The first aspect in cues.yaml order with a cue in the question; without one, what the
    entry is when the question names it, otherwise which entry fits the situation described."""
    cues = cues or load_cues()
    for aspect in ASPECTS:
        keywords = cues.aspects.get(aspect)
        if keywords and find_keyword(text, keywords):
            return aspect
    return "overview" if named else "match"


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def _material(entry: Entry, lang: str) -> list[str]:
    other = "en" if lang == "ko" else "ko"
    found = [*sentences(entry.body.get(lang)), *(s for c in entry.eligibility.conditions for s in sentences(c.get(lang)))]
    if entry.dates is not None and entry.dates.note is not None:
        found.append(entry.dates.note.get(lang))
    # The other language's sentences are read for cues only when this one has none.
    return found or [*sentences(entry.body.get(other))]


def _says_missing(sentence: str, cues: Cues) -> bool:
    return find_keyword(sentence, cues.missing) is not None


def aspect_passage(entry: Entry, aspect: Aspect, lang: str, cues: Cues | None = None) -> str | None:
    """The sentence of the material that states the aspect, or None when the material does
    not (or says outright that it is not known)."""
    cues = cues or load_cues()
    if aspect in ("overview", "match", "support"):
        return entry.summary.get(lang)
    if aspect == "operator":
        return entry.operator.get(lang)
    words = cues.words.get(aspect, [])
    material = _material(entry, lang)
    for sentence in material:
        if _says_missing(sentence, cues):
            continue
        if aspect == "amount" and AMOUNT_STATED.search(sentence):
            return sentence
        if aspect != "amount" and find_keyword(sentence, words):
            return sentence
    if aspect == "eligibility" and _structured_eligibility(entry) and not any(
            _says_missing(s, cues) and find_keyword(s, words) for s in material):
        return entry.eligibility.conditions[0].get(lang) if entry.eligibility.conditions else None
    return None


def _structured_eligibility(entry: Entry) -> bool:
    rules = entry.eligibility
    return bool(rules.industries or rules.regions or rules.stages
                or rules.employees_min is not None or rules.employees_max is not None)


CLAUSE_END = re.compile(r"(?<=[.?!？！…~])\s*|\n+|(?<=[ㅠㅋㅎ])\s+")


def question_focus(text: str, cues: Cues | None = None) -> str:
    """The sentences that ask, without what the owner said before asking ("직원은 열 명이에요.
    근데 …?"): searched on their own, the preamble cannot pull in an unrelated entry."""
    cues = cues or load_cues()
    parts = [p.strip() for p in CLAUSE_END.split(text) if p and p.strip()]
    asks = [i for i, p in enumerate(parts) if _asks(p, cues)]
    # The sentence just before a question usually says what "that" is.
    kept = sorted({j for i in asks for j in (i - 1, i) if j >= 0})
    return " ".join(parts[j] for j in kept) if kept else text


def _asks(text: str, cues: Cues) -> bool:
    return "?" in text or "？" in text or find_keyword(text, cues.asking) is not None
