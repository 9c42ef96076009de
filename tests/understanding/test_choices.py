from collections.abc import Callable

import pytest

from assistant.understanding.choices import (
    parse_digital_skills,
    parse_funding_need,
    parse_hiring_difficulty,
    parse_remote_status,
    parse_support_types,
    parse_urgency,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("운영자금", "operating"), ("운영자금이 필요해요", "operating"), ("월급 줄 돈이 모자라요", "operating"),
        ("인건비가 부족해요", "operating"), ("we need working capital", "operating"), ("payroll is tight", "operating"),
        ("설비 투자", "growth_investment"), ("공장 확장하려고요", "growth_investment"), ("새 장비 구입", "growth_investment"),
        ("new equipment", "growth_investment"), ("새 기계 들이려고요", "growth_investment"), ("to expand into new markets", "growth_investment"),
        ("당장 부도 위기예요", "emergency"), ("급해요", "emergency"), ("연체가 쌓였어요", "emergency"),
        ("it's an emergency", "emergency"), ("We are fine, no funding needed", "none"), ("자금은 필요 없어요", "none"), ("필요 없어요", "none"),
        ("no, we don't need money", "none"), ("돈은 충분해요", "none"),
    ],
)
def test_funding_need(text: str, expected: str) -> None:
    assert parse_funding_need(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("잘 못해요", "low"), ("컴맹이에요", "low"), ("나이 드신 분들이 많아서 어려워해요", "low"), ("very basic", "low"),
        ("basic", "medium"),
        ("낮은 편", "low"), ("하", "low"), ("보통이에요", "medium"), ("엑셀 정도는 해요", "medium"), ("중", "medium"),
        ("그럭저럭", "medium"), ("average", "medium"), ("잘 다뤄요", "high"), ("능숙해요", "high"), ("상", "high"),
        ("pretty good", "high"), ("젊은 직원은 잘하는데 나이 드신 분들은 어려워해요", "medium"), ("very tech savvy", "high"), ("젊은 직원이 많아서 잘 해요", "high"),
    ],
)
def test_digital_skills(text: str, expected: str) -> None:
    assert parse_digital_skills(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("재택은 안 해요", "none"), ("다 출근해요", "none"), ("재택근무 없어요", "none"), ("no remote work", "none"),
        ("everyone is on-site", "none"), ("Nobody works remotely", "none"), ("일부만 주 1회 재택", "partial"), ("하이브리드", "partial"),
        ("필요할 때만 재택해요", "partial"), ("재택 가능해요", "partial"), ("hybrid, twice a week", "partial"),
        ("현장 업무라 불가능해요", "none"), ("다들 출근합니다", "none"), ("No, everyone comes to the office", "none"),
        ("코로나 때 했다가 지금은 안 해요", "none"), ("일부만 재택하고 나머지는 안 해요", "partial"),
        ("전원 원격", "full"), ("사무실 없이 다 재택", "full"), ("we are fully remote", "full"), ("100% 재택", "full"),
    ],
)
def test_remote_status(text: str, expected: str) -> None:
    assert parse_remote_status(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("당장", "within_1_month"), ("이번 달", "within_1_month"), ("지금 바로요", "within_1_month"),
        ("ASAP", "within_1_month"), ("as soon as possible", "within_1_month"), ("next month", "within_1_month"), ("3개월 안에", "within_3_months"),
        ("두세 달 안에", "within_3_months"), ("soon", "within_3_months"), ("조만간요", "within_3_months"),
        ("올해 안에", "within_1_year"), ("1년 안", "within_1_year"), ("연내", "within_1_year"),
        ("within a year", "within_1_year"), ("6개월 정도", "within_1_year"), ("그냥 알아보는 중", "exploring"),
        ("급하지 않아요", "exploring"), ("just exploring", "exploring"), ("no rush", "exploring"),
        ("당장은 아니고 3개월 안에", "within_3_months"),
    ],
)
def test_urgency(text: str, expected: str) -> None:
    assert parse_urgency(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("자금이랑 멘토링이요", ["funding", "mentoring"]),
        ("교육", ["training"]),
        ("수출 지원", ["export"]),
        ("규제 문제", ["regulation"]),
        ("사무실 공간", ["space"]),
        ("솔루션 도입", ["solution"]),
        ("기술 지원", ["technology"]),
        ("컨설팅", ["consulting"]),
        ("자금은 필요 없고 멘토링만", ["mentoring"]),
        ("자금 말고 컨설팅", ["consulting"]),
        ("funding and training", ["funding", "training"]),
        ("export support and mentoring", ["export", "mentoring"]),
        ("정책자금, 해외 진출, 직원 교육", ["funding", "export", "training"]),
        ("규제랑 기술이요", ["regulation", "technology"]),
    ],
)
def test_support_types(text: str, expected: list[str]) -> None:
    assert parse_support_types(text) == expected


def test_support_types_none_found() -> None:
    assert parse_support_types("잘 모르겠어요") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("네 너무 힘들어요", True), ("사람 구하기 어려워요", True), ("사람이 없어요", True), ("yes", True),
        ("개발자를 못 구해요", True), ("젊은 직원들이 들어와도 금방 나가요", True), ("it's hard to find people", True), ("아니요 괜찮아요", False),
        ("별로 어렵지 않아요", False), ("not really", False), ("잘 구해져요", False), ("no problem", False),
    ],
)
def test_hiring_difficulty(text: str, expected: bool) -> None:
    assert parse_hiring_difficulty(text) is expected


@pytest.mark.parametrize(
    "parser", [parse_funding_need, parse_digital_skills, parse_remote_status, parse_urgency, parse_hiring_difficulty]
)
def test_no_choice_in_noise(parser: Callable[[str], object]) -> None:
    assert parser("음...") is None
