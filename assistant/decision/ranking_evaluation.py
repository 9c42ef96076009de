"""Ranking quality against an expert's graded judgments of firm profiles.

A case is a firm profile (slot id → typed value) with, for programmes and for vendors, the
slugs an expert would put first, those acceptable and those wrong, and the owner's stated
"no"s with the programmes they rule out. Scored per case and averaged:

* NDCG@5 with gains first = 2, acceptable = 1, anything else 0, over the ranking of
  programmes that are not ineligible; the ideal ranking is the judged slugs by gain;
* top-1 accuracy: the first programme is one the expert puts first;
* contradiction: the first programme is one a stated "no" rules out (should be 0);
* hit rate, the old measure, kept beside them: any first or acceptable slug in the top 5
  (vendors: top 3). A random ranking of 21 programmes scores about 0.4 on it, which is why
  it is no longer the headline.

The ranker is whatever turns a profile into slugs, so the same scoring judges the matcher, a
constant ranking and a random one."""

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.state import SlotValue

GAIN_FIRST = 2.0
GAIN_ACCEPTABLE = 1.0
NDCG_DEPTH = 5
PROGRAM_HIT_DEPTH = 5
VENDOR_HIT_DEPTH = 3


class Graded(BaseModel):
    first: list[str] = Field(default_factory=list)
    acceptable: list[str] = Field(default_factory=list)
    wrong: list[str] = Field(default_factory=list)

    def gain(self, slug: str) -> float:
        if slug in self.first:
            return GAIN_FIRST
        return GAIN_ACCEPTABLE if slug in self.acceptable else 0.0

    @property
    def judged(self) -> bool:
        return bool(self.first or self.acceptable)


class StatedNo(BaseModel):
    text: str
    contradicts: list[str] = Field(default_factory=list)


class Judgments(BaseModel):
    programs: Graded
    vendors: Graded = Field(default_factory=Graded)
    stated_no: list[StatedNo] = Field(default_factory=list)
    note: str = ""

    @property
    def ruled_out(self) -> set[str]:
        return {slug for no in self.stated_no for slug in no.contradicts}


class FirmCase(BaseModel):
    id: str
    lang: Literal["ko", "en"] = "ko"
    persona: str = ""
    profile: dict[str, Any]
    judgments: Judgments


class Ranking(BaseModel):
    """Slugs without their kind prefix, best first; programmes that are ineligible left out."""

    programs: list[str]
    vendors: list[str]


Ranker = Callable[[FirmCase], Ranking]


class CaseScore(BaseModel):
    id: str
    programs: list[str]
    vendors: list[str]
    program_ndcg: float | None
    program_top1: bool
    contradicts: bool
    program_hit: bool
    vendor_ndcg: float | None
    vendor_top1: bool | None
    vendor_hit: bool | None


class RankingReport(BaseModel):
    n: int
    program_ndcg_at_5: float
    program_top1: float
    program_first_contradicts: float
    program_hit_at_5: float
    vendor_n: int
    vendor_ndcg_at_5: float | None
    vendor_top1: float | None
    vendor_hit_at_3: float | None
    cases: list[CaseScore]


def load_firm_cases(path: Path) -> list[FirmCase]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [FirmCase.model_validate_json(line) for line in lines if line.strip()]


def ndcg(ranked: Sequence[str], graded: Graded, depth: int = NDCG_DEPTH) -> float | None:
    """None when the judgments name nothing worth ranking (no ideal to compare with)."""
    ideal = sorted((graded.gain(s) for s in {*graded.first, *graded.acceptable}), reverse=True)[:depth]
    best = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    if best == 0:
        return None
    got = sum(graded.gain(s) / math.log2(i + 2) for i, s in enumerate(ranked[:depth]))
    return got / best


def hit(ranked: Sequence[str], graded: Graded, depth: int) -> bool:
    wanted = {*graded.first, *graded.acceptable}
    return any(s in wanted for s in ranked[:depth])


def score_case(case: FirmCase, ranking: Ranking) -> CaseScore:
    programs, vendors = case.judgments.programs, case.judgments.vendors
    first = ranking.programs[0] if ranking.programs else None
    judged_vendors = vendors.judged
    return CaseScore(
        id=case.id,
        programs=ranking.programs[:NDCG_DEPTH],
        vendors=ranking.vendors[:NDCG_DEPTH],
        program_ndcg=ndcg(ranking.programs, programs),
        program_top1=first is not None and first in programs.first,
        contradicts=first is not None and first in case.judgments.ruled_out,
        program_hit=hit(ranking.programs, programs, PROGRAM_HIT_DEPTH),
        vendor_ndcg=ndcg(ranking.vendors, vendors) if judged_vendors else None,
        vendor_top1=bool(ranking.vendors) and ranking.vendors[0] in vendors.first if vendors.first else None,
        vendor_hit=hit(ranking.vendors, vendors, VENDOR_HIT_DEPTH) if judged_vendors else None,
    )


def _mean(values: Sequence[float | bool | None]) -> float | None:
    kept = [float(v) for v in values if v is not None]
    return round(sum(kept) / len(kept), 4) if kept else None


def evaluate_ranking(ranker: Ranker, cases: Sequence[FirmCase]) -> RankingReport:
    scores = [score_case(case, ranker(case)) for case in cases]
    return RankingReport(
        n=len(scores),
        program_ndcg_at_5=_mean([s.program_ndcg for s in scores]) or 0.0,
        program_top1=_mean([s.program_top1 for s in scores]) or 0.0,
        program_first_contradicts=_mean([s.contradicts for s in scores]) or 0.0,
        program_hit_at_5=_mean([s.program_hit for s in scores]) or 0.0,
        vendor_n=sum(s.vendor_ndcg is not None for s in scores),
        vendor_ndcg_at_5=_mean([s.vendor_ndcg for s in scores]),
        vendor_top1=_mean([s.vendor_top1 for s in scores]),
        vendor_hit_at_3=_mean([s.vendor_hit for s in scores]),
        cases=scores,
    )


def profile_slots(profile: dict[str, Any]) -> dict[str, SlotValue]:
    """A profile's typed values as answered slots, as a finished conversation would leave them."""
    return {
        slot: SlotValue(value=value, status="answered", raw_text=value if isinstance(value, str) else str(value),
                        method="profile")
        for slot, value in profile.items()
    }
