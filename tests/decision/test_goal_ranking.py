"""Needs read with negation, and programmes ranked by what the owner asked for."""

from datetime import UTC, datetime

import pytest

from application.runtime import Runtime
from assistant.decision.brief import NeedsBrief, build_brief
from assistant.decision.firm import read_firm
from assistant.decision.needs import need_profile
from assistant.decision.negation import clauses, read_mentions
from assistant.decision.ranking_evaluation import profile_slots


@pytest.mark.parametrize(("text", "wanted", "refused"), [
    ("재택은 필요 없어요", False, True),
    ("재택근무는 필요없고요, 공장 설비를 실시간으로 보고 싶어요", False, True),
    ("직원들이 집에서도 일할 수 있게 재택 체계를 만들고 싶어요", True, False),
    ("We are not interested in remote work.", False, True),
    ("We'd like our staff to work from home two days a week", True, False),
])
def test_a_refusal_governs_its_own_clause(text: str, wanted: bool, refused: bool) -> None:
    mentions = read_mentions(text, ["재택", "remote work", "work from home"])
    assert bool(mentions.wanted) is wanted and bool(mentions.refused) is refused


def test_a_list_before_the_refusal_stays_in_its_clause() -> None:
    assert clauses("블록체인, 메타버스 이런 건 관심 없어요. 재고를 실시간으로 보고 싶어요") == [
        "블록체인, 메타버스 이런 건 관심 없어요", "재고를 실시간으로 보고 싶어요"]


def test_a_refused_topic_is_no_need_and_is_remembered_with_the_owners_words() -> None:
    firm = read_firm(profile_slots({"needs.goals": "재택은 필요 없어요. 냉동창고 온도랑 재고를 실시간으로 보고 싶어요"}),
                     datetime.now(UTC).date())
    needs = need_profile(firm)
    keys = {n.key for n in needs.needs if n.origin == "said"}
    assert "remote_work" not in keys and "monitoring" in keys
    assert [r.words for r in needs.refused] == ["재택은 필요 없어요"]


def _brief(runtime: Runtime, profile: dict[str, object]) -> NeedsBrief:
    return build_brief(slots=profile_slots(profile), lang="ko", session_id="s", case_id=None,
                       created_at=datetime.now(UTC), partner=None, consent_given_at=None, consent_text_version=None,
                       kb=runtime.kb, search=runtime.retriever, roster=runtime.roster, open_load={})


SEAFOOD = {
    "company.industry": "manufacturing", "company.region": "busan", "company.employees": 18,
    "staffing.hiring_difficulty": True, "remote.status": "none", "remote.interest": False,
    "needs.goals": "재택근무는 필요 없어요. 수산물 가공 공장 냉동창고 온도와 재고를 실시간으로 보고 싶어요",
    "needs.support_types": ["solution", "technology"],
}


def test_a_refused_programme_never_ranks_first_and_says_why(runtime: Runtime) -> None:
    brief = _brief(runtime, SEAFOOD)
    open_programs = [p for p in brief.programs if p.eligibility != "ineligible"]
    assert open_programs[0].id != "program:kasdi-daas-remote-work"
    daas = next(p for p in brief.programs if p.id == "program:kasdi-daas-remote-work")
    assert daas.conflicts == ["재택근무는 필요 없어요"]
    assert "재택근무는 필요 없어요" in daas.reasons[0]
    assert all(p.conflicts for p in open_programs[open_programs.index(daas):])
    assert brief.vendors[0].id != "vendor:tilon"


def test_the_first_programme_answers_the_stated_goal_and_quotes_the_owners_word(runtime: Runtime) -> None:
    first = next(p for p in _brief(runtime, SEAFOOD).programs if p.eligibility != "ineligible")
    assert first.id == "program:kosme-smart-factory"
    assert any("실시간" in r or "온도" in r for r in first.reasons)
    assert first.citations


@pytest.mark.parametrize(("profile", "key", "words"), [
    ({"remote.interest": False, "remote.status": "none"}, "remote_work", "원격근무는 필요 없어요"),  # a button: said in words
    ({"remote.interest": False}, "remote_work", "지금 이대로가 좋아요"),
    ({"costs.funding_need": "none"}, "funding", "자금은 필요 없어요"),
])
def test_a_plain_no_to_a_question_is_a_refusal(profile: dict[str, object], key: str, words: str) -> None:
    slots = profile_slots(profile)
    if words == "지금 이대로가 좋아요":
        slots["remote.interest"] = slots["remote.interest"].model_copy(update={"raw_text": words})
    needs = need_profile(read_firm(slots, datetime.now(UTC).date()), lang="ko")
    assert [(r.key, r.words) for r in needs.refused] == [(key, words)]


def test_no_interest_in_remote_work_keeps_remote_work_programmes_off_the_top(runtime: Runtime) -> None:
    quiet = {**SEAFOOD, "needs.goals": "냉동창고 온도와 재고를 실시간으로 보고 싶어요"}  # the no is only the answer
    brief = _brief(runtime, quiet)
    open_programs = [p for p in brief.programs if p.eligibility != "ineligible"]
    assert open_programs[0].id != "program:kasdi-daas-remote-work"
    daas = next(p for p in brief.programs if p.id == "program:kasdi-daas-remote-work")
    assert daas.conflicts and any("원격근무는 필요 없어요" in r for r in daas.reasons)


def test_an_assumed_industry_rule_asks_for_a_check_instead_of_ruling_out(runtime: Runtime) -> None:
    """The article does not say the smart-factory support is for manufacturers only: a fish-cake
    maker filed as agri-food keeps it, with the condition to check."""
    brief = _brief(runtime, {"company.industry": "agri_food", "company.region": "busan",
                             "needs.goals": "스마트공장 설비가 자꾸 멈춰서 유지보수 도움을 받고 싶어요"})
    factory = next(p for p in brief.programs if p.id == "program:kosme-smart-factory")
    assert factory.eligibility == "check" and not factory.failed
    assert any("짐작한 조건" in c for c in factory.reasons)
    assert brief.top_program_ids(1) == ["program:kosme-smart-factory"]
