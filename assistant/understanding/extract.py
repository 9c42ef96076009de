"""Every fact a free message states, for any slot, so an owner who says "대전에서 직원
25명으로 금형 만드는 회사입니다" is not asked those three questions again.

A slot is extracted only when its cue is in the message: a count needs a person
counter, an amount needs 매출/예산 next to it, a year needs a founding word. Counts
tied to IT words (IT, 전산, 개발자) are IT staff, other headcounts are employees."""

import re
from datetime import date

from pydantic import BaseModel, ConfigDict

from assistant.understanding.choices import parse_remote_status
from assistant.understanding.contact import EMAIL, find_company_name, find_phone
from assistant.understanding.counts import CountMatch, find_counts, parse_count, parse_it_staff
from assistant.understanding.founding import find_founding
from assistant.understanding.industries import find_industry
from assistant.understanding.money import Amount, find_amounts, parse_krw_per_year
from assistant.understanding.regions import find_region
from assistant.understanding.text import clause_spans, mask, normalize
from knowledge.vocabulary import CompanyStage

_I = re.IGNORECASE | re.ASCII


class Extraction(BaseModel):
    model_config = ConfigDict(frozen=True)

    slot: str
    value: int | str | bool | list[str]
    method: str
    matched: str


_IT = re.compile(
    r"\b(?-i:IT)\b|아이티|전산|개발자|개발 ?(?:인력|팀|담당)|프로그래머|정보 ?시스템|시스템 ?담당|보안 ?담당|"
    r"\b(?:developers?|programmers?|engineers?|tech (?:staff|people|team)|it (?:staff|people|team|person))\b",
    _I,
)
# People counted who are not staff: customers, members, students…
_NOT_STAFF = re.compile(
    r"고객|회원|손님|학생|환자|이용자|사용자|구독자|팔로워|방문자|수강생|\b(?:customers?|users?|students?|patients?|"
    r"members?|followers?|subscribers?|visitors?|clients?)\b",
    _I,
)
# "IT 회사 직원 10명" describes the business, not its IT staff.
_IT_FIRM = re.compile(
    r"(?:\bIT\b|아이티|소프트웨어|\bSW\b|\btech\b|\bsoftware\b) ?(?:회사|업체|기업|스타트업|벤처|"
    r"\b(?:company|firm|startup|business)\b)",
    _I,
)
_IT_AFTER = re.compile(r" ?의 ?(?:개발자|프로그래머|IT|전산|엔지니어)", _I)
_EMPLOYEE_CUE = re.compile(r"직원|임직원|사원|인원|혼자|1인|부부|\b(?:employees?|staff|headcount|myself|just me)\b", _I)
_REVENUE_CUE = re.compile(r"매출|\b(?:revenue|sales|turnover)\b", _I)
_BUDGET_CUE = re.compile(
    r"예산|(?:IT|전산|디지털|정보화) ?(?:비용|지출|투자)|\bbudget\b|\b(?:IT|tech|digital) (?:spend\w*|costs?)\b|"
    r"spend on (?:IT|tech|digital)",
    _I,
)
_REMOTE_CUE = re.compile(r"재택|원격|리모트|\bremote\b|work(?:ing)? from home|\bwfh\b|hybrid|하이브리드", _I)
# Clauses about what the owner wants or needs describe the help sought, not the business.
_WANT = re.compile(
    r"필요|원해|원합|싶|받고|도움|지원|관심|배우|도입|[았었였했봤]으면|으면 ?(?:하는|해|좋)|\b(?:want|need|looking for|interested|help|support|"
    r"would like)\b", _I
)
# Plans for later ("뽑으면 재택으로 일하게 할라고요", "할 거예요"): not how they work now.
_LATER = re.compile(r"[할하]?(?:려고|라고요|래요)|(?:할|될) ?거(?:예요|에요|같)|앞으로|나중에|"
                    r"\b(?:plan(?:ning)? to|going to|will)\b", _I)
_CONDITION = re.compile(r"(?:[되하있없않]|다)면(?=\s|$)|\bif\b|\bunless\b", _I)
_WINDOW = 14  # how far before a count its IT or customer word may stand
_AFTER_CUE = 30  # how far after 매출/예산 its amount may follow
_JUST_BEFORE = 3  # "30억 매출": an amount may also directly precede its cue


def _clause_of(text: str, pos: int) -> tuple[int, int]:
    return next(((s, e) for s, e in clause_spans(text) if s <= pos < e), (0, len(text)))


def _counts(text: str) -> list[Extraction]:
    employees: Extraction | None = None
    it_staff: Extraction | None = None
    previous_end = 0
    for count in find_counts(text):
        clause_start, _ = _clause_of(text, count.start)
        near = text[max(clause_start, previous_end, count.start - _WINDOW):count.start] + count.matched
        previous_end = count.end
        if _NOT_STAFF.search(near):
            continue
        if _IT.search(_IT_FIRM.sub(" ", near)) or _IT_AFTER.match(text, count.end):
            it_staff = it_staff or _count_extraction("staffing.it_staff", count)
        else:
            employees = employees or _count_extraction("company.employees", count)
    clauses = [text[s:e] for s, e in clause_spans(text)]
    if it_staff is None:
        it_clause = next((c for c in clauses if _IT.search(c) and parse_it_staff(c) == 0), None)
        if it_clause is not None:
            it_staff = Extraction(slot="staffing.it_staff", value=0, method="rule:count", matched=it_clause)
    if employees is None:
        # Joined, so "직원은 없고 저 혼자예요" reads as the owner alone (1), not as 0.
        cued = " | ".join(
            c for c in clauses if _EMPLOYEE_CUE.search(c) and not _IT.search(_IT_FIRM.sub(" ", c))
        )
        value = parse_count(cued) if cued else None
        if value is not None:
            employees = Extraction(slot="company.employees", value=value, method="rule:count", matched=cued)
    return [e for e in (employees, it_staff) if e is not None]


def _count_extraction(slot: str, count: CountMatch) -> Extraction:
    return Extraction(slot=slot, value=count.value, method="rule:count", matched=count.matched)


def _amount_after(text: str, cue: re.Pattern[str], amounts: list[Amount], taken: set[int]) -> Amount | None:
    """The amount closest after a cue word (or just before it: "30억 매출"), unused so far."""
    best: tuple[int, Amount] | None = None
    for m in cue.finditer(text):
        for amount in amounts:
            if amount.start in taken:
                continue
            if amount.start >= m.end():
                gap = amount.start - m.end()
            elif 0 <= m.start() - amount.end <= _JUST_BEFORE and not text[amount.end:m.start()].strip():
                gap = (m.start() - amount.end) * 2
            else:
                continue
            if gap <= _AFTER_CUE and (best is None or gap < best[0]):
                best = (gap, amount)
    return best[1] if best else None


def _money(text: str) -> list[Extraction]:
    out: list[Extraction] = []
    amounts = find_amounts(text)
    taken: set[int] = set()
    for slot, cue in (("company.annual_revenue_krw", _REVENUE_CUE), ("costs.it_budget_krw_per_year", _BUDGET_CUE)):
        amount = _amount_after(text, cue, amounts, taken)
        if amount is not None:
            taken.add(amount.start)
            out.append(Extraction(slot=slot, value=amount.per_year, method="rule:money", matched=amount.matched))
            continue
        for start, end in clause_spans(text):
            clause = text[start:end]
            if cue.search(clause) and parse_krw_per_year(clause) == 0:
                out.append(Extraction(slot=slot, value=0, method="rule:money", matched=clause))
                break
    return out


def _industry(text: str) -> list[Extraction]:
    wanted = [(s, e) for s, e in clause_spans(text) if _WANT.search(text[s:e])]
    match = find_industry(mask(text, wanted), min_weight=3)
    if match is None:
        return []
    return [
        Extraction(slot="company.industry", value=match.industry.value, method="rule:industry", matched=match.matched)
    ]


def _remote(text: str) -> list[Extraction]:
    for start, end in clause_spans(text):
        clause = text[start:end]
        # "재택 안 되면 안 온다고 해요", "재택 하고 싶어요": conditions and wishes, not how they work now.
        if _WANT.search(clause) or _LATER.search(clause) or _CONDITION.search(clause):
            continue
        if _REMOTE_CUE.search(clause) and (status := parse_remote_status(clause)) is not None:
            return [Extraction(slot="remote.status", value=status.value, method="rule:remote", matched=clause)]
    return []


def extract_slots(text: str, today: date | None = None) -> list[Extraction]:
    """All slot values the message states, each with the span that decided it."""
    norm = normalize(text)
    out: list[Extraction] = []
    hidden: list[tuple[int, int]] = []
    if email := EMAIL.search(norm):
        out.append(Extraction(slot="contact.email", value=email.group().lower(), method="rule:email",
                              matched=email.group()))
        hidden.append(email.span())
    if phone := find_phone(mask(norm, hidden)):
        out.append(Extraction(slot="contact.phone", value=phone[0], method="rule:phone", matched=phone[1]))
        start = norm.find(phone[1])
        hidden.append((start, start + len(phone[1])))
    work = mask(norm, hidden)
    if region := find_region(work):
        out.append(Extraction(slot="company.region", value=region.region.value, method="rule:region",
                              matched=region.matched))
    # Place names may contain industry words (해운대 ⊃ 해운), so they are hidden from it.
    places = [(region.start, region.end)] if region else []
    out += _counts(work) + _industry(mask(work, places)) + _money(work) + _remote(work)
    founding = find_founding(work, today or date.today())
    if founding is not None and founding.year is not None:
        out.append(Extraction(slot="company.founded_year", value=founding.year, method="rule:founding",
                              matched=founding.matched))
    elif founding is not None:
        out.append(Extraction(slot="company.stage", value=CompanyStage.PRE_FOUNDER.value, method="rule:founding",
                              matched=founding.matched))
    if name := find_company_name(work):
        out.append(Extraction(slot="company.name", value=name[0], method="rule:company_name", matched=name[1]))
    return out
