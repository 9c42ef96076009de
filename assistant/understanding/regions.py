"""Which of the 17 시·도 a message places the firm in.

Every place name found votes for the 시·도 it may belong to; a name shared by several
(중구, 고성, 광주) decides only together with another mention or through its stated
default. Korean names must stand as a word: followed by nothing, a particle, an
administrative suffix or another place name, so 부산물 and 대구경 are not places."""

import re
from dataclasses import dataclass

from assistant.understanding.regions_data import (
    AMBIGUOUS,
    AMBIGUOUS_DEFAULT,
    BLOCKED_BEFORE,
    CONTEXT_REQUIRED,
    ENGLISH,
    ENGLISH_AMBIGUOUS,
    PLACES,
    PROVINCES,
    SUFFIX_REQUIRED,
)
from assistant.understanding.text import ends_word, normalize, starts_word, terms_pattern
from knowledge.vocabulary import Region


@dataclass(frozen=True)
class _Name:
    regions: tuple[Region, ...]
    suffix_required: bool = False


@dataclass(frozen=True)
class RegionMatch:
    region: Region
    matched: str
    start: int
    end: int


def _lexicon() -> dict[str, _Name]:
    names: dict[str, _Name] = {}
    for region, places in PLACES.items():
        names.update({p: _Name((region,)) for p in places.split()})
    names.update({n: _Name((r,), suffix_required=True) for n, r in SUFFIX_REQUIRED.items()})
    names.update({n: _Name(rs) for n, rs in AMBIGUOUS.items()})
    names.update({n: _Name((r,)) for n, r in PROVINCES.items()})
    return names


_NAMES = _lexicon()
_LONGEST = max(map(len, _NAMES))
_SUFFIXES = ("특별자치시", "특별자치도", "특별시", "광역시", "자치도", "시", "도", "군", "구", "읍", "면", "동", "역")
_REQUIRED_SUFFIXES = ("시", "군", "구")
_AFTER_SUFFIX = ("청", "민", "외", "내")  # 시청, 군민, 시외, 시내
_ENGLISH = re.compile(
    rf"\b({terms_pattern([*ENGLISH, *ENGLISH_AMBIGUOUS])})\b(?:-(?:do|si|gun|gu)\b)?", re.IGNORECASE | re.ASCII
)


@dataclass(frozen=True)
class _Hit:
    regions: tuple[Region, ...]
    default: Region | None
    start: int
    end: int


def _name_at(text: str, pos: int) -> tuple[str, int] | None:
    """The longest place name starting at `pos` that stands as a word, with its end."""
    for length in range(min(_LONGEST, len(text) - pos), 0, -1):
        name = text[pos:pos + length]
        entry = _NAMES.get(name)
        if entry is None:
            continue
        end = pos + length
        suffix = next((s for s in _SUFFIXES if text.startswith(s, end)), "")
        if entry.suffix_required and suffix not in _REQUIRED_SUFFIXES:
            continue
        after = end + len(suffix)
        if not suffix and text.startswith(BLOCKED_BEFORE.get(name, ()), end):
            continue
        if name in CONTEXT_REQUIRED and not suffix and not (
            text.startswith(CONTEXT_REQUIRED[name], end) or _followed_by_place(text, end) or _alone(text, end)
        ):
            continue
        if ends_word(text, after) or (suffix and text.startswith(_AFTER_SUFFIX, after)) or _glued_place(text, after):
            return name, after
    return None


def _alone(text: str, pos: int) -> bool:
    return pos == len(text) or text[pos] in ".,!?)~"


def _glued_place(text: str, pos: int) -> bool:
    return any(text[pos:pos + n] in _NAMES for n in range(2, _LONGEST + 1))


def _followed_by_place(text: str, pos: int) -> bool:
    return text[pos:pos + 1] == " " and _glued_place(text, pos + 1)


def _korean_hits(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    pos, chained = 0, False
    while pos < len(text):
        found = _name_at(text, pos) if starts_word(text, pos) or chained else None
        if found is None:
            pos, chained = pos + 1, False
            continue
        name, end = found
        hits.append(_Hit(_NAMES[name].regions, AMBIGUOUS_DEFAULT.get(name), pos, end))
        pos, chained = end, True
    return hits


def _english_hits(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _ENGLISH.finditer(text):
        key = m.group(1).lower()
        regions = ENGLISH_AMBIGUOUS.get(key) or (ENGLISH[key],)
        hits.append(_Hit(regions, AMBIGUOUS_DEFAULT.get(key), m.start(), m.end()))
    return hits


_JOINER = re.compile(r"[\s,]*")


def _merge_adjacent(text: str, hits: list[_Hit]) -> list[_Hit]:
    """One place written in parts ("충남 아산", "대구 중구", "Gwangju, Gyeonggi") is one
    mention, narrowed to the 시·도 its parts share."""
    merged: list[_Hit] = []
    for hit in hits:
        last = merged[-1] if merged else None
        shared = tuple(r for r in last.regions if r in hit.regions) if last else ()
        if last and shared and _JOINER.fullmatch(text, last.end, hit.start):
            default = next((d for d in (last.default, hit.default) if d in shared), None)
            merged[-1] = _Hit(shared, default, last.start, hit.end)
        else:
            merged.append(hit)
    return merged


def find_region(text: str) -> RegionMatch | None:
    """The 시·도 the text names, with the span of the mentions that decided it."""
    norm = normalize(text)
    hits = _merge_adjacent(norm, sorted(_korean_hits(norm) + _english_hits(norm), key=lambda h: h.start))
    votes: dict[Region, int] = {}
    decisive: set[Region] = set()
    for hit in hits:
        for region in hit.regions:
            votes[region] = votes.get(region, 0) + 1
        if len(hit.regions) == 1:
            decisive.add(hit.regions[0])
        elif hit.default is not None:
            decisive.add(hit.default)
    candidates = [r for r in votes if r in decisive]
    if not candidates:
        return None
    top = max(votes[r] for r in candidates)
    first = {r: min(h.start for h in hits if r in h.regions) for r in candidates}
    region = min((r for r in candidates if votes[r] == top), key=lambda r: first[r])
    support = [h for h in hits if region in h.regions]
    start, end = support[0].start, support[-1].end
    return RegionMatch(region, norm[start:end], start, end)


def parse_region(text: str) -> Region | None:
    match = find_region(text)
    return match.region if match else None
