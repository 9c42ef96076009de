"""When the firm was founded, or that it is not registered yet (예비창업자).

Owners give a year ("2015년에 창업", "15년도 설립"), an age ("설립 5년차", "창업한 지
3년", "in business for 10 years") or a relative year ("작년에 차렸어요"); ages are turned
into a year against `today`. N년차 / N년째 is the N-th year, so it began N-1 years ago."""

import re
from dataclasses import dataclass
from datetime import date

from assistant.understanding.numbers import find_numbers
from assistant.understanding.text import clause_spans, normalize

_I = re.IGNORECASE | re.ASCII
# Words that tie a year to the founding rather than to anything else (매출, 계획…).
_FOUNDING_CUE = re.compile(
    r"창업|설립|개업|오픈|차렸|차린|세웠|세운|법인 ?(?:설립|전환)|사업자 ?등록|시작했|시작한|문을 ?열|업력|"
    r"\b(?:founded|established|started|incorporated|opened|launched|since|in business)\b",
    _I,
)
# Weaker words that tie only an age ("5년차 회사", "10년째 운영 중") to the firm.
_FIRM_CUE = re.compile(
    r"회사|업체|기업|스타트업|가게|매장|사업|운영|영업|장사|하고 ?있|해 ?왔|해 ?오|\b(?:company|firm|business|shop)\b", _I
)
_PRE_FOUNDER = re.compile(
    r"예비 ?창업|사업자 ?(?:등록)? ?(?:전(?!환)|안 ?했|안 ?냈|없|아직|미등록|을 ?아직|은 ?아직|등록을 ?안)|"
    r"아직 ?(?:창업 ?(?:전|안|하지)|사업자|등록 ?(?:전|안)|법인 ?(?:설립 ?)?전|회사 ?(?:설립 ?)?전)|창업 ?(?:준비|"
    r"예정)|"
    r"법인 ?(?:설립 ?)?(?:전(?!환)|예정)|\bpre-?(?:founder|startup|start-up|launch)\b|\bnot (?:yet )?(?:registered|"
    r"incorporated)\b|"
    r"\bhaven'?t (?:yet )?(?:registered|incorporated|started|founded|launched)\b|\bplanning to (?:start|launch|"
    r"found)\b|"
    r"\byet to (?:register|start|launch|incorporate)\b|\bnot (?:yet )?founded\b",
    _I,
)
_FULL_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])(?: ?년(?:도)?)?")
_SHORT_YEAR = re.compile(r"(?<![0-9.,])([0-9]{2}) ?년(?:도|에)")
_NTH_YEAR = re.compile(r"(?<![0-9])([0-9]{1,2}) ?년 ?(?:차|째)")
_AGE = re.compile(
    r"(?<![0-9])([0-9]{1,2}) ?년 ?(?:(?:이|정도|쯤|가)? ?(?:됐|되었|됩|된|지났|넘었|넘|지난|되어|가까이)|동안|간|밖에)|"
    r"(?:업력|지)(?:은|이|가)? ?([0-9]{1,2}) ?년|"
    r"\b([0-9]{1,2})(?:-odd|\+|-plus)? years? (?:ago|old)\b|"
    r"\bfor (?:about |over |almost |around |some |nearly )?([0-9]{1,2})(?:-odd|\+|-plus| or so)? years?\b|"
    r"\b([0-9]{1,2})-year-old\b",
    _I,
)
_RELATIVE = re.compile(r"(재작년|작년|지난 ?해|올해|금년|올 ?초|\blast year\b|\bthis year\b|\byear before last\b)", _I)
_RELATIVE_BACK = {"재작년": 2, "작년": 1, "지난해": 1, "지난 해": 1, "올해": 0, "금년": 0, "올초": 0, "올 초": 0,
                  "last year": 1, "this year": 0, "year before last": 2}


@dataclass(frozen=True)
class Founding:
    year: int | None  # None for a pre-founder
    pre_founder: bool
    matched: str


def _valid(year: int, today: date) -> bool:
    return 1900 <= year <= today.year


def _spelled_years(text: str) -> str:
    """"이천팔년", "천구백구십육년" → "2008년", "1996년", so years read alike however written."""
    out, position = [], 0
    for n in find_numbers(text):
        if n.korean_units and 1900 <= n.value <= 2100 and text[n.end:n.end + 1] == "년":
            out += [text[position:n.start], str(int(n.value))]
            position = n.end
    return "".join(out) + text[position:]


def find_founding(text: str, today: date, *, need_cue: bool = True) -> Founding | None:
    """The founding year or pre-founder status the text states. Outside an answer to the
    founding question (`need_cue`), a year counts only next to a founding word."""
    norm = _spelled_years(normalize(text))
    pre = _PRE_FOUNDER.search(norm)
    if pre:
        return Founding(None, True, pre.group())
    if need_cue:
        return next(filter(None, (_founding_in(c, today) for c in _cued_clauses(norm))), None)
    return _founding_in(norm, today)


def _cued_clauses(text: str) -> list[str]:
    cued = []
    for start, end in clause_spans(text):
        clause = text[start:end]
        aged = _NTH_YEAR.search(clause) or _AGE.search(clause)
        if _FOUNDING_CUE.search(clause) or (aged and _FIRM_CUE.search(clause)):
            cued.append(clause)
    return cued


def _founding_in(norm: str, today: date) -> Founding | None:
    for m in _NTH_YEAR.finditer(norm):
        if _valid(year := today.year - int(m.group(1)) + 1, today):
            return Founding(year, False, m.group())
    for m in _FULL_YEAR.finditer(norm):
        if _valid(year := int(m.group(1)), today):
            return Founding(year, False, m.group())
    for m in _SHORT_YEAR.finditer(norm):
        short = int(m.group(1))
        year = 2000 + short if 2000 + short <= today.year else 1900 + short
        if _valid(year, today):
            return Founding(year, False, m.group())
    for m in _AGE.finditer(norm):
        age = int(next(g for g in m.groups() if g))
        if _valid(year := today.year - age, today):
            return Founding(year, False, m.group())
    rel = _RELATIVE.search(norm)
    if rel:
        key = re.sub(r"\s+", " ", rel.group().lower())
        return Founding(today.year - _RELATIVE_BACK.get(key, _RELATIVE_BACK.get(key.replace(" ", ""), 0)), False,
                        rel.group())
    return None


def parse_founded_year(text: str, today: date | None = None) -> int | None:
    """The founding year in an answer to "when was the firm founded?"; None for a
    pre-founder (see `find_founding`) or when no year is given."""
    found = find_founding(text, today or date.today(), need_cue=False)
    return found.year if found else None
