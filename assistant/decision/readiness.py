"""Digital readiness, scored the way the EU's digital maturity assessment does it: each
dimension 0–100 from the owner's answers, the overall score the mean of the dimensions we
know, a band per score and one line of advice.

Formula (every score is rounded half up to a whole number):

* Bands: 0–25 basic, 26–50 average, 51–75 moderately advanced, 76–100 advanced. The gap is
  the points needed to reach the next band's lower edge (26, 51, 76); 0 once advanced.
* cloud, ai, blockchain, data, security: the 0–5 level × 20 (0, 20, 40, 60, 80, 100).
* remote_work: remote.status none 0, partial 50, full 100. Interest in remote work does
  not raise the score: it is a need, not a capability.
* budget_strategy = 100 × points / possible, where
    - budget (needed; up to 80): the yearly IT budget per employee (headcount of at least
      1): 0 won → 0; under 300,000 → 20; under 1,000,000 → 40; under 2,000,000 → 60;
      2,000,000 or more → 80 (about 1–2 % of a typical SME's revenue per head). A budget
      of 0 scores 0 even when the headcount is unknown; any other budget needs the headcount.
    - goals (up to 10): 10 when the owner stated goals in their own words.
    - funding (up to 10): growth_investment 10 (investing on purpose), none or operating 5,
      emergency 0.
* skills_staffing = 100 × points / possible, where
    - digital skills (up to 50): low 0, medium 25, high 50;
    - IT staff (up to 30): 30 × min(1, it_staff / target), target = one person per 50
      employees, at least 1 (1 when the headcount is unknown);
    - hiring (up to 20): 20 when hiring is not hard, 0 when it is.
  It needs digital skills or IT staff answered.
* Unknown answers never count as zero: a part whose answer is unknown leaves both the
  points and the possible points (so the known parts decide); a dimension whose needed
  answer is unknown has score None and band "unknown". The overall score is the mean of the
  known dimensions, None if none is known.
"""

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel

from prompts.brief import DIMENSIONS, Lang, load_brief_prompts

Band = Literal["basic", "average", "moderately_advanced", "advanced", "unknown"]
LEVEL_DIMENSIONS = ("cloud", "ai", "blockchain", "data", "security")
BAND_EDGES: tuple[tuple[int, Band], ...] = ((25, "basic"), (50, "average"), (75, "moderately_advanced"))
NEXT_BAND_START = {"basic": 26, "average": 51, "moderately_advanced": 76}
BUDGET_STEPS = (300_000, 1_000_000, 2_000_000)  # won per employee per year
REMOTE_POINTS = {"none": 0, "partial": 50, "full": 100}
SKILL_POINTS = {"low": 0, "medium": 25, "high": 50}
FUNDING_POINTS = {"growth_investment": 10, "none": 5, "operating": 5, "emergency": 0}
EMPLOYEES_PER_IT_PERSON = 50


def round_half_up(value: float) -> int:
    return int(value + 0.5)


def band_of(score: int | None) -> Band:
    if score is None:
        return "unknown"
    for upper, band in BAND_EDGES:
        if score <= upper:
            return band
    return "advanced"


def gap_to_next(score: int | None) -> int | None:
    if score is None:
        return None
    band = band_of(score)
    return NEXT_BAND_START[band] - score if band in NEXT_BAND_START else 0


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _ratio(parts: list[tuple[float, float]]) -> int:
    got = sum(p for p, _ in parts)
    possible = sum(m for _, m in parts)
    return round_half_up(100 * got / possible)


def budget_points(budget: int, employees: int | None) -> int | None:
    if budget <= 0:
        return 0
    if employees is None:
        return None
    per_employee = budget / max(employees, 1)
    return 20 * (1 + sum(per_employee >= step for step in BUDGET_STEPS))


def budget_strategy_score(known: Mapping[str, Any]) -> int | None:
    budget = _int(known.get("costs.it_budget_krw_per_year"))
    if budget is None:
        return None
    points = budget_points(budget, _int(known.get("company.employees")))
    if points is None:
        return None
    parts: list[tuple[float, float]] = [(points, 80)]
    goals = known.get("needs.goals")
    if isinstance(goals, str) and goals.strip():
        parts.append((10, 10))
    funding = known.get("costs.funding_need")
    if funding in FUNDING_POINTS:
        parts.append((FUNDING_POINTS[funding], 10))
    return _ratio(parts)


def skills_staffing_score(known: Mapping[str, Any]) -> int | None:
    parts: list[tuple[float, float]] = []
    skills = known.get("staffing.digital_skills")
    if skills in SKILL_POINTS:
        parts.append((SKILL_POINTS[skills], 50))
    it_staff = _int(known.get("staffing.it_staff"))
    if it_staff is not None:
        employees = _int(known.get("company.employees"))
        target = max(1, -(-(employees or 1) // EMPLOYEES_PER_IT_PERSON))
        parts.append((30 * min(1.0, it_staff / target), 30))
    if not parts:
        return None
    hiring = known.get("staffing.hiring_difficulty")
    if isinstance(hiring, bool):
        parts.append((0 if hiring else 20, 20))
    return _ratio(parts)


def dimension_scores(known: Mapping[str, Any]) -> dict[str, int | None]:
    """Scores from answered values only (slot id → value), in DIMENSIONS order."""
    scores: dict[str, int | None] = {
        "budget_strategy": budget_strategy_score(known),
        "skills_staffing": skills_staffing_score(known),
        "remote_work": REMOTE_POINTS.get(str(known.get("remote.status"))),
    }
    for name in LEVEL_DIMENSIONS:
        level = _int(known.get(f"readiness.{name}"))
        scores[name] = level * 20 if level is not None and 0 <= level <= 5 else None
    return {name: scores[name] for name in DIMENSIONS}


def overall_score(scores: Mapping[str, int | None]) -> int | None:
    values = [s for s in scores.values() if s is not None]
    return round_half_up(sum(values) / len(values)) if values else None


class DimensionResult(BaseModel):
    score: int | None
    band: Band
    label: str
    advice: str
    gap_to_next: int | None


class OverallResult(BaseModel):
    score: int | None
    band: Band
    gap_to_next: int | None


class Readiness(BaseModel):
    overall: OverallResult
    dimensions: dict[str, DimensionResult]


def assess_readiness(known: Mapping[str, Any], lang: Lang) -> Readiness:
    prompts = load_brief_prompts(lang)
    scores = dimension_scores(known)
    dimensions: dict[str, DimensionResult] = {}
    for name, score in scores.items():
        band = band_of(score)
        label = prompts.dimensions[name]
        advice = (prompts.unknown_advice.format(dimension=label) if band == "unknown"
                  else prompts.advice[name][band])
        dimensions[name] = DimensionResult(score=score, band=band, label=label, advice=advice,
                                           gap_to_next=gap_to_next(score))
    overall = overall_score(scores)
    return Readiness(
        overall=OverallResult(score=overall, band=band_of(overall), gap_to_next=gap_to_next(overall)),
        dimensions=dimensions,
    )
