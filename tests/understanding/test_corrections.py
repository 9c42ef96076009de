import pytest

from assistant.understanding.corrections import detect_correction


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("아 직원 수는 30명이에요", "company.employees", 30),
        ("아까 말한 예산 틀렸어요", "costs.it_budget_krw_per_year", None),
        ("정정할게요, 지역은 부산이에요", "company.region", "busan"),
        ("actually we have 30 employees", "company.employees", 30),
        ("I made a mistake about the budget", "costs.it_budget_krw_per_year", None),
        ("예산 월 50만원이 아니라 30만원이에요 정정할게요", "costs.it_budget_krw_per_year", 3_600_000),
        ("정정: 지역은 서울이 아니라 부산이에요", "company.region", "busan"),
        ("아 직원 20명이 아니라 30명이에요", "company.employees", 30),
        ("아 잘못 말했어요, 부산이에요", "company.region", "busan"),
        ("sorry, we are in Busan not Seoul", "company.region", "busan"),
        ("수정할게요 업종은 식당이에요", "company.industry", "food_service"),
        ("아까 매출 잘못 말했어요. 20억이에요", "company.annual_revenue_krw", 2_000_000_000),
        ("IT 담당은 사실 2명이에요", "staffing.it_staff", 2),
        ("이메일 바꿀게요 new@example.com", "contact.email", "new@example.com"),
        ("Correction: the company name is Hanbit Precision", "company.name", "Hanbit Precision"),
        ("실은 설립은 2018년이에요", "company.founded_year", 2018),
        ("actually our goals are different", None, None),
    ],
)
def test_correction(text: str, slot: str | None, value: object) -> None:
    correction = detect_correction(text)
    assert correction is not None
    assert (correction.slot, correction.value) == (slot, value)


@pytest.mark.parametrize(
    "text", ["직원 30명이에요", "부산이에요", "we have 30 employees", "네", "예산은 월 50만원", "아이티 담당 없어요"]
)
def test_not_a_correction(text: str) -> None:
    assert detect_correction(text) is None


@pytest.mark.parametrize(("text", "slot", "value"), [
    ("아까 직원 70명이라고 했는데 62명이에요", "company.employees", 62),
    ("correction on headcount - i said 70 but it's 62 now", "company.employees", 62),
    ("아까 매출 20억이라고 말씀드렸는데 25억이에요", "company.annual_revenue_krw", 2_500_000_000),
    ("실은 예산이요, 월 50 아니고 30이에요", "costs.it_budget_krw_per_year", 3_600_000),
])
def test_the_new_value_follows_what_was_said_before(text: str, slot: str, value: int) -> None:
    found = detect_correction(text)
    assert found is not None and found.slot == slot and found.value == value
