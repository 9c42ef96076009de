"""Headcounts: "직원 42명" → 42, "저 혼자예요" → 1, "한 명도 없어요" → 0, "two IT people" → 2."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from assistant.understanding.numbers import NumberSpan, find_numbers
from assistant.understanding.text import normalize

# Korean person counters; 분 (honorific "persons") only after native numbers, because
# after digits it means minutes.
_PERSON_KO = re.compile(r" ?(?:여 ?)?(?:명|사람|식구|인(?![데가지정터간])|이서)")
# A size followed by a job ("trainers", "nurses") or a post ("on front desk", "in the kitchen"),
# but not by things ("3 shops", "2 years"): English names a group after its size.
_EN_GROUP = re.compile(
    r"\s+(?!(?:shops?|stores?|branch(?:es)?|locations?|sites?|offices?|years?|months?|days?|hours?|times?|"
    r"weeks?|cars?|trucks?|machines?|computers?|servers?|pcs?|floors?|rooms?)\b)"
    r"(?:(?:[a-z-]+\s+)?[a-z]+(?:ers|ors|ists|ians|ants|ents|ees|men|women|staff)\b|(?:on|at|in|doing)\s)",
    re.IGNORECASE | re.ASCII,
)
_BARE_RANGE = re.compile(r"\s?(?:~|-|–|to)\s?")
_PERSON_HONORIFIC = re.compile(r" ?분(?![기야석류들])")
# A native number with "only" after "저희/우리/직원…" is people: "저희 둘뿐이에요" (but "서버가
# 하나밖에" is not).
_PERSON_NATIVE_ONLY = re.compile(r"(?:뿐|밖에)")
_PEOPLE_BEFORE = re.compile(r"(?:저희|우리|직원|식구|사람|인원)[은는이가도]? ?$")
_PERSON_EN = re.compile(
    r"-(?:person|people|member|man|strong)\b|\s+(?:[a-z-]+\s+){0,2}?(?:people|ppl|persons?|employees?|staff(?:ers)?|"
    r"workers?|members?|engineers?|developers?|"
    r"programmers?|guys?|folks?|ftes?|full[- ]?timers?|of us|hires?|headcount)\b",
    re.IGNORECASE | re.ASCII,
)
_RANGE = re.compile(r" ?(?:~|-|–|에서|내지|to|or) ?", re.IGNORECASE | re.ASCII)
# English names the group before its size: "an IT team of four", "a staff of 12".
_GROUP_BEFORE_EN = re.compile(r"\b(?:team|staff|crew|workforce|headcount)\s+of\s+(?:about\s+|around\s+|roughly\s+)?$",
                              re.IGNORECASE | re.ASCII)

_NONE_COUNTED = re.compile(
    r"(?:한 ?명|하나|1 ?명|아무)도 ?(?:없|안)|아무도|\b(?:no ?one|nobody|none|zero)\b|"
    r"\bno (?:[a-z]+ ){0,2}(?:staff|employees|people|one|developers|engineers|workers)\b",
    re.IGNORECASE | re.ASCII,
)
COUPLE = re.compile(
    r"부부|(?:아내|와이프|남편|집사람|아들|딸|동생|형|언니|누나|오빠|어머니|아버지|엄마|아빠)(?:랑|하고|와|과) ?(?:저|나|"
    r"제가)|(?:저|나)(?:랑|하고|와|과) ?(?:아내|와이프|남편|집사람|아들|딸|동생|형|언니|누나|오빠|어머니|아버지|엄마|아빠)"
    r"(?![가-힣]*\s*(?:[0-9]|둘|셋|넷))|"
    r"\bme and my (?:wife|husband|partner|spouse|co-?founder|brother|sister|son|daughter|father|mother)\b|"
    r"\bmy (?:wife|husband|partner|spouse|co-?founder|brother|sister) and (?:i|me)\b",
    re.IGNORECASE | re.ASCII,
)
SOLO = re.compile(
    r"혼자|\bjust me\b|\bonly me\b|\bmyself\b|\bsolo\b|one[- ](?:man|woman|person)|sole (?:proprietor|trader|owner)|"
    r"\bon my own\b",
    re.IGNORECASE | re.ASCII,
)
ZERO = re.compile(r"없(?:어(?![지져])|습|음|다|고|네|죠|는)|(?<![0-9])0 ?명|^0$|\bno\b|\bzero\b", re.IGNORECASE | re.ASCII)
# Someone doing IT besides their real job, or an outside firm, is not IT staff
# (contracts.md §1: "main job").
_NO_DEDICATED = re.compile(r"외주|아웃소싱|\boutsourc\w*|겸(?:직|임|해|하)|따로 (?:없|두지|안)|전담(?:은|자는|"
                           r"하는 사람은)? ?없|part[- ]time|"
                           r"on the side",
                           re.IGNORECASE | re.ASCII)
_NOT_A_COUNT_AFTER = re.compile(
    r" ?(?:원|won|krw|년|개월|월|%|퍼센트|프로|살|세|시간|years?|months?|percent|억|만원|배|위|등|층|단계|점|번|회)",
    re.IGNORECASE | re.ASCII,
)


# A "none" counts nobody only in a short answer or one about people: "봐줄 데가 없어요" in a
# long message about something else is not a headcount of zero.
_SHORT_ANSWER = 12
_PEOPLE = re.compile(r"직원|사람|인원|인력|식구|사원|담당|명|분|알바|혼자|\b(?:staff|employees?|people|ppl|workers?|"
                     r"anyone|one|team|hires?)\b", re.IGNORECASE | re.ASCII)
_JUST_A_NUMBER = re.compile(r"\s*\S{1,4}\s*(?:명|이요|요|입니다|이에요|예요)?\s*[.!~]*")


@dataclass(frozen=True)
class CountMatch:
    value: int
    start: int
    end: int
    matched: str


def _round(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def _counter_end(text: str, n: NumberSpan) -> int | None:
    """End of the person counter that follows `n`, or None when there is none."""
    native = not text[n.start].isdigit() and not n.scaled
    people_before = native and _PEOPLE_BEFORE.search(text, max(0, n.start - 6), n.start) is not None
    patterns: list[re.Pattern[str]] = [_PERSON_KO, _PERSON_EN, *([_PERSON_HONORIFIC] if native else []),
                                       *([_PERSON_NATIVE_ONLY] if people_before else [])]
    for pattern in patterns:
        m = pattern.match(text, n.end)
        if m:
            return m.end()
    return None


def find_counts(text: str) -> list[CountMatch]:
    """Numbers of people written with a person counter, in `text` (already normalised)."""
    out: list[CountMatch] = []
    previous: NumberSpan | None = None
    for n in find_numbers(text):
        end = _counter_end(text, n)
        if end is None and _GROUP_BEFORE_EN.search(text, 0, n.start) and not _NOT_A_COUNT_AFTER.match(text, n.end):
            end = n.end
        if end is None:
            previous = n
            continue
        value, start = n.value, n.start
        if previous is not None and _RANGE.fullmatch(text, previous.end, n.start):
            value, start = (previous.value + n.value) / 2, previous.start
        out.append(CountMatch(_round(value), start, end, text[start:end]))
        previous = None
    return out


def bare_range(text: str) -> CountMatch | None:
    """A headcount given as a range without a counter ("like 25-30 across all 3 shops"): its
    midpoint, rounded half up."""
    numbers = find_numbers(text)
    for first, second in pairwise(numbers):
        if _BARE_RANGE.fullmatch(text, first.end, second.start) and first.value < second.value:
            return CountMatch(_round((first.value + second.value) / 2), first.start, second.end,
                              text[first.start:second.end])
    return None


def names_a_group(text: str, n: NumberSpan) -> bool:
    """Whether the whole number `n` is the size of a group English names after it ("20 trainers")."""
    return bool(_EN_GROUP.match(text, n.end)) and n.value == int(n.value) and 0 < n.value < 10_000


def _bare_number(text: str) -> int | None:
    for n in find_numbers(text):
        if any(e for _, e in n.groups) or _NOT_A_COUNT_AFTER.match(text, n.end):
            continue
        if 1900 <= n.value <= 2100 and n.value == int(n.value):
            continue  # a year, not a headcount
        return _round(n.value)
    return None


def parse_count(text: str) -> int | None:
    """How many people the answer states, or None when it states no count."""
    norm = normalize(text)
    if _NONE_COUNTED.search(norm):
        return 0
    counts = find_counts(norm)
    if counts:
        return counts[0].value
    if COUPLE.search(norm):
        return 2
    if SOLO.search(norm):
        return 1
    if ZERO.search(norm) and (len(norm) <= _SHORT_ANSWER or _PEOPLE.search(norm)):
        return 0
    return _bare_number(norm)


def parse_it_staff(text: str) -> int | None:
    """Like `parse_count`, but the owner covering IT besides other work counts as nobody, and
    working alone or as a couple says nothing of IT staff."""
    norm = normalize(text)
    # "one part-time IT guy" counts nobody dedicated.
    if _NO_DEDICATED.search(norm) and all(_NO_DEDICATED.search(c.matched) for c in find_counts(norm)):
        return 0
    if not find_counts(norm) and not _NONE_COUNTED.search(norm) and (SOLO.search(norm) or COUPLE.search(norm)):
        return None
    if not find_counts(norm) and not ZERO.search(norm) and not _JUST_A_NUMBER.fullmatch(norm):
        # A bare number in a sentence ("둘이 하는데…") is not a count of IT staff.
        return None
    return parse_count(norm)
