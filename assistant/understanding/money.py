"""Amounts of won (contracts.md §1: `krw` is integer won), and budgets annualised.

Owners say budgets per month as often as per year ("월 50만원", "1년에 2천만원"), so each
amount takes the period word nearest to it; with none it is per year. Spoken Korean drops
the last unit after 억 ("1억 5천" = 1억 5천만) and often drops 만 when the context is
money ("연 2천" = 2천만원); both conventions are applied."""

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.understanding.numbers import NumberSpan, find_numbers
from assistant.understanding.text import normalize

_CURRENCY_AFTER = re.compile(r" ?(?:원|won\b|krw\b)", re.IGNORECASE | re.ASCII)
_CURRENCY_BEFORE = re.compile(r"(?:₩|krw|\\)\s?$", re.IGNORECASE | re.ASCII)
# Units that make a number something other than money (people, years, percent…).
_OTHER_UNIT = re.compile(
    r" ?(?:명|년|개|살|세|시간|%|퍼센트|프로|건|평|곳|일|배|위|등|층|단계|점|회|번|"
    r"people|persons?|employees|staff|workers|years?|months?|weeks?|days?|percent|times)",
    re.IGNORECASE | re.ASCII,
)
# "몇백만원", "수천만원": a vague magnitude, not an amount.
_VAGUE_BEFORE = re.compile(r"(?:몇|수)\s?$")
_RANGE = re.compile(r" ?(?:~|-|–|에서|내지|to|or) ?", re.IGNORECASE | re.ASCII)

_MONTHLY = re.compile(
    r"매 ?월|매 ?달|월 ?평균|월간|(?<![0-9가-힣])월(?!요일|급|말|초|세|드|등)|한 ?달|(?<![0-9])달(?:에|마다|당)|"
    r"per month|a month|each month|every month|monthly|/ ?mo(?:nth)?\b",
    re.IGNORECASE | re.ASCII,
)
_YEARLY = re.compile(
    r"매 ?년|연간|(?<![0-9가-힣])연(?!락|구|결|습|말|초|장|휴|차|세|애|기|속|계|동|령|관)|(?<![0-9])[1일한] ?년|"
    r"한 ?해|년에|년간|"
    r"per year|a year|each year|every year|annual(?:ly)?|yearly|per annum|/ ?(?:yr|year)\b",
    re.IGNORECASE | re.ASCII,
)
# "월 100 정도": a bare number right after a period word is spoken in 만원.
_PERIOD_THEN_BARE = re.compile(
    r"(?:(매 ?월|매 ?달|월간|월|한 ?달에?)|(?:매 ?년|연간|연|(?<![0-9])[1일] ?년에?)) ?(?:약|대략|한)? ?"
    r"([0-9]{1,4})(?: ?(?:[~-]|에서|내지) ?([0-9]{1,4}))?(?![0-9.,])"
)
_QUARTERLY = re.compile(r"분기|quarterly|per quarter|a quarter", re.IGNORECASE | re.ASCII)
_PERIODS: tuple[tuple[re.Pattern[str], int], ...] = ((_MONTHLY, 12), (_YEARLY, 1), (_QUARTERLY, 4))

_NOTHING = re.compile(
    r"없(?:어|습|음|다|고|는|네|지|죠)|한 ?푼도|(?<![0-9])0(?![0-9])|\b(?:zero|none|nothing|nil)\b|"
    r"\bno (?:budget|money|revenue|sales|spend|income)|don'?t have (?:any|a)|can'?t (?:afford|spend)|"
    r"여유가? ?없|못 ?써|안 ?써",
    re.IGNORECASE | re.ASCII,
)
# "정해진 건 없어요", "생각해 본 적 없어요": the owner does not know, which is not zero.
_UNDECIDED = re.compile(r"정해진 ?(?:건|것|게)|정한 ?(?:건|것|게|적)|생각해 ?본 ?적|모르|not sure|don'?t know",
                        re.IGNORECASE | re.ASCII)


@dataclass(frozen=True)
class Amount:
    won: int  # as written, before any period
    per_year: int
    start: int
    end: int
    matched: str


def _is_money(text: str, n: NumberSpan) -> bool:
    if _VAGUE_BEFORE.search(text, 0, n.start) and n.korean_units:
        return False
    if _CURRENCY_AFTER.match(text, n.end) or _CURRENCY_BEFORE.search(text, 0, n.start):
        return True
    if _OTHER_UNIT.match(text, n.end):
        return False
    return n.scaled or n.value >= 1000


def _groups(text: str, n: NumberSpan) -> list[tuple[Decimal, int]]:
    """(coefficient, power of ten) as money is spoken: "1억 5천" is 1억 5천만, "연 2천" is 2천만."""
    groups = list(n.groups)
    if len(groups) >= 2 and groups[-1][1] == 0 and groups[-2][1] >= 8:
        groups[-1] = (groups[-1][0], groups[-2][1] - 4)
    elif n.korean_units and all(e == 0 for _, e in groups) and not _CURRENCY_AFTER.match(text, n.end):
        groups = [(c, 4) for c, _ in groups]
    return groups


def _won(text: str, n: NumberSpan) -> Decimal:
    return sum((c * 10**e for c, e in _groups(text, n)), Decimal(0))


def _gap(cue: re.Match[str], start: int, end: int) -> tuple[int, int]:
    """(characters between a period word and an amount, 1 if the word comes after it)."""
    return (cue.start() - end, 1) if cue.start() >= end else (max(start - cue.end(), 0), 0)


def _periods(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """The multiplier to a year for each amount span. Every period word belongs to the
    amount nearest to it, and an amount takes the nearest of its words: in "30억 매출에
    예산은 월 100만원" the 월 is the budget's, not the revenue's."""
    best: list[tuple[tuple[int, int], int] | None] = [None] * len(spans)
    for pattern, multiplier in _PERIODS:
        for cue in pattern.finditer(text):
            gaps = [(_gap(cue, s, e), i) for i, (s, e) in enumerate(spans) if not s <= cue.start() < e]
            if not gaps:
                continue  # only a cue inside an amount, e.g. the 년 of 1년
            gap, owner = min(gaps)
            current = best[owner]
            if current is None or gap < current[0]:
                best[owner] = (gap, multiplier)
    return [1 if b is None else b[1] for b in best]


def _bare_low(low: Decimal, upper: NumberSpan, upper_won: Decimal) -> Decimal:
    """The won of a range's bare lower end, in the upper end's unit: "3~4천" is 3천~4천 (and
    so 3천만~4천만 as money), "50~100만원" is 50만~100만."""
    coefficient, exponent = upper.groups[-1]
    digits = len(str(int(coefficient)))
    zeros = digits - len(str(int(coefficient)).rstrip("0"))
    scale = Decimal(10) ** zeros if len(str(int(low))) <= digits - zeros else Decimal(1)
    # Money convention on the upper end (bare 천 means 천만) applies to the lower end too.
    per_unit = upper_won / upper.value if upper.value else Decimal(1)
    return low * scale * Decimal(10) ** exponent * per_unit


def _unit_won(text: str, n: NumberSpan) -> Decimal | None:
    """The won of one unit of an amount's leading figure ("9 bil" → 10⁹, "12억" → 10⁸), when
    it is written with a magnitude of 만 or more."""
    coefficient, exponent = _groups(text, n)[0]
    return Decimal(10) ** exponent if coefficient < 1000 and exponent >= 4 else None


def _inherited(text: str, n: NumberSpan, previous: tuple[NumberSpan, Decimal] | None) -> Decimal | None:
    """A bare figure said after an amount, for another time, in the amount's unit: "작년엔
    12억, 올해는 7 정도" is 7억, "last yr ~9 bil won, this yr closer to 11" is 11 bil."""
    from assistant.language.clauses import CURRENT, PAST  # the language layer reads with these parsers

    if previous is None or n.scaled or _OTHER_UNIT.match(text, n.end) or n.value >= 1000:
        return None
    before, unit = previous
    between = text[before.end:n.start]
    coefficient = before.groups[0][0]
    if not (CURRENT.search(between) or PAST.search(between)) or not coefficient / 10 <= n.value <= coefficient * 10:
        return None
    return n.value * unit


def find_amounts(text: str) -> list[Amount]:
    """Every amount of money in `text` (already normalised), left to right."""
    found: list[tuple[Decimal, int, int]] = []  # (won, start, end)
    # A range's lower end ("50~100만원", "3천만원에서 5천만원"): (start, end, won or None
    # while it still awaits the unit of the upper end, its bare value).
    low: tuple[int, int, Decimal | None, Decimal] | None = None
    # The last amount written with its unit, whose unit a later bare figure may share.
    previous: tuple[NumberSpan, Decimal] | None = None
    for n in find_numbers(text):
        inherited = _inherited(text, n, previous)
        if inherited is not None:
            found.append((inherited, n.start, n.end))
            low = None
            continue
        if not _is_money(text, n):
            bare = not n.scaled and not _OTHER_UNIT.match(text, n.end)
            low = (n.start, n.end, None, n.value) if bare else None
            continue
        won, start = _won(text, n), n.start
        currency = _CURRENCY_AFTER.match(text, n.end)
        end = currency.end() if currency else n.end
        if low and _RANGE.fullmatch(text, low[1], n.start):
            low_won = low[2] if low[2] is not None else _bare_low(low[3], n, won)
            won, start = (low_won + won) / 2, low[0]
            if found and found[-1][1] == start:
                found.pop()
        found.append((won, start, end))
        low = (start, end, won, n.value)
        unit = _unit_won(text, n)
        previous = (n, unit) if unit is not None else None
    periods = _periods(text, [(s, e) for _, s, e in found])
    return [Amount(int(w), int(w * p), s, e, text[s:e]) for (w, s, e), p in zip(found, periods, strict=True)]


def _nothing(text: str) -> bool:
    return bool(_NOTHING.search(text)) and not _UNDECIDED.search(text)


def _spoken_man_won(text: str) -> int | None:
    m = _PERIOD_THEN_BARE.search(text)
    if m is None or _OTHER_UNIT.match(text, m.end()) or _CURRENCY_AFTER.match(text, m.end()):
        return None
    man = (int(m.group(2)) + int(m.group(3) or m.group(2))) / 2
    return int(man * 10_000) * (12 if m.group(1) else 1)


def parse_krw_per_year(text: str) -> int | None:
    """Won per year: "월 50만원" → 6,000,000; "없어요" → 0; None when no amount is given."""
    norm = normalize(text)
    amounts = find_amounts(norm)
    if amounts:
        return amounts[0].per_year
    spoken = _spoken_man_won(norm)
    if spoken is not None:
        return spoken
    return 0 if _nothing(norm) else None


def parse_krw(text: str) -> int | None:
    """An amount of won as written, without any period: "매출 30억" → 3,000,000,000."""
    norm = normalize(text)
    amounts = find_amounts(norm)
    if amounts:
        return amounts[0].won
    return 0 if _nothing(norm) else None
