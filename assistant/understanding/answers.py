"""One entry point for the engine: the answer to the question about `slot_id`, parsed
with that slot's parser (contracts.md §1 lists the slots and their types)."""

from collections.abc import Callable
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from assistant.understanding.choices import (
    parse_digital_skills,
    parse_funding_need,
    parse_hiring_difficulty,
    parse_interest,
    parse_remote_status,
    parse_support_types,
    parse_urgency,
)
from assistant.understanding.contact import clean_name, find_company_name, find_email, find_phone
from assistant.understanding.counts import find_counts, parse_count, parse_it_staff
from assistant.understanding.founding import find_founding
from assistant.understanding.industries import find_industry
from assistant.understanding.levels import Dimension, parse_level
from assistant.understanding.money import find_amounts, parse_krw_per_year
from assistant.understanding.regions import find_region
from assistant.understanding.text import clause_spans, normalize
from assistant.understanding.yesno import is_back, is_dont_know, is_skip, parse_yes_no
from knowledge.vocabulary import CompanyStage, Industry

Value = int | str | bool | list[str]


class ParsedAnswer(BaseModel):
    model_config = ConfigDict(frozen=True)

    # The slot the value belongs to: the one asked about, except that a pre-founder's
    # answer to company.founded_year fills company.stage instead.
    slot: str
    value: Value
    method: str
    matched: str
    confidence: float = Field(ge=0.0, le=1.0)


_Parse = tuple[Value, str, float] | None  # (value, matched text, confidence)
_FREE_TEXT = frozenset({"company.name", "contact.name", "costs.pressures", "needs.goals"})
_FALLBACK_CONFIDENCE = 0.3
_CONFIDENCE_BY_WEIGHT = {3: 0.9, 2: 0.75, 1: 0.55}
# An industry named alongside another's words is a guess that decides eligibility: read back.
_CONTESTED = 0.6


def _company_name(text: str, _: date) -> _Parse:
    found = find_company_name(text)
    if found:
        return found[0], found[1], 0.9
    name = clean_name(text)
    return (name, text, 0.7) if name else None


def _contact_name(text: str, _: date) -> _Parse:
    name = clean_name(text)
    return (name, text, 0.8) if name else None


def _industry(text: str, _: date) -> _Parse:
    match = find_industry(text)
    if match:
        confidence = _CONFIDENCE_BY_WEIGHT[match.score]
        return match.industry.value, match.matched, min(confidence, _CONTESTED) if match.others else confidence
    # A description none of the lexicons knows is still an industry: "other", held loosely.
    described = sum(ch.isalpha() for ch in text) >= 2 and parse_yes_no(text) is None
    return (Industry.OTHER.value, text, _FALLBACK_CONFIDENCE) if described else None


def _region(text: str, _: date) -> _Parse:
    match = find_region(text)
    return (match.region.value, match.matched, 0.9) if match else None


def _count(parser: Callable[[str], int | None]) -> Callable[[str, date], _Parse]:
    def parse(text: str, _: date) -> _Parse:
        value = parser(text)
        if value is None:
            return None
        counts = find_counts(text)
        return value, counts[0].matched if counts else text, 0.9 if counts else 0.7

    return parse


def _krw(text: str, _: date) -> _Parse:
    value = parse_krw_per_year(text)
    if value is None:
        return None
    amounts = find_amounts(text)
    return value, amounts[0].matched if amounts else text, 0.9 if amounts else 0.75


def _founded(text: str, today: date) -> _Parse:
    found = find_founding(text, today, need_cue=False)
    if found is None:
        return None
    return (found.year if found.year is not None else CompanyStage.PRE_FOUNDER.value), found.matched, 0.85


def _plain_text(text: str, _: date) -> _Parse:
    return text, text, 1.0


def _email(text: str, _: date) -> _Parse:
    email = find_email(text)
    return (email, email, 0.95) if email else None


def _phone(text: str, _: date) -> _Parse:
    phone = find_phone(text)
    return (phone[0], phone[1], 0.95) if phone else None


def _choice(parser: Callable[[str], object]) -> Callable[[str, date], _Parse]:
    def parse(text: str, _: date) -> _Parse:
        value = parser(text)
        if value is None:
            return None
        if isinstance(value, bool):
            return value, text, 0.8
        if isinstance(value, list):
            return ([str(v) for v in value], text, 0.8) if value else None
        return str(value), text, 0.8

    return parse


def _level(dimension: Dimension) -> Callable[[str, date], _Parse]:
    def parse(text: str, _: date) -> _Parse:
        level = parse_level(dimension, text)
        return (level.level, level.matched, level.confidence) if level else None

    return parse


_PARSERS: dict[str, Callable[[str, date], _Parse]] = {
    "company.name": _company_name,
    "company.industry": _industry,
    "company.region": _region,
    "company.employees": _count(parse_count),
    "company.annual_revenue_krw": _krw,
    "company.founded_year": _founded,
    "costs.it_budget_krw_per_year": _krw,
    "costs.pressures": _plain_text,
    "costs.funding_need": _choice(parse_funding_need),
    "staffing.it_staff": _count(parse_it_staff),
    "staffing.digital_skills": _choice(parse_digital_skills),
    "staffing.hiring_difficulty": _choice(parse_hiring_difficulty),
    "remote.status": _choice(parse_remote_status),
    "remote.interest": _choice(parse_interest),
    "readiness.cloud": _level("cloud"),
    "readiness.ai": _level("ai"),
    "readiness.blockchain": _level("blockchain"),
    "readiness.data": _level("data"),
    "readiness.security": _level("security"),
    "needs.goals": _plain_text,
    "needs.support_types": _choice(parse_support_types),
    "needs.urgency": _choice(parse_urgency),
    "contact.name": _contact_name,
    "contact.email": _email,
    "contact.phone": _phone,
    "consent.privacy": _choice(parse_yes_no),
}
SLOT_IDS: tuple[str, ...] = tuple(_PARSERS)
# Parsers shared by several slots name their kind in `method` ("rule:money").
_METHODS: dict[Callable[[str, date], _Parse], str] = {_krw: "money", _plain_text: "text"}
# The engine's `expecting` value for the consent question (contracts.md §5).
_ALIASES = {"consent": "consent.privacy"}


def parse_answer(slot_id: str, text: str, today: date | None = None) -> ParsedAnswer | None:
    """The value an answer gives for `slot_id`, or None when it gives none (including
    don't-know, skip and go-back replies). Raises KeyError for an unknown slot id."""
    slot = _ALIASES.get(slot_id, slot_id)
    parser = _PARSERS[slot]
    norm = normalize(text)
    if not norm or is_skip(norm) or is_back(norm):
        return None
    # A level answer like "전혀 몰라요" (knows nothing of it) is level 0, not a don't-know.
    parsed = parser(norm, today or date.today())
    # "잘 모르겠지만 30명 정도" still answers; a bare don't-know must not become free text
    # or a fallback value, but free text with a hedge beside it ("…처리비요. 글쎄요 다
    # 부담이죠") is still what the owner said.
    if is_dont_know(norm) and (parsed is None or parsed[2] <= _FALLBACK_CONFIDENCE or (
            slot in _FREE_TEXT and all(is_dont_know(norm[s:e]) for s, e in clause_spans(norm)))):
        return None
    if parsed is None:
        return None
    value, matched, confidence = parsed
    method = f"rule:{_METHODS.get(parser, slot.split('.')[-1])}"
    if slot == "company.founded_year" and isinstance(value, str):
        return ParsedAnswer(slot="company.stage", value=value, method="rule:pre_founder", matched=matched,
                            confidence=confidence)
    return ParsedAnswer(slot=slot, value=value, method=method, matched=matched, confidence=confidence)
