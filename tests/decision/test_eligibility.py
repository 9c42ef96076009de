"""Each eligibility rule both ways, unknown answers and free-text conditions."""

from datetime import date

import pytest

from assistant.decision.eligibility import judge
from assistant.decision.evidence import SearchSignal
from assistant.decision.firm import read_firm
from assistant.decision.needs import need_profile
from assistant.decision.programs import match_programs
from assistant.state import SlotValue
from knowledge.loader import load_knowledge_base
from knowledge.schema import Eligibility, Entry, Text
from tests.decision.helpers import answered, unknown

TODAY = date(2025, 5, 1)
KB, _ = load_knowledge_base()


def program_with(**rules: object) -> Entry:
    """A real program entry (so its sources are real) with the given eligibility."""
    base = KB.entries["program:kosme-policy-fund-online"]
    return base.model_copy(update={"eligibility": Eligibility.model_validate(rules)})


def verdict(entry: Entry, slots: dict[str, SlotValue], lang: str = "ko") -> tuple[str, list[str], list[str]]:
    judgement = judge(entry, read_firm(slots, TODAY), lang)  # type: ignore[arg-type]
    return (judgement.verdict, [f.rule for f in judgement.by_outcome("failed")],
            [f.rule for f in judgement.by_outcome("unknown")])


def test_region_in_and_out() -> None:
    entry = program_with(regions=["daejeon"])
    assert verdict(entry, answered(company__region="daejeon")) == ("eligible", [], [])
    assert verdict(entry, answered(company__region="busan")) == ("ineligible", ["region"], [])


def test_industry_in_and_out() -> None:
    entry = program_with(industries=["manufacturing"])
    assert verdict(entry, answered(company__industry="manufacturing"))[0] == "eligible"
    assert verdict(entry, answered(company__industry="food_service")) == ("ineligible", ["industry"], [])


@pytest.mark.parametrize(("employees", "expected", "failed"), [
    (4, "ineligible", ["employees_min"]), (5, "eligible", []), (50, "eligible", []), (51, "ineligible", ["employees_max"]),
])
def test_employee_bounds(employees: int, expected: str, failed: list[str]) -> None:
    entry = program_with(employees_min=5, employees_max=50)
    assert verdict(entry, answered(company__employees=employees))[:2] == (expected, failed)


def test_stage_pre_founder_versus_startup_and_established() -> None:
    entry = program_with(stages=["pre_founder"])
    assert verdict(entry, answered(company__stage="pre_founder"))[0] == "eligible"
    assert verdict(entry, answered(company__stage="startup")) == ("ineligible", ["stage"], [])
    # the stage follows from the founding year when the engine did not record it
    assert verdict(entry, answered(company__founded_year=2023)) == ("ineligible", ["stage"], [])
    startups = program_with(stages=["startup"])
    assert verdict(startups, answered(company__founded_year=2023))[0] == "eligible"
    assert verdict(startups, answered(company__founded_year=2010)) == ("ineligible", ["stage"], [])


def test_unknown_or_missing_answers_make_a_check_naming_the_condition() -> None:
    entry = program_with(regions=["daejeon"], industries=["manufacturing"], employees_max=50, stages=["startup"])
    slots = unknown("company.region", "company.employees", "company.founded_year")
    result, failed, unsettled = verdict(entry, slots)
    assert (result, failed) == ("check", [])
    assert unsettled == ["region", "industry", "employees", "stage"]
    judgement = judge(entry, read_firm(slots, TODAY), "en")
    assert any("region" in f.reason.text and "Daejeon" in f.reason.text for f in judgement.findings)


def test_raw_answers_count_as_unknown() -> None:
    entry = program_with(regions=["daejeon"])
    slots = {"company.region": SlotValue(value=None, status="raw", raw_text="저기 남쪽 어딘가")}
    assert verdict(entry, slots) == ("check", [], ["region"])


def test_free_text_conditions_are_listed_for_a_mentor_and_never_exclude() -> None:
    entry = program_with(regions=["daejeon"], conditions=[Text(ko="수요조사 뒤 선정돼야 해요.", en="Must be selected.")])
    judgement = judge(entry, read_firm(answered(company__region="daejeon"), TODAY), "ko")
    assert judgement.verdict == "eligible"
    assert judgement.conditions == ["수요조사 뒤 선정돼야 해요."]
    failed = judge(entry, read_firm(answered(company__region="seoul"), TODAY), "en")
    assert failed.verdict == "ineligible" and failed.conditions == ["Must be selected."]


def test_failure_beats_unknown() -> None:
    entry = program_with(regions=["daejeon"], industries=["manufacturing"])
    assert verdict(entry, answered(company__region="busan")) == ("ineligible", ["region"], ["industry"])


def test_ineligible_programs_are_ranked_last_with_the_failed_rule_first() -> None:
    slots = answered(company__region="busan", company__industry="manufacturing", company__employees=30,
                     company__founded_year=2012, needs__goals="대전에서 창업 공간을 찾아요")
    firm = read_firm(slots, TODAY)
    programs = match_programs(entries=list(KB.entries.values()), firm=firm, needs=need_profile(firm),
                              signal=SearchSignal({}, {}), lang="ko")
    verdicts = [p.eligibility for p in programs]
    first_ineligible = verdicts.index("ineligible")
    assert all(v == "ineligible" for v in verdicts[first_ineligible:])
    daejeon = [p for p in programs if p.id.startswith("program:daejeon-")]
    assert daejeon and all(p.eligibility == "ineligible" for p in daejeon)
    for program in daejeon:
        assert "대전" in program.reasons[0] and "부산" in program.reasons[0]
        assert program.failed and program.failed[0] == program.reasons[0]
    ranked = [p for p in programs if p.eligibility != "ineligible"]
    assert [p.score for p in ranked] == sorted((p.score for p in ranked), reverse=True)


def test_every_program_gets_a_verdict_and_its_conditions_as_checks() -> None:
    firm = read_firm(answered(company__region="daejeon"), TODAY)
    programs = match_programs(entries=list(KB.entries.values()), firm=firm, needs=need_profile(firm),
                              signal=SearchSignal({}, {}), lang="ko")
    assert {p.id for p in programs} == {e.id for e in KB.of_kind("program")}
    for program in programs:
        entry = KB.entries[program.id]
        assert set(c.ko for c in entry.eligibility.conditions) <= set(program.checks)
        if entry.eligibility.industries:  # industry unknown here
            assert program.eligibility == "check"
