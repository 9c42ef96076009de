"""Owners correcting an earlier answer: "아 직원 수는 30명이에요", "정정할게요, 지역은
부산이에요", "actually we have 30 employees". A correction needs a marker word; the slot
comes from the cue word next to it (직원 수, 예산, 지역…) or, failing that, from the one
fact the message states, and the new value from that slot's own parser."""

import re

from pydantic import BaseModel, ConfigDict

from assistant.understanding.answers import Value, parse_answer
from assistant.understanding.extract import extract_slots
from assistant.understanding.text import normalize

_I = re.IGNORECASE | re.ASCII


class Correction(BaseModel):
    model_config = ConfigDict(frozen=True)

    slot: str | None  # None when the owner says something was wrong but not what
    value: Value | None  # None when the message does not carry the new value
    matched: str  # the words that mark the message as a correction


_MARKER = re.compile(
    r"정정|수정할|수정해|틀렸|틀린|틀려|잘못 ?(?:말|얘기|입력|적|썼|답|알려|했)|아까(?=.*(?:라고|했는데|말했|말씀|적었|답했|잘못|틀))|다시 ?말|바꿀게|바꿔(?! ?(?:볼|보려|보고|보자))|변경|"
    r"고칠게|고쳐|번복|착각|"
    r"실수|^아,? |^아참|^참,? |^앗|^아니 |사실(?:은|상| )|실은|정확히는|(?:이|가) ?아니라|"
    r"\bactually\b|\bcorrection\b|\bmistake\b|\bi was wrong\b|\bi meant\b|\bsorry\b|\bwrong\b|\bwait\b|\bis off\b|"
    r"\bchange (?:my|the|that) answer\b|\blet me correct\b|\bto correct\b|\binstead\b",
    _I,
)
# Cue words naming the slot, most specific first (IT 담당 before 직원, IT 예산 before 예산).
_SLOT_CUES: tuple[tuple[str, str], ...] = (
    (r"IT ?(?:담당|인력|직원|인원)|전산 ?(?:담당|인력)|개발자 ?수|\bit (?:staff|people|person)\b", "staffing.it_staff"),
    (r"직원|인원|사람 ?수|임직원|\b(?:employees?|staff|headcount|people)\b", "company.employees"),
    (r"예산|\bbudget\b", "costs.it_budget_krw_per_year"),
    (r"매출|\b(?:revenue|sales|turnover)\b", "company.annual_revenue_krw"),
    (r"지역|위치|주소|소재지|\b(?:region|location|located|based|city|province)\b", "company.region"),
    (r"업종|업태|산업|\b(?:industry|sector|line of business)\b", "company.industry"),
    (r"설립|창업|개업|\b(?:founded|established|founding year)\b", "company.founded_year"),
    (r"회사 ?(?:이름|명)|상호|\bcompany name\b", "company.name"),
    (r"이메일|메일|\be-?mail\b", "contact.email"),
    (r"전화|연락처|번호|핸드폰|휴대폰|\b(?:phone|mobile|number)\b", "contact.phone"),
    (r"이름|성함|\bname\b", "contact.name"),
    (r"재택|원격|\bremote\b", "remote.status"),
    (r"클라우드|\bcloud\b", "readiness.cloud"),
    (r"\bAI\b|인공지능", "readiness.ai"),
    (r"블록체인|\bblockchain\b", "readiness.blockchain"),
    (r"보안|\bsecurity\b", "readiness.security"),
    (r"데이터|\bdata\b", "readiness.data"),
    (r"급한|시기|언제까지|시작 ?시점|\b(?:urgency|timeline|deadline|timing|start date)\b", "needs.urgency"),
    (r"자금|\bfunding\b", "costs.funding_need"),
    (r"지원 ?(?:유형|종류|분야)|\bsupport\b", "needs.support_types"),
    (r"디지털 ?역량|\b(?:digital )?skills\b", "staffing.digital_skills"),
    (r"채용|구인|\bhiring\b", "staffing.hiring_difficulty"),
)
_CUES = tuple((re.compile(p, _I), slot) for p, slot in _SLOT_CUES)
# Free-text slots: a correction names them, but the message itself is not the new value.
_TEXT_SLOTS = frozenset({"needs.goals", "costs.pressures"})
# "50만원이 아니라 30만원이에요": the new value follows the negation.
# "아까 70명이라고 했는데 62명이에요", "i said 70 but it's 62": the new value follows what was said.
_NOT_BUT = re.compile(r"(?:이|가)? ?아니(?:라|고)|\bnot\b.*?(?:\bbut\b|\s[-–]\s|,)\s*(?:more like|rather|closer to)?|"
                      r"(?:이)?라고 ?(?:했|말했|말씀드렸|적었|썼)(?:는데|지만|어요|습니다)|"
                      r"\bi (?:said|told you|wrote|put)\b.*?(?:\bbut\b|,)", _I)
_NUMBER = re.compile(r"[0-9][0-9,.]*(?: ?[십백천만억조]+)?|[일이삼사오육칠팔구십백천만억조]+(?=[원명])")


def _candidates(norm: str, rest: str) -> list[str]:
    """Texts to read the new value from, most specific first."""
    but = _NOT_BUT.search(rest)
    out = [rest, norm]
    if but:
        denied, new = rest[:but.start()], rest[but.end():].lstrip(" ,.")
        # The denied amount's words other than its number still apply ("월 50만원이
        # 아니라 30만원" is 30만원 a month).
        out.insert(0, normalize(f"{_NUMBER.sub(' ', denied)} {new}") if _NUMBER.search(denied) else new)
    return [c for c in out if c.strip()]


def detect_correction(text: str) -> Correction | None:
    """The correction a message makes, or None when it is not one."""
    norm = normalize(text)
    marker = _MARKER.search(norm)
    if marker is None:
        return None
    for pattern, slot in _CUES:
        cue = pattern.search(norm)
        if cue is None:
            continue
        candidates = _candidates(norm, norm[cue.end():])
        parsed = next(filter(None, (parse_answer(slot, c) for c in candidates)), None)
        value = None if slot in _TEXT_SLOTS or parsed is None else parsed.value
        return Correction(slot=slot, value=value, matched=marker.group())
    facts = extract_slots(norm)
    if len({f.slot for f in facts}) == 1:
        return Correction(slot=facts[0].slot, value=facts[0].value, matched=marker.group())
    return Correction(slot=None, value=None, matched=marker.group())
