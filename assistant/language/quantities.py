"""Several quantities in one answer: which one the owner means.

"천만 원까진 못 쓰고 한 3백?" denies the first amount; "재작년엔 12억이었는데 올해는 7억 정도"
gives an old and a current figure (the current one wins); "사무직 3명, 현장 12명이에요"
gives parts of one headcount (they add up), unless a clause states the total ("다 합쳐서
15명", "알바 포함하면 15명") or a part of it ("그중 개발자가 2명")."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from assistant.language.clauses import CURRENT, PAST, Clause, TimeRef

_TOTAL = re.compile(r"총|전체|합쳐|합하면|합해서|다 해서|모두 해서|까지 ?해서|통틀어|포함|(?:저|나)까지|"
                    r"\b(?:in total|altogether|total|all in|including me|(?:the|all|both) (?:\w+ )?of us)\b",
                    re.IGNORECASE | re.ASCII)
_RESTATED = re.compile(r"맞아|맞습|맞죠|(?<![가-힣])(?:네|예),? |그러니까|\b(?:yes|yeah|right|that'?s it|i mean)\b",
                       re.IGNORECASE | re.ASCII)
_PART = re.compile(r"그 ?중|중에|가운데|\bof (?:them|whom)\b|\bamong\b|"
                   r"\bincluding (?:about |around |roughly |some )?[0-9]", re.IGNORECASE | re.ASCII)


@dataclass(frozen=True)
class Candidate:
    value: Any
    confidence: float
    clause: Clause
    method: str


@dataclass(frozen=True)
class Choice:
    candidate: Candidate
    value: Any
    note: str  # "", "sum", "current"


def split_by_time(clause: Clause) -> list[Clause]:
    """"작년 12명 지금 17명" in one clause: the part from each time word on is its own."""
    marks = sorted({m.start() for p in (PAST, CURRENT) for m in p.finditer(clause.text)})
    if len(marks) < 2:
        return [clause]
    bounds = [0, *marks[1:], len(clause.text)]
    parts = []
    for start, end in pairwise(bounds):
        text = clause.text[start:end]
        time: TimeRef = "current" if CURRENT.search(text) else "past" if PAST.search(text) else None
        parts.append(replace(clause, text=text, start=clause.start + start, end=clause.start + end, time=time))
    return parts


def choose(candidates: Sequence[Candidate], *, summable: bool = False) -> Choice | None:
    """The quantity the owner means among those read from the clauses of one answer."""
    if not candidates:
        return None
    corrected = [c for c in candidates if c.clause.correction]
    if corrected:
        # "한 백이십 명? 정확히는 123명": the owner's own correction wins.
        return Choice(corrected[-1], corrected[-1].value, "")
    kept = list(candidates)
    note = ""
    times = {c.clause.time for c in kept}
    if "current" in times and "past" in times:
        kept, note = [c for c in kept if c.clause.time == "current"], "current"
    elif times == {"past", None}:
        kept, note = [c for c in kept if c.clause.time is None], "current"
    # A denied amount ("천만 원까진 못 쓰고") is not the answer; a denied zero ("따로 없고") is.
    kept = [c for c in kept if not c.clause.denies or c.value == 0] or kept
    # "한 일곱 명? … 네 일곱 명 맞아요": the same figure confirmed is said once, not added.
    kept = [c for i, c in enumerate(kept)
            if not (_RESTATED.search(c.clause.text) and any(k.value == c.value for k in kept[:i]))]
    totals = [c for c in kept if _TOTAL.search(c.clause.text)]
    if totals:
        return Choice(totals[-1], totals[-1].value, note)
    distinct = {c.clause.start for c in kept}
    if summable and len(kept) >= 3 and kept[-1].value == sum(int(c.value) for c in kept[:-1]):
        # "저랑 집사람, 직원 둘. 네 명이요": the last figure is the total of the others.
        return Choice(kept[-1], kept[-1].value, note)
    if summable and len(kept) >= 2 and len(distinct) == len(kept) and not any(_PART.search(c.clause.text) for c in kept):
        return Choice(kept[0], sum(int(c.value) for c in kept), "sum")
    return Choice(kept[0], kept[0].value, note)
