from decimal import Decimal

import pytest

from assistant.understanding.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        ("1,200,000", 1_200_000),
        ("천", 1000),
        ("2천5백", 2500),
        ("1억 5천", 100_005_000),  # literally; money applies the spoken 만 convention
        ("1억5천만", 150_000_000),
        ("삼십", 30),
        ("이천오백", 2500),
        ("두 명", 2),
        ("세명", 3),
        ("열다섯 명", 15),
        ("스무 명", 20),
        ("서른두 명", 32),
        ("둘이서", 2),
        ("two", 2),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("one hundred and twenty five", 125),
        ("a hundred", 100),
        ("1.5억", 150_000_000),
        ("3만5천", 35_000),
        ("3만 5천", 35_000),
        ("천만", 10_000_000),
        ("50 만", 500_000),
        ("1.2 million", 1_200_000),
        ("2 billion", 2_000_000_000),
        ("500k", 500_000),
        ("백만", 1_000_000),
        ("0", 0),
        ("１２", 12),
    ],
)
def test_first_number(text: str, expected: int) -> None:
    from assistant.understanding.text import normalize

    assert parse_number(normalize(text)) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "천안에 공장이 있어요",
        "만들어요",
        "제조업",
        "천천히 할게요",
        "대구경 파이프",
        "네, 맞아요",
        "세금이 많아요",
        "한국",
        "someone said",
        "ERP 써요",
        "이 회사는",
        "백화점",
        "만약에",
        "기억이 안 나요",
        "조금요",
        "인터넷",
    ],
)
def test_words_that_only_look_like_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_every_number_with_its_span() -> None:
    text = "직원25명, 월50만원"
    spans = find_numbers(text)
    assert [(text[s.start:s.end], s.value) for s in spans] == [("25", Decimal(25)), ("50만", Decimal(500_000))]


def test_two_amounts_separated_by_space_stay_apart() -> None:
    assert [s.value for s in find_numbers("매출 10억 3명")] == [Decimal(1_000_000_000), Decimal(3)]


def test_native_pair_is_the_value_between() -> None:
    assert parse_number("두세 명") == Decimal("2.5")


@pytest.mark.parametrize(("text", "expected"), [
    ("이삼십", 25), ("삼사십", 35), ("사오십", 45), ("일이백", 150), ("이삼백", 250), ("오륙천", 5500), ("칠팔십", 75),
    ("이삼만", 25_000), ("이삼억", 250_000_000), ("삼사십만", 350_000), ("팔구십억", 8_500_000_000),
])
def test_neighbouring_sino_digits_before_a_unit_are_a_range(text: str, expected: int) -> None:
    assert find_numbers(text)[0].value == expected


@pytest.mark.parametrize("text", ["이사했어요", "삼사 일", "사오 정도", "이삼", "오륙도", "일이 많아요"])
def test_neighbouring_sino_syllables_without_a_unit_are_words(text: str) -> None:
    assert all(n.value not in (Decimal("2.5"), Decimal("3.5"), Decimal("4.5"), Decimal("5.5"), Decimal("1.5"))
               for n in find_numbers(text))
