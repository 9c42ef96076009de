from datetime import date

import pytest

from assistant.understanding import SLOT_IDS, parse_answer

TODAY = date(2025, 6, 1)

# contracts.md §1, in its order.
CONTRACT_SLOTS = (
    "company.name", "company.industry", "company.region", "company.employees", "company.annual_revenue_krw",
    "company.founded_year", "costs.it_budget_krw_per_year", "costs.pressures", "costs.funding_need",
    "staffing.it_staff", "staffing.digital_skills", "staffing.hiring_difficulty", "remote.status", "remote.interest",
    "readiness.cloud", "readiness.ai", "readiness.blockchain", "readiness.data", "readiness.security", "needs.goals",
    "needs.support_types", "needs.urgency", "contact.name", "contact.email", "contact.phone", "consent.privacy",
)


def test_every_contract_slot_has_a_parser() -> None:
    assert set(SLOT_IDS) == set(CONTRACT_SLOTS)


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        ("company.name", "(주)한빛정밀입니다", "한빛정밀"),
        ("company.name", "한빛정밀", "한빛정밀"),
        ("company.industry", "금형 만들어요", "manufacturing"),
        ("company.industry", "장례식장 운영합니다", "other"),
        ("company.region", "경남 창원이요", "gyeongnam"),
        ("company.employees", "직원25명", 25),
        ("company.employees", "저 혼자예요", 1),
        ("company.annual_revenue_krw", "30억 정도", 3_000_000_000),
        ("company.annual_revenue_krw", "월 매출 1억", 1_200_000_000),
        ("company.founded_year", "2015년이요", 2015),
        ("costs.it_budget_krw_per_year", "1년에 2천만원 정도요", 20_000_000),
        ("costs.it_budget_krw_per_year", "월50만원", 6_000_000),
        ("costs.it_budget_krw_per_year", "돈 쓸 여유가 없어요", 0),
        ("costs.pressures", "  인건비가 제일 부담돼요 ", "인건비가 제일 부담돼요"),
        ("costs.funding_need", "설비 투자 자금이요", "growth_investment"),
        ("staffing.it_staff", "IT 담당자는 없어요", 0),
        ("staffing.it_staff", "전산 담당 1명", 1),
        ("staffing.digital_skills", "보통이에요", "medium"),
        ("staffing.hiring_difficulty", "사람 구하기 너무 힘들어요", True),
        ("remote.status", "재택은 안 해요", "none"),
        ("remote.interest", "관심 있어요", True),
        ("remote.interest", "필요 없어요", False),
        ("readiness.cloud", "AWS를 일부 서비스에 써요", 3),
        ("readiness.ai", "전혀 몰라요", 0),
        ("readiness.blockchain", "관심 없어요", 0),
        ("readiness.data", "엑셀로 각자 관리해요", 1),
        ("readiness.security", "백신 정도만", 2),
        ("needs.goals", "스마트공장을 도입하고 싶어요", "스마트공장을 도입하고 싶어요"),
        ("needs.support_types", "자금이랑 멘토링이요", ["funding", "mentoring"]),
        ("needs.urgency", "3개월 안에", "within_3_months"),
        ("contact.name", "홍길동입니다", "홍길동"),
        ("contact.email", "hanbit@example.com 이에요", "hanbit@example.com"),
        ("contact.phone", "010 1234 5678", "010-1234-5678"),
        ("consent.privacy", "네, 동의합니다", True),
        ("consent.privacy", "Yes, I agree", True),
        ("consent.privacy", "동의하지 않습니다", False),
        ("consent", "네, 동의합니다", True),
    ],
)
def test_parse_answer(slot: str, text: str, expected: object) -> None:
    parsed = parse_answer(slot, text, TODAY)
    assert parsed is not None
    assert parsed.value == expected


@pytest.mark.parametrize(
    "slot", [s for s in CONTRACT_SLOTS if s not in {"readiness.ai"}]
)
@pytest.mark.parametrize("text", ["잘 모르겠어요", "I don't know", "패스", "이전으로", "", "   "])
def test_non_answers_give_nothing(slot: str, text: str) -> None:
    assert parse_answer(slot, text, TODAY) is None


@pytest.mark.parametrize(
    ("slot", "text"),
    [
        ("contact.email", "메일은 없어요"),
        ("contact.phone", "전화는 싫어요"),
        ("company.employees", "꽤 많아요"),
        ("costs.it_budget_krw_per_year", "적당히요"),
        ("company.region", "시골이에요"),
        ("needs.support_types", "아무거나요"),
        ("readiness.cloud", "음"),
    ],
)
def test_unparsable_answers_give_nothing(slot: str, text: str) -> None:
    assert parse_answer(slot, text, TODAY) is None


def test_pre_founder_answer_fills_company_stage() -> None:
    parsed = parse_answer("company.founded_year", "아직 사업자 등록 전이에요", TODAY)
    assert parsed is not None
    assert (parsed.slot, parsed.value, parsed.method) == ("company.stage", "pre_founder", "rule:pre_founder")


def test_answer_carries_method_span_and_confidence() -> None:
    parsed = parse_answer("costs.it_budget_krw_per_year", "IT 예산은 월 100만원이요", TODAY)
    assert parsed is not None
    assert (parsed.slot, parsed.value, parsed.method, parsed.matched) == (
        "costs.it_budget_krw_per_year", 12_000_000, "rule:money", "100만원"
    )
    assert 0 < parsed.confidence <= 1


def test_unknown_slot_is_an_error() -> None:
    with pytest.raises(KeyError):
        parse_answer("company.colour", "blue")


@pytest.mark.parametrize("text", [
    "전기요금이랑 스팀, 폐수 처리비요. 글쎄요 다 부담이죠", "인건비요, 글쎄 뭐 다 오르니까요",
    "재료비가 제일 커요. 나머지는 잘 모르겠어요",
])
def test_free_text_with_a_hedge_beside_it_is_kept(text: str) -> None:
    parsed = parse_answer("costs.pressures", text)
    assert parsed is not None and parsed.value == text


@pytest.mark.parametrize("text", ["잘 모르겠어요", "글쎄요", "글쎄요, 잘 모르겠네요", "I don't know"])
def test_free_text_that_is_only_a_dont_know_is_none(text: str) -> None:
    assert parse_answer("costs.pressures", text) is None
