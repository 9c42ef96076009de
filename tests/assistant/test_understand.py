"""A message becomes commands; each failure class of issue 12 with examples of our own."""

from datetime import date
from typing import Any

import pytest

from assistant.commands import (
    Back,
    Confirm,
    ConsentAnswer,
    CorrectSlot,
    DontKnow,
    Fix,
    SetSlot,
    SideQuestion,
    Skip,
)
from assistant.engine import Engine
from assistant.understand import Context

ENGINE = Engine(mentor_contact_days=2)
TODAY = date(2026, 12, 7)


def read(expecting: str | None, text: str, *, answered: dict[str, Any] | None = None,
         confirming: bool = False, contact: bool = False) -> list[Any]:
    ctx = Context(expecting=expecting, confirming=confirming, answered=answered or {}, today=TODAY,
                  contact_allowed=contact)
    return ENGINE.understanding.commands(text, ctx)


def values(commands: list[Any]) -> dict[str, Any]:
    return {c.slot: c.value for c in commands if isinstance(c, SetSlot)}


# 1. A marker governs its own clause only.

@pytest.mark.parametrize(("text", "slots"), [
    ("울산에서 배관 부품 만드는데 직원 30명이에요, 뭘 먼저 해야 할지 모르겠어요",
     {"company.region": "ulsan", "company.employees": 30, "company.industry": "manufacturing"}),
    ("수원에서 카페 두 곳 해요. 직원은 9명인데 솔직히 어떻게 할지 모르겠네요",
     {"company.region": "gyeonggi", "company.employees": 9}),
])
def test_dont_know_about_the_way_forward_keeps_the_facts(text: str, slots: dict[str, Any]) -> None:
    commands = read("company.industry", text)
    assert slots.items() <= values(commands).items()
    assert not any(isinstance(c, DontKnow) for c in commands)


@pytest.mark.parametrize("text", ["현실은 15명이에요", "진실은 12명이에요"])
def test_a_word_containing_a_marker_is_an_answer(text: str) -> None:
    commands = read("company.employees", text)
    assert not any(isinstance(c, Back | CorrectSlot) for c in commands)
    assert isinstance(values(commands).get("company.employees"), int)


@pytest.mark.parametrize(("slot", "text", "value"), [
    ("costs.it_budget_krw_per_year", "한 달에 40 정도?", 4_800_000),
    ("company.employees", "한 스무 명?", 20),
    ("needs.support_types", "자금이랑 교육?", ["funding", "training"]),
    ("company.annual_revenue_krw", "한 8억?", 800_000_000),
])
def test_a_rising_end_on_an_answer_is_not_a_side_question(slot: str, text: str, value: Any) -> None:
    commands = read(slot, text)
    assert values(commands).get(slot) == value
    assert not any(isinstance(c, SideQuestion) for c in commands)


def test_a_real_question_next_to_an_answer_is_both() -> None:
    commands = read("costs.it_budget_krw_per_year", "월 30만 원요. 근데 이 상담 비용 있어요?")
    assert values(commands)["costs.it_budget_krw_per_year"] == 3_600_000
    assert any(isinstance(c, SideQuestion) for c in commands)


@pytest.mark.parametrize("text", ["모르겠어요", "글쎄요", "잘 몰라요", "I'm not sure", "no idea"])
def test_a_bare_dont_know_is_a_dont_know(text: str) -> None:
    assert any(isinstance(c, DontKnow) for c in read("company.annual_revenue_krw", text))


# 2. The pending number never reads another topic's clause.

@pytest.mark.parametrize("text", [
    "작년에 매출이 한 12억 나왔어요", "매출은 5억 정도예요", "직원은 23명이에요", "예산은 월 20만 원이에요",
])
def test_the_founding_year_does_not_read_other_numbers(text: str) -> None:
    commands = read("company.founded_year", text)
    assert "company.founded_year" not in values(commands)


def test_the_other_topic_is_recorded_where_it_belongs() -> None:
    commands = read("company.founded_year", "작년에 매출이 한 12억 나왔어요")
    assert values(commands)["company.annual_revenue_krw"] == 1_200_000_000


# 3. Negation and hedges.

@pytest.mark.parametrize(("slot", "text", "value"), [
    ("readiness.cloud", "클라우드요? 아직 그런 건 없어요", 0),
    ("readiness.ai", "AI는 업무에 사용하고 있지 않아요", 0),
    ("readiness.security", "보안은 솔직히 신경 못 쓰고 있어요", 0),
    ("readiness.blockchain", "블록체인은 저희랑 거리가 멀고 도입 생각도 없어요", 0),
    ("readiness.cloud", "클라우드는 하나도 안 써요! 전부 자체 서버예요", 0),
    ("remote.interest", "재택은 필요 없어요", False),
    ("needs.urgency", "당장 급한 건 아니에요", "exploring"),
    ("costs.funding_need", "자금은 지금으로선 필요하지 않습니다", "none"),
])
def test_negation_decides(slot: str, text: str, value: Any) -> None:
    assert values(read(slot, text)).get(slot) == value


@pytest.mark.parametrize(("text", "value"), [
    ("천만 원까지는 못 쓰고 한 4백?", 4_000_000),
    ("2천은 무리고 월 50 정도", 6_000_000),
])
def test_a_denied_amount_is_not_the_budget(text: str, value: int) -> None:
    assert values(read("costs.it_budget_krw_per_year", text))["costs.it_budget_krw_per_year"] == value


@pytest.mark.parametrize("text", ["글쎄요 사무직은 해 보고 싶긴 해요", "음 조금 늘려 보고 싶기도 해요"])
def test_a_hesitant_yes_is_a_yes_held_loosely(text: str) -> None:
    commands = read("remote.interest", text)
    setter = next(c for c in commands if isinstance(c, SetSlot))
    assert setter.value is True and setter.confidence < 0.8
    assert not any(isinstance(c, DontKnow) for c in commands)


# 4. Several quantities in one answer.

@pytest.mark.parametrize(("text", "value", "note"), [
    ("사무실 4명, 공장 11명이에요", 15, "sum"),
    ("영업 둘, 생산 여섯, 그리고 저요", 9, "sum"),
    ("작년엔 20명이었는데 지금은 17명이에요", 17, "current"),
    ("아르바이트 포함하면 13명이에요", 13, ""),
    ("한 마흔 명? 정확히는 43명이요", 43, ""),
])
def test_several_headcounts(text: str, value: int, note: str) -> None:
    setter = next(c for c in read("company.employees", text) if isinstance(c, SetSlot))
    assert (setter.value, setter.note) == (value, note)


@pytest.mark.parametrize(("text", "value"), [
    ("재작년엔 15억이었는데 올해는 9억 정도예요", 900_000_000),
    ("예전엔 30억도 했는데 요즘은 20억 나와요", 2_000_000_000),
    ("last year 3 billion won, now about 2 billion", 2_000_000_000),
])
def test_the_current_figure_wins(text: str, value: int) -> None:
    assert values(read("company.annual_revenue_krw", text))["company.annual_revenue_krw"] == value


# 5. Formats.

@pytest.mark.parametrize(("slot", "text", "value"), [
    ("costs.it_budget_krw_per_year", "1년에 3~4천 정도", 35_000_000),
    ("costs.it_budget_krw_per_year", "maybe 4 mil won a year", 4_000_000),
    ("company.annual_revenue_krw", "around 2 bil won", 2_000_000_000),
    ("company.founded_year", "we've been around for 30-odd years", 1996),
    ("company.founded_year", "이천십이년에 차렸어요", 2012),
    ("costs.it_budget_krw_per_year", "한달에이십만원정도", 2_400_000),
])
def test_formats(slot: str, text: str, value: int) -> None:
    assert values(read(slot, text))[slot] == value


def test_a_range_is_read_as_its_midpoint_and_says_so() -> None:
    setter = next(c for c in read("costs.it_budget_krw_per_year", "1년에 3~4천 정도") if isinstance(c, SetSlot))
    assert setter.note == "range"


# 6. Everyday paraphrase and typed button labels.

@pytest.mark.parametrize(("slot", "text", "command"), [
    ("company.annual_revenue_krw", "모름", DontKnow),
    ("company.name", "건너뛰기", Skip),
    ("company.founded_year", "skip", Skip),
    ("readiness.data", "don't know", DontKnow),
])
def test_typed_quick_reply_labels(slot: str, text: str, command: type) -> None:
    assert isinstance(read(slot, text)[0], command)


@pytest.mark.parametrize(("slot", "text", "value"), [
    ("readiness.cloud", "일부 업무에 써요", 3),
    ("readiness.data", "종이 장부로 관리해요", 0),
    ("staffing.digital_skills", "보통이에요", "medium"),
    ("remote.status", "안 해요", "none"),
])
def test_option_labels_typed_in_full(slot: str, text: str, value: Any) -> None:
    assert values(read(slot, text))[slot] == value


@pytest.mark.parametrize("slot", ["readiness.cloud", "readiness.ai", "readiness.blockchain"])
def test_not_yet_means_not_used(slot: str) -> None:
    assert values(read(slot, "아직이요"))[slot] == 0


# 7. Polarity and rhetoric.

@pytest.mark.parametrize(("text", "value"), [
    ("Hiring is fine at the moment", False), ("요즘 사람 구하는 건 괜찮아요", False),
    ("용접 기사는 늘 모자라요", True), ("사무직은 구하는데 현장 인력은 진짜 없어요", True),
])
def test_hiring_polarity(text: str, value: bool) -> None:
    assert values(read("staffing.hiring_difficulty", text))["staffing.hiring_difficulty"] is value


@pytest.mark.parametrize(("slot", "text", "value"), [
    ("remote.status", "미용실에서 재택이 어딨어요", "none"),
    ("remote.status", "손님 머리를 집에서 하나요 ㅋㅋ", "none"),
    ("staffing.it_staff", "둘이 하는 가게에 전산 직원이 있겠어요?", 0),
])
def test_rhetorical_answers_deny(slot: str, text: str, value: Any) -> None:
    assert values(read(slot, text))[slot] == value


# 8. Corrections at every step.

@pytest.mark.parametrize(("text", "slot", "value"), [
    ("직원 수는 30명이에요", "company.employees", 30),
    ("매출 12억 아니고 15억이에요", "company.annual_revenue_krw", 1_500_000_000),
    ("아 지역은 천안이에요", "company.region", "chungnam"),
])
def test_corrections_at_the_consent_step(text: str, slot: str, value: Any) -> None:
    commands = read("consent", text, answered={"company.employees": 12, "company.annual_revenue_krw": 1_200_000_000,
                                               "company.region": "seoul"})
    assert CorrectSlot(slot=slot, value=value, span=commands[0].span) in commands
    assert not any(isinstance(c, ConsentAnswer) for c in commands)


def test_a_restatement_that_changes_nothing_is_not_a_correction() -> None:
    assert read("consent", "네 동의해요", answered={"company.employees": 12}) == [
        ConsentAnswer(given=True, span="네 동의해요")]


def test_a_correction_mid_conversation_names_its_slot() -> None:
    commands = read("readiness.ai", "AI는 안 써요. 아 그리고 아까 직원 수 잘못 말했어요, 14명이에요",
                    answered={"company.employees": 12})
    assert any(isinstance(c, CorrectSlot) and c.slot == "company.employees" and c.value == 14 for c in commands)
    assert values(commands)["readiness.ai"] == 0


# Read-backs.

@pytest.mark.parametrize(("text", "command"), [
    ("네", Confirm(slot="readiness.cloud", yes=True, span="네")),
    ("맞아요", Confirm(slot="readiness.cloud", yes=True, span="맞아요")),
    ("고칠게요", Fix(slot="readiness.cloud", span="고칠게요")),
    ("That's right", Confirm(slot="readiness.cloud", yes=True, span="That's right")),
])
def test_answers_to_a_read_back(text: str, command: Any) -> None:
    assert read("readiness.cloud", text, confirming=True) == [command]


def test_a_new_value_in_reply_to_a_read_back_replaces_it() -> None:
    assert values(read("readiness.cloud", "아니요, 구글 드라이브는 일부 써요", confirming=True))["readiness.cloud"] == 3


# Groups typed without spaces, joined by "거기에", and the owner as "나 하나".

@pytest.mark.parametrize(("text", "value"), [
    ("원무과사무직이열둘이고간호사치료사같은현장이마흔다섯거기에원장인나하나", 58),
    ("사무실 직원이 셋이고 현장이 열 거기에 사장인 저 하나", 14),
    ("주방이 넷이고 홀이 여섯 그리고 나 하나", 11),
    ("office 2, warehouse 5, and me", 8),
])
def test_headcount_groups_and_the_owner(text: str, value: int) -> None:
    setter = next(c for c in read("company.employees", text) if isinstance(c, SetSlot))
    assert (setter.value, setter.note) == (value, "sum")


@pytest.mark.parametrize(("text", "value"), [
    ("작년엔 12억 찍었는데 요즘은 한 8 정도?", 800_000_000),
    ("last yr ~9 bil won, this yr tracking closer to 11", 11_000_000_000),
    ("재작년 매출이 20억이었고, 올해는 15 정도 될 거예요", 1_500_000_000),
])
def test_a_bare_current_figure_takes_the_unit_and_is_read_back(text: str, value: int) -> None:
    setter = next(c for c in read("company.annual_revenue_krw", text) if isinstance(c, SetSlot))
    assert setter.value == value and setter.note == "current"
    # The unit was inferred: the reading is below acceptance, so the policy reads it back.
    assert setter.confidence < 0.7


@pytest.mark.parametrize(("text", "value"), [
    ("유지보수에 한 달 20에서 30 정도면 낼 수 있을 것 같은데", 3_000_000),
    ("한달에삼사십만원", 4_200_000),
    ("한달에이삼십만원이면될까요", 3_000_000),
])
def test_spoken_budget_ranges(text: str, value: int) -> None:
    setter = next(c for c in read("costs.it_budget_krw_per_year", text) if isinstance(c, SetSlot))
    assert (setter.value, setter.note) == (value, "range")


@pytest.mark.parametrize("text", [
    "몇 년 전에 스마트공장 깔았는데 그 업체가 없어져서 봐줄 데가 없는 것 같아요",
    "요즘 주문이 없어서 큰일이에요",
])
def test_a_none_about_something_else_is_not_the_headcount(text: str) -> None:
    assert "company.employees" not in values(read("company.employees", text))


@pytest.mark.parametrize(("text", "slot", "value"), [
    ("아 매출이요 180억 아니고 210억이에요 제가 재작년 걸 보고 말했네요", "company.annual_revenue_krw", 21_000_000_000),
    ("oh and correction on headcount - i said 70 but it's 62 now", "company.employees", 62),
    ("아까 직원 12명이라고 했는데 실은 15명이에요", "company.employees", 15),
])
def test_a_correction_reads_on_to_the_new_value(text: str, slot: str, value: Any) -> None:
    commands = read("consent", text, answered={"company.employees": 12, "company.annual_revenue_krw": 18_000_000_000})
    corrections = [c for c in commands if isinstance(c, CorrectSlot)]
    assert [(c.slot, c.value) for c in corrections] == [(slot, value)]


@pytest.mark.parametrize("text", [
    "보안은 그동안 손을 대지 못했습니다", "보안은 신경을 못 썼어요", "보안 쪽은 챙기지 못했고요",
])
def test_effort_not_made_is_level_zero_read_back(text: str) -> None:
    setter = next(c for c in read("readiness.security", text) if isinstance(c, SetSlot))
    assert setter.value == 0 and setter.confidence < 0.7


@pytest.mark.parametrize(("slot", "text"), [
    ("readiness.ai", "아직 업무에 AI를 활용하지는 못하고 있는데, 검사에 적용해 보고 싶은 마음은 있어요"),
    ("readiness.ai", "Not yet. I'd kind of like to try AI for drafts, but I'm not sure"),
    ("readiness.cloud", "클라우드는 아직 도입하지 못했는데 백업용으로 써 보고 싶긴 해요"),
    ("readiness.cloud", "not yet, but we'd love to try it for backups"),
])
def test_not_yet_with_a_wish_is_considering(slot: str, text: str) -> None:
    assert values(read(slot, text))[slot] == 1


@pytest.mark.parametrize(("slot", "text"), [
    ("staffing.digital_skills", "박람회 참가비는 보통 얼마나 해요? 아 직원들이요? 젊은 직원이 많아서 잘 다루는 편이에요"),
    ("staffing.digital_skills", "전시회 비용은 보통 얼마나 드나요? 저희 직원들은 컴퓨터 잘 다뤄요"),
])
def test_a_side_question_next_to_the_answer_does_not_colour_it(slot: str, text: str) -> None:
    commands = read(slot, text)
    assert values(commands)[slot] == "high"
    assert any(isinstance(c, SideQuestion) for c in commands)
    assert not any(isinstance(c, CorrectSlot) for c in commands)


@pytest.mark.parametrize("text", ["급한 돈이요, 월급 막을 돈", "급한 자금이 필요해요", "지금 당장 급한 불부터 꺼야 해요"])
def test_urgent_money_is_an_emergency(text: str) -> None:
    assert values(read("costs.funding_need", text))["costs.funding_need"] == "emergency"


# Round two of the shared layer: refusals of interest, unspaced negation, "not yet but
# wished", restated and English headcounts, rates and ranges typed in chat, one fix per slot.

@pytest.mark.parametrize(("slot", "text", "value"), [
    ("readiness.ai", "AI는 안 할 거예요. 요즘 다들 AI 얘기하는데 저흰 관심 없어요", 0),
    ("readiness.blockchain", "블록체인 같은 건 저희 업종이랑 상관없다고 봐요, 관심이 없습니다", 0),
    ("readiness.security", "보안쪽은전혀신경못쓰고있어요", 0),
    ("readiness.cloud", "클라우드 써 보고 싶긴 한데 아직 안 써요", 1),
    ("readiness.ai", "챗봇 도입해 보자는 얘기만 나왔고 아직 시작은 안 했어요", 1),
    ("needs.urgency", "급하진 않고요 천천히 알아보려고요", "exploring"),
    ("needs.urgency", "within the next couple months", "within_3_months"),
    ("costs.funding_need", "돈은 됐어요, 빚 더 지기 싫어요", "none"),
    ("costs.funding_need", "수출 시작하려면 자금이 좀 필요해요", "growth_investment"),
    ("remote.status", "영업팀만일주일에이틀재택하고나머지는출근해요", "partial"),
    ("remote.status", "전부 재택은 아니고 주에 한 번 나와요", "partial"),
    ("remote.interest", "지금도 괜찮아요, 바꿀 생각은 없어요", False),
    ("remote.interest", "honestly we're happy the way things are", False),
    ("staffing.it_staff", "전산 담당은 zero, 그냥 제가 봐요", 0),
    ("staffing.it_staff", "전산하는직원세명있어요", 3),
    ("costs.it_budget_krw_per_year", "about 300k/month", 3_600_000),
    ("company.annual_revenue_krw", "칠억에서구억사이쯤돼요", 800_000_000),
    ("readiness.data", "all our jobs live in the booking management system", 3),
])
def test_round_two_readings(slot: str, text: str, value: Any) -> None:
    assert values(read(slot, text)).get(slot) == value


@pytest.mark.parametrize(("text", "value"), [
    ("한 열두 명? 네 열두 명 맞아요", 12),
    ("It's the two of us, my husband and me", 2),
    ("12 drivers, 3 in the office, plus me", 16),
    ("roughly 40-50 if you count the seasonal crew", 45),
    ("지금은 딱 넷이에요. 바쁠 땐 여덟 명까지 썼는데", 4),
    ("about 90 staff, including around 20 engineers", 90),
    ("총 30명이고 그중 현장이 22명이에요", 30),
])
def test_round_two_headcounts(text: str, value: int) -> None:
    assert values(read("company.employees", text))["company.employees"] == value


def test_a_fix_with_its_reason_is_one_correction_of_the_marked_value() -> None:
    commands = read("consent", "직원 수 다섯 명 말고 여섯 명으로 고쳐 주세요, 한 명 새로 들어왔어요",
                    answered={"company.employees": 5})
    fixes = [c for c in commands if isinstance(c, CorrectSlot)]
    assert [(c.slot, c.value) for c in fixes] == [("company.employees", 6)]


def test_a_misspelt_button_label_is_the_button() -> None:
    assert any(isinstance(c, DontKnow) for c in read("readiness.security", "몰름"))


@pytest.mark.parametrize(("slot", "text", "value"), [
    ("company.employees", "엔지니어 위주로 45명쯤 돼요", 45),
    ("staffing.it_staff", "컴퓨터 잘 아는 직원은 없어요, 조카가 가끔 봐줘요", 0),
    ("company.industry", "부산에서 SW 개발 외주 받아요", "it_software"),
    ("readiness.cloud", "주문은 구글 시트로 받고 견적서는 드라이브에 올려요", 3),
    ("readiness.data", "입출고는 공책에 적어 둬요", 0),
    ("readiness.blockchain", "NFT 하자는 말은 있었는데 결국 안 하기로 했어요", 0),
    ("company.industry", "장기 렌터카랑 캠핑카 대여를 해요", "services"),
    ("company.industry", "요양원을 운영하고 있어요", "healthcare_bio"),
])
def test_round_two_routing(slot: str, text: str, value: Any) -> None:
    assert values(read(slot, text)).get(slot) == value


def test_a_dont_know_said_as_a_noun_after_other_talk_is_a_dont_know() -> None:
    commands = read("costs.it_budget_krw_per_year", "요즘 쿠팡에서 월 300만 원어치 팔아요. IT 예산은.. 모름")
    assert any(isinstance(c, DontKnow) and c.slot == "costs.it_budget_krw_per_year" for c in commands)


@pytest.mark.parametrize("text", ["안녕하세요~", "hi there!", "반갑습니다 ㅎㅎ"])
def test_a_bare_greeting_is_greeted_back_not_misread(text: str) -> None:
    commands = read("company.industry", text)
    assert [type(c) for c in commands] == [SideQuestion]


def test_trying_to_switch_is_no_correction() -> None:
    commands = read("company.region", "계약서를 전자계약으로 바꿔 볼까 생각 중이에요", answered={"readiness.blockchain": 0})
    assert not any(isinstance(c, CorrectSlot) for c in commands)


def test_an_ordinal_is_no_count() -> None:
    commands = read("staffing.hiring_difficulty", "yes. oh and the headcount was wrong, it's 35 not 30, forgot our 3rd site",
                    answered={"company.employees": 30})
    assert [(c.slot, c.value) for c in commands if isinstance(c, CorrectSlot)] == [("company.employees", 35)]


def test_a_plan_for_later_is_not_how_they_work_now() -> None:
    commands = read("company.industry", "혼자 앱 만들어요. 나중에 사람 뽑으면 재택으로 일하게 하려고요")
    assert "remote.status" not in values(commands)
