"""The readiness formula: levels, budget, skills, remote work, bands, gaps and unknowns."""

from datetime import date

import pytest

from assistant.decision.firm import read_firm
from assistant.decision.readiness import (
    assess_readiness,
    band_of,
    budget_points,
    dimension_scores,
    gap_to_next,
    overall_score,
)
from prompts.brief import DIMENSIONS, load_brief_prompts
from tests.decision.helpers import answered, unknown


@pytest.mark.parametrize(("level", "score", "band"), [
    (0, 0, "basic"), (1, 20, "basic"), (2, 40, "average"), (3, 60, "moderately_advanced"),
    (4, 80, "advanced"), (5, 100, "advanced"),
])
def test_levels_score_twenty_points_each(level: int, score: int, band: str) -> None:
    for name in ("cloud", "ai", "blockchain", "data", "security"):
        scores = dimension_scores({f"readiness.{name}": level})
        assert scores[name] == score
        assert band_of(scores[name]) == band


@pytest.mark.parametrize(("score", "band", "gap"), [
    (0, "basic", 26), (25, "basic", 1), (26, "average", 25), (50, "average", 1), (51, "moderately_advanced", 25),
    (75, "moderately_advanced", 1), (76, "advanced", 0), (100, "advanced", 0),
])
def test_band_edges_and_gap_to_next_band(score: int, band: str, gap: int) -> None:
    assert band_of(score) == band
    assert gap_to_next(score) == gap


def test_all_unknown_is_unknown_never_zero() -> None:
    scores = dimension_scores({})
    assert scores == dict.fromkeys(DIMENSIONS)
    assert overall_score(scores) is None
    readiness = assess_readiness({}, "ko")
    assert readiness.overall.score is None and readiness.overall.band == "unknown"
    assert all(d.band == "unknown" and d.score is None and d.gap_to_next is None
               for d in readiness.dimensions.values())


def test_unknown_answers_from_slots_do_not_count() -> None:
    slots = {**answered(readiness__cloud=5), **unknown("readiness.ai", "remote.status", "staffing.it_staff")}
    firm = read_firm(slots, today=date(2025, 1, 1))
    readiness = assess_readiness(firm.known, "en")
    assert readiness.dimensions["cloud"].score == 100
    assert readiness.dimensions["ai"].score is None
    assert readiness.overall.score == 100  # the mean of the known dimensions only


def test_overall_is_the_mean_of_known_dimensions() -> None:
    known = {"readiness.cloud": 1, "readiness.data": 4, "remote.status": "partial"}
    assert overall_score(dimension_scores(known)) == round((20 + 80 + 50) / 3)


def test_remote_work_interest_does_not_raise_the_score() -> None:
    assert dimension_scores({"remote.status": "none", "remote.interest": True})["remote_work"] == 0
    assert dimension_scores({"remote.status": "partial"})["remote_work"] == 50
    assert dimension_scores({"remote.status": "full"})["remote_work"] == 100


@pytest.mark.parametrize(("budget", "employees", "points"), [
    (0, None, 0), (0, 10, 0), (1_000_000, 10, 20), (2_999_999, 10, 20), (3_000_000, 10, 40), (10_000_000, 10, 60),
    (19_999_999, 10, 60), (20_000_000, 10, 80), (5_000_000, None, None), (1_000_000, 0, 60),
])
def test_budget_points_per_employee(budget: int, employees: int | None, points: int | None) -> None:
    assert budget_points(budget, employees) == points


def test_budget_strategy_uses_goals_and_funding_signals() -> None:
    base = {"costs.it_budget_krw_per_year": 20_000_000, "company.employees": 10}
    assert dimension_scores(base)["budget_strategy"] == 100  # 80 of 80
    with_signals = {**base, "needs.goals": "재고 관리를 시스템으로", "costs.funding_need": "emergency"}
    assert dimension_scores(with_signals)["budget_strategy"] == 90  # (80 + 10 + 0) of 100
    assert dimension_scores({"company.employees": 10})["budget_strategy"] is None
    # 25 people sharing 20,000,000 a year: 800,000 each → 40 of 80, plus stated goals 10 of 10
    assert dimension_scores({"costs.it_budget_krw_per_year": 20_000_000, "company.employees": 25,
                             "needs.goals": "생산 현황을 보고 싶어요"})["budget_strategy"] == 56


def test_skills_staffing_combines_skills_staff_and_hiring() -> None:
    assert dimension_scores({"staffing.digital_skills": "low", "staffing.it_staff": 0,
                             "staffing.hiring_difficulty": True})["skills_staffing"] == 0
    assert dimension_scores({"staffing.digital_skills": "high", "staffing.it_staff": 1, "company.employees": 20,
                             "staffing.hiring_difficulty": False})["skills_staffing"] == 100
    # one IT person for 100 employees is half the target of two
    assert dimension_scores({"staffing.it_staff": 1, "company.employees": 100})["skills_staffing"] == 50
    assert dimension_scores({"staffing.hiring_difficulty": False})["skills_staffing"] is None


def test_every_dimension_has_advice_and_a_label_in_both_languages() -> None:
    known = {"readiness.cloud": 0, "readiness.ai": 2, "readiness.data": 3, "readiness.security": 5}
    for lang in ("ko", "en"):
        readiness = assess_readiness(known, lang)
        assert list(readiness.dimensions) == list(DIMENSIONS)
        for name, dimension in readiness.dimensions.items():
            assert dimension.advice and dimension.label == load_brief_prompts(lang).dimensions[name]
        assert readiness.dimensions["budget_strategy"].advice.startswith(load_brief_prompts(lang).dimensions["budget_strategy"])
