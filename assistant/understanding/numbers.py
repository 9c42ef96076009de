"""Korean and English numbers in any of the ways owners write them.

Korean mixes Arabic digits with Sino-Korean magnitude words (2천5백만, 1억 5천, 3만5천,
1.5억), spells numbers in Sino-Korean (삼십, 이천오백) or, before counters, in native
Korean (두 명, 열다섯 명, 둘이서); English writes words (twenty-five) or digits with scale
words (1.2 million, 500k). `find_numbers` returns every number with its span so callers
can judge the counter or currency written next to it."""

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.understanding.text import ends_word, is_hangul, starts_word, terms_pattern


@dataclass(frozen=True)
class NumberSpan:
    value: Decimal
    start: int
    end: int
    # (coefficient, power of ten of its 만/억/조 unit): money needs the groups to apply
    # the spoken convention that 1억 5천 means 1억 5천만.
    groups: tuple[tuple[Decimal, int], ...]
    scaled: bool  # written with a magnitude word (천, 만, million…) rather than bare digits
    korean_units: bool  # the magnitude words are Korean (천, 백, 만…)


# Digit runs longer than any real amount are serial numbers or noise, not numbers.
_DIGITS = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3}){1,5}|[0-9]{1,18})(?:\.[0-9]{1,6})?(?![0-9])")
_SINO = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6, "칠": 7, "팔": 8, "구": 9}
_SMALL = {"십": 1, "백": 2, "천": 3}
_BIG = {"만": 4, "억": 8, "조": 12}
_KOREAN_NUMERALS = frozenset(_SINO) | frozenset(_SMALL) | frozenset(_BIG)
# Hangul that may follow a Korean-spelled number inside one word: counters, 원 and
# particles. Anything else means the syllables belong to a word (천안, 만들다, 제조).
_FOLLOW = frozenset("원명년개번살달분인이가은는을를에도정쯤여씩으로요입예단까만차째주대남넘미짜")
# Prefixes glued to an amount in ordinary writing (월천만원, 연오천만원, 약천명).
_PRECEDE = frozenset("월연약총")
_EN_SUFFIX = re.compile(r" ?(thousand|million|mil|billion|bil|trillion)\b|(k|m|mn|bn|b)\b", re.IGNORECASE | re.ASCII)
_EN_SUFFIX_EXP = {"thousand": 3, "k": 3, "million": 6, "mil": 6, "m": 6, "mn": 6, "billion": 9, "bil": 9, "bn": 9,
                  "b": 9, "trillion": 12}
_COUNT_FOLLOW = frozenset("명년개살")

_NATIVE_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70,
                "여든": 80, "아흔": 90}
_NATIVE_ONES = {"하나": 1, "한": 1, "둘": 2, "두": 2, "셋": 3, "세": 3, "석": 3, "넷": 4, "네": 4, "넉": 4,
                "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
# Approximate pairs ("두세 명" = two or three) count as the value between.
_NATIVE_PAIRS = {"한두": Decimal("1.5"), "두세": Decimal("2.5"), "서너": Decimal("3.5"), "너덧": Decimal("4.5"),
                 "네다섯": Decimal("4.5"), "대여섯": Decimal("5.5"), "예닐곱": Decimal("6.5")}
# Stand-alone (nominal) forms may end a phrase ("둘이서", "하나도"); the attributive
# forms 한/두/세/네 are too common as other words to count without a counter.
_NOMINAL_ONES = frozenset({"하나", "둘", "셋", "넷", "다섯", "여섯", "일곱", "여덟", "아홉"})
_NATIVE = re.compile(
    rf"(?P<pair>{terms_pattern(_NATIVE_PAIRS)})|(?P<tens>{terms_pattern(_NATIVE_TENS)})?"
    rf"(?P<ones>{terms_pattern(_NATIVE_ONES)})?"
)
# "현장이 열 거기에 저 하나": a group's number before the next part of a count.
_THEN_MORE = re.compile(r" (?:거기에|여기에|그리고|그 ?외에|또|하고|이랑)(?:\s|$)")
_NATIVE_COUNTERS: tuple[str, ...] = (
    "명", "사람", "분", "개", "곳", "군데", "살", "달", "해", "번", "대", "가지", "식구", "시간", "주",
)

_EN_ONES = {
    w: i
    for i, w in enumerate((
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ))
}
_EN_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))
}
_EN_SCALES = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_EN_WORD = re.compile(r"[A-Za-z]+")
_EN_SEP = re.compile(r"\s+and\s+|[\s-]", re.IGNORECASE | re.ASCII)


def _sino_pair(text: str, pos: int) -> Decimal | None:
    """Two neighbouring Sino-Korean digits before a unit are a spoken range ("이삼십" = 20–30,
    "삼사백만" = 300–400만): the value between."""
    first, second, unit = text[pos:pos + 1], text[pos + 1:pos + 2], text[pos + 2:pos + 3]
    if first in _SINO and second in _SINO and _SINO[second] == _SINO[first] + 1 and unit and unit in _SMALL | _BIG:
        return Decimal(_SINO[first] + _SINO[second]) / 2
    return None


def _small(text: str, i: int) -> tuple[Decimal, int, bool] | None:
    """A number below 10,000: digits, Sino-Korean digits and 십/백/천 (2천5백, 삼십, 1,200)."""
    total, last, pos, scaled, found = Decimal(0), 4, i, False, False
    while pos < len(text):
        digits = _DIGITS.match(text, pos)
        coef: Decimal | None = None
        nxt = pos
        pair = _sino_pair(text, pos) if not digits else None
        if digits:
            coef, nxt = Decimal(digits.group().replace(",", "")), digits.end()
        elif pair is not None:
            coef, nxt = pair, pos + 2
        elif text[pos] in _SINO:
            coef, nxt = Decimal(_SINO[text[pos]]), pos + 1
        unit = text[nxt] if nxt < len(text) else ""
        if unit in _SMALL and _SMALL[unit] < last:
            total += (Decimal(1) if coef is None else coef) * 10 ** _SMALL[unit]
            last, pos, scaled, found = _SMALL[unit], nxt + 1, True, True
            continue
        # A lone Sino-Korean digit is almost always a syllable of a word (이, 사, 오).
        if coef is not None and (digits or scaled):
            total, pos, found = total + coef, nxt, True
        break
    return (total, pos, scaled) if found else None


def _korean(text: str, i: int) -> NumberSpan | None:
    groups: list[tuple[Decimal, int]] = []
    pos, end, last, scaled = i, i, 16, False
    while True:
        small = _small(text, pos)
        if small is None and text[pos:pos + 1] in _SINO and text[pos + 1:pos + 2] in _BIG:
            small = (Decimal(_SINO[text[pos]]), pos + 1, False)  # "삼억": one digit before a big unit
        if small is None and (pair := _sino_pair(text, pos)) is not None and text[pos + 2] in _BIG:
            small = (pair, pos + 2, False)  # "이삼억"
        after = small[1] if small else pos
        if small and text[after:after + 1] == " " and text[after + 1:after + 2] in _BIG and text[after - 1].isdigit():
            after += 1  # "50 만원": a stray space between digits and their unit
        unit = text[after:after + 1]
        if unit in _BIG and _BIG[unit] < last:
            groups.append((small[0] if small else Decimal(1), _BIG[unit]))
            last, end, scaled = _BIG[unit], after + 1, True
            # "1억 5천": one space may separate magnitude groups.
            pos = end + 1 if text[end:end + 1] == " " and _joins(text, end + 1) else end
            continue
        if small:
            groups.append((small[0], 0))
            end, scaled = small[1], scaled or small[2]
        break
    if not groups:
        return None
    value = sum((c * 10**e for c, e in groups), Decimal(0))
    return NumberSpan(value, i, end, tuple(groups), scaled, scaled)


def _joins(text: str, pos: int) -> bool:
    """Whether the number after a space continues the amount before it (억 5천, 억 5000)."""
    small = _small(text, pos)
    if small is None:
        return False
    after = small[1]
    if small[2] or text[after:after + 1] in _BIG:
        return True
    return small[0] >= 1000 and text[after:after + 1] not in _COUNT_FOLLOW


def _english_suffix(span: NumberSpan, text: str) -> NumberSpan:
    m = _EN_SUFFIX.match(text, span.end)
    if span.scaled or m is None:
        return span
    exp = _EN_SUFFIX_EXP[(m.group(1) or m.group(2)).lower()]
    return NumberSpan(span.value * 10**exp, span.start, m.end(), ((span.value, exp),), True, False)


def _digits_only(text: str, i: int) -> NumberSpan | None:
    m = _DIGITS.match(text, i)
    if m is None:
        return None
    value = Decimal(m.group().replace(",", ""))
    return NumberSpan(value, i, m.end(), ((value, 0),), False, False)


def _korean_ok(text: str, span: NumberSpan) -> bool:
    first, last = text[span.start], text[span.end - 1]
    if is_hangul(first) and not (starts_word(text, span.start) or text[span.start - 1] in _PRECEDE):
        return False
    nxt = text[span.end:span.end + 1]
    return not (is_hangul(last) and nxt and is_hangul(nxt) and nxt not in _FOLLOW)


def _native(text: str, i: int) -> NumberSpan | None:
    if not starts_word(text, i):
        return None
    m = _NATIVE.match(text, i)
    if m is None or m.end() == i:
        return None
    if m.group("pair"):
        value = _NATIVE_PAIRS[m.group("pair")]
    else:
        value = Decimal(_NATIVE_TENS.get(m.group("tens") or "", 0) + _NATIVE_ONES.get(m.group("ones") or "", 0))
    rest = text[m.end():]
    counted = rest.lstrip(" ").startswith(_NATIVE_COUNTERS) and len(rest) - len(rest.lstrip(" ")) <= 1
    # "사무 열, 현장 스물": a tens word alone before a pause is a number too.
    tens_alone = bool(m.group("tens")) and not m.group("ones") and (
        text[m.end():m.end() + 1] in ("", ",", ".") or bool(_THEN_MORE.match(text, m.end())))
    nominal = ((m.group("ones") in _NOMINAL_ONES) or tens_alone) and ends_word(text, m.end())
    if not (counted or nominal):
        return None
    return NumberSpan(value, i, m.end(), ((value, 0),), False, False)


def _english(text: str, i: int) -> NumberSpan | None:
    if i > 0 and text[i - 1].isalpha():
        return None
    total, current, pos, end, found = 0, 0, i, i, False
    while True:
        m = _EN_WORD.match(text, pos)
        if m is None:
            break
        word = m.group().lower()
        if word in _EN_ONES or word in _EN_TENS:
            current += _EN_ONES.get(word, 0) + _EN_TENS.get(word, 0)
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in _EN_SCALES and found:
            if _EN_SCALES[word] == 2:
                current *= 100
            else:
                total, current = total + current * 10 ** _EN_SCALES[word], 0
        elif word in ("a", "an") and not found:
            nxt = _EN_WORD.match(text, m.end() + 1)
            if nxt is None or nxt.group().lower() not in (*_EN_SCALES, "dozen"):
                break
            current = 1
        else:
            break
        found, end = True, m.end()
        sep = _EN_SEP.match(text, end)
        if sep is None:
            break
        pos = sep.end()
    if not found or (end - i == 1 and text[i].lower() == "a"):
        return None
    value = Decimal(total + current)
    return NumberSpan(value, i, end, ((value, 0),), value >= 1000, False)


def _scan(text: str, i: int) -> NumberSpan | None:
    ch = text[i]
    if ch in "0123456789" or ch in _KOREAN_NUMERALS:
        if ch in "0123456789" and i > 0 and (text[i - 1] in "0123456789.," or (text[i - 1].isascii() and
                                            text[i - 1].isalpha())):
            return None
        span = _korean(text, i)
        if span is not None and not _korean_ok(text, span):
            span = _digits_only(text, i)
        if span is not None:
            return _english_suffix(span, text) if span.groups[-1][1] == 0 else span
    if is_hangul(ch):
        return _native(text, i)
    if ch.isascii() and ch.isalpha():
        return _english(text, i)
    return None


# "our 2nd shop" names which, not how many.
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number in `text`, left to right, with its span."""
    out: list[NumberSpan] = []
    i = 0
    while i < len(text):
        span = _scan(text, i)
        if span is None:
            i += 1
        else:
            if not _ORDINAL.match(text, span.end):
                out.append(span)
            i = span.end
    return out


def parse_number(text: str) -> Decimal | None:
    """The first number in `text`, or None."""
    spans = find_numbers(text)
    return spans[0].value if spans else None
