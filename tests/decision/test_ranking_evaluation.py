"""`intake eval ranking`: NDCG@5, top-1, contradicted "no"s — and that a ranking that ignores
the firm scores low on it, so the measure can fail."""

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.cli import quality
from application.cli.eval import eval_app
from application.runtime import Runtime
from assistant.decision.ranking_evaluation import (
    FirmCase,
    Graded,
    Judgments,
    Ranking,
    StatedNo,
    evaluate_ranking,
    load_firm_cases,
    ndcg,
    profile_slots,
)
from tests.conftest import DATA

FIRMS = DATA / "firms_dev.jsonl"


def _case(first: list[str], acceptable: list[str], no: list[str] | None = None) -> FirmCase:
    return FirmCase(id="t", profile={}, judgments=Judgments(
        programs=Graded(first=first, acceptable=acceptable),
        stated_no=[StatedNo(text="그건 필요 없어요", contradicts=no or [])],
    ))


def test_ndcg_is_one_for_the_ideal_order_and_lower_otherwise() -> None:
    graded = Graded(first=["a"], acceptable=["b", "c"])
    assert ndcg(["a", "b", "c"], graded) == pytest.approx(1.0)
    assert ndcg(["b", "c", "a"], graded) == pytest.approx((1 + 1 / 1.585 + 2 / 2) / (2 + 1 / 1.585 + 1 / 2), rel=1e-3)
    assert ndcg(["x", "y", "z", "w", "v", "a"], graded) == 0.0
    assert ndcg(["a"], Graded()) is None


def test_top1_contradiction_and_old_hit_rate() -> None:
    case = _case(first=["a"], acceptable=["b"], no=["z"])
    report = evaluate_ranking(lambda _: Ranking(programs=["z", "q", "b"], vendors=[]), [case])
    assert report.program_top1 == 0.0
    assert report.program_first_contradicts == 1.0
    # The old measure calls this a hit: "b" is somewhere in the top five.
    assert report.program_hit_at_5 == 1.0
    assert report.program_ndcg_at_5 < 0.3
    assert report.vendor_ndcg_at_5 is None


def test_a_constant_or_random_ranking_scores_low_on_the_dev_firms() -> None:
    cases = load_firm_cases(FIRMS)
    slugs = sorted({s for c in cases for g in (c.judgments.programs,) for s in (*g.first, *g.acceptable, *g.wrong)})
    constant = evaluate_ranking(lambda _: Ranking(programs=slugs, vendors=[]), cases)
    rng = random.Random(13)
    shuffled = evaluate_ranking(lambda _: Ranking(programs=rng.sample(slugs, len(slugs)), vendors=[]), cases)
    for report in (constant, shuffled):
        assert report.program_top1 <= 0.2
        assert report.program_ndcg_at_5 <= 0.35
    # ...while the old hit rate flatters a random order.
    assert shuffled.program_hit_at_5 >= 0.3


def test_profile_values_become_answered_slots() -> None:
    slots = profile_slots({"company.employees": 12, "needs.goals": "재고를 실시간으로 보고 싶어요"})
    assert slots["company.employees"].value == 12 and slots["company.employees"].status == "answered"
    assert slots["needs.goals"].raw_text == "재고를 실시간으로 보고 싶어요"


def test_the_command_scores_the_matcher(runtime: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(quality, "_runtime", lambda: runtime)
    subset = tmp_path / "firms.jsonl"
    subset.write_text("\n".join(FIRMS.read_text(encoding="utf-8").splitlines()[:6]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(eval_app, ["ranking", str(subset), "--json", "--details"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 6 and len(report["cases"]) == 6
    for key in ("program_ndcg_at_5", "program_top1", "program_first_contradicts", "program_hit_at_5"):
        assert 0.0 <= report[key] <= 1.0
    assert all(case["programs"] for case in report["cases"])
