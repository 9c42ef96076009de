from datetime import date

import pytest

from assistant.understanding.extract import extract_slots

TODAY = date(2025, 6, 1)
Facts = dict[str, int | str | bool | list[str]]


def facts(text: str) -> Facts:
    return {e.slot: e.value for e in extract_slots(text, TODAY)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("대전에서 직원 25명으로 금형 만드는 회사입니다",
         {"company.region": "daejeon", "company.employees": 25, "company.industry": "manufacturing"}),
        ("창원에서 용접 공장 합니다. 직원25명, 연매출 50억",
         {"company.region": "gyeongnam", "company.employees": 25, "company.industry": "manufacturing",
          "company.annual_revenue_krw": 5_000_000_000}),
        ("2015년에 창업했고 매출 30억 정도예요. IT 예산은 월 100만원",
         {"company.founded_year": 2015, "company.annual_revenue_krw": 3_000_000_000,
          "costs.it_budget_krw_per_year": 12_000_000}),
        ("전산 담당 1명 있고 직원은 42명", {"company.employees": 42, "staffing.it_staff": 1}),
        ("직원 10명 중 개발자 2명", {"company.employees": 10, "staffing.it_staff": 2}),
        ("IT 담당자는 없어요", {"staffing.it_staff": 0}),
        ("IT는 외주 줘요. 전산 담당은 따로 없어요", {"staffing.it_staff": 0}),
        ("우리 회사는 직원이 한 50명 되고 전산실에 2명 있어요", {"company.employees": 50, "staffing.it_staff": 2}),
        ("Hi, we're a 12-person SaaS startup based in Pangyo, founded 2021.",
         {"company.employees": 12, "company.industry": "it_software", "company.region": "gyeonggi",
          "company.founded_year": 2021}),
        ("광주광역시 광산구에서 금형 제작 20년째 하고 있습니다",
         {"company.region": "gwangju", "company.industry": "manufacturing", "company.founded_year": 2006}),
        ("직원이 10명인데 개발자는 없어요", {"company.employees": 10, "staffing.it_staff": 0}),
        ("아직 사업자 등록 전이에요", {"company.stage": "pre_founder"}),
        ("예비창업자인데 서울에서 앱 개발하려고요",
         {"company.stage": "pre_founder", "company.region": "seoul", "company.industry": "it_software"}),
        ("설립 5년차 스타트업이고 판교에 있어요", {"company.founded_year": 2021, "company.region": "gyeonggi"}),
        ("(주)한빛정밀이고 연락처는 010-1234-5678, hanbit@example.com",
         {"company.name": "한빛정밀", "contact.phone": "010-1234-5678", "contact.email": "hanbit@example.com"}),
        ("재택은 안 해요", {"remote.status": "none"}),
        ("일부 직원만 주 1회 재택해요", {"remote.status": "partial"}),
        ("저 혼자 쇼핑몰 운영해요", {"company.employees": 1, "company.industry": "retail_ecommerce"}),
        ("직원은 없고 저 혼자예요", {"company.employees": 1}),
        ("우리 부부 둘이서 카페 해요", {"company.employees": 2, "company.industry": "food_service"}),
        ("예산은 없어요", {"costs.it_budget_krw_per_year": 0}),
        ("월매출 1억 정도 나와요", {"company.annual_revenue_krw": 1_200_000_000}),
        ("예산은 100만원, 매출은 아직 없어요",
         {"costs.it_budget_krw_per_year": 1_000_000, "company.annual_revenue_krw": 0}),
        ("30억 매출에 IT 예산은 월 100만원",
         {"company.annual_revenue_krw": 3_000_000_000, "costs.it_budget_krw_per_year": 12_000_000}),
        ("We are a software company in Seoul with about 30 employees and two IT people",
         {"company.region": "seoul", "company.employees": 30, "staffing.it_staff": 2,
          "company.industry": "it_software"}),
        ("Our IT budget is about 2 million won a month", {"costs.it_budget_krw_per_year": 24_000_000}),
        ("founded in 2012, annual revenue 3 billion won",
         {"company.founded_year": 2012, "company.annual_revenue_krw": 3_000_000_000}),
        ("부산 해운대에서 횟집 하는데 직원은 다섯 명이에요",
         {"company.region": "busan", "company.industry": "food_service", "company.employees": 5}),
        ("경기 광주에서 물류창고 운영, 30명", {"company.region": "gyeonggi", "company.industry": "logistics",
                                     "company.employees": 30}),
    ],
)
def test_extracts_every_stated_fact(text: str, expected: Facts) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "직원 교육이 필요해요",
        "고객 100명",
        "스마트공장 도입하고 싶어요",
        "42",
        "2023년 계획을 세우고 있어요",
        "네",
        "잘 모르겠어요",
        "",
        "경기가 어려워서 걱정이에요",
        "예산 문제가 커요",
        "개발자들이 재택 안되면 안온다고 해서요",
        "재택근무 제대로 하고싶은데 보안이 걱정이에요",
    ],
)
def test_no_cue_no_fact(text: str) -> None:
    assert facts(text) == {}


def test_extraction_records_method_and_span() -> None:
    by_slot = {e.slot: e for e in extract_slots("대전에서 직원 25명으로 금형 만드는 회사입니다", TODAY)}
    assert by_slot["company.employees"].matched == "25명"
    assert by_slot["company.region"].method == "rule:region"
    assert by_slot["company.industry"].matched == "금형"


def test_phone_digits_are_not_counts_or_money() -> None:
    assert facts("연락처 010-2345-6789 입니다") == {"contact.phone": "010-2345-6789"}


@pytest.mark.parametrize(
    ("text", "employees"),
    [("서울 IT 회사 직원 10명", 10), ("소프트웨어 업체인데 직원이 7명이에요", 7), ("We're a software company with 12 staff", 12)],
)
def test_it_describing_the_firm_does_not_make_staff_it_staff(text: str, employees: int) -> None:
    found = {e.slot: e.value for e in extract_slots(text)}
    assert found.get("company.employees") == employees
    assert "staffing.it_staff" not in found
