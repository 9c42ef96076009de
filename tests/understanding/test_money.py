import pytest

from assistant.understanding.money import find_amounts, parse_krw, parse_krw_per_year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("월 50만원", 6_000_000),
        ("월50만원", 6_000_000),
        ("연 600만원", 6_000_000),
        ("천만원", 10_000_000),
        ("천만 원이요", 10_000_000),
        ("2천5백만원", 25_000_000),
        ("1억 5천", 150_000_000),
        ("1억5천", 150_000_000),
        ("1억 5000", 150_000_000),
        ("1.5억", 150_000_000),
        ("0원이요", 0),
        ("거의 없어요", 0),
        ("없어요", 0),
        ("돈 쓸 여유가 없어요", 0),
        ("한 푼도 못 써요", 0),
        ("1,200,000 won per month", 14_400_000),
        ("about 50 million won a year", 50_000_000),
        ("한 달에 30만 원", 3_600_000),
        ("한달에 30만원", 3_600_000),
        ("매달 100만", 12_000_000),
        ("매월 100만원 정도", 12_000_000),
        ("1년에 2천만원 정도요", 20_000_000),
        ("일 년에 이천만 원", 20_000_000),
        ("50만원씩 매월", 6_000_000),
        ("50만원/월", 6_000_000),
        ("연간 3천만원", 30_000_000),
        ("연 2천 정도", 20_000_000),  # 만 dropped in speech
        ("월 5백", 60_000_000),
        ("50~100만원", 750_000),
        ("월 30~50만원", 4_800_000),
        ("3천만원에서 5천만원 사이", 40_000_000),
        ("분기에 300만원", 12_000_000),
        ("₩500,000 a month", 6_000_000),
        ("KRW 5M per month", 60_000_000),
        ("about 2 million won monthly", 24_000_000),
        ("we have no budget", 0),
        ("zero", 0),
        ("100만원이요", 1_000_000),
        ("월 100 정도", 12_000_000),
        ("1년에 500", 5_000_000),
        ("한 달에 오십만 원", 6_000_000),
        ("월 20~30 정도", 3_000_000),
    ],
)
def test_krw_per_year(text: str, expected: int) -> None:
    assert parse_krw_per_year(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "잘 모르겠어요",
        "정해진 건 없어요",
        "생각해 본 적 없어요",
        "글쎄요",
        "많이는 못 쓸 것 같아요 모르겠어요",
        "2015년에 창업했어요",
        "직원 3명",
        "몇백만원 정도?",
        "$500",
        "",
        "50",
        "월 3회 정도",
        "1년에 2번",
    ],
)
def test_no_amount(text: str) -> None:
    assert parse_krw_per_year(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("매출 30억", 3_000_000_000),
        ("연매출 5억 정도", 500_000_000),
        ("annual revenue about 2 billion won", 2_000_000_000),
        ("작년 매출은 12억 3천만원", 1_230_000_000),
        ("3억5천", 350_000_000),
        ("월 50만원", 500_000),  # no period applied
        ("매출 없어요", 0),
        ("1,500,000,000원", 1_500_000_000),
        ("50억대", 5_000_000_000),
    ],
)
def test_krw_as_written(text: str, expected: int) -> None:
    assert parse_krw(text) == expected


def test_each_amount_takes_its_nearest_period() -> None:
    amounts = find_amounts("연매출 10억, IT 예산은 월 100만원")
    assert [(a.won, a.per_year) for a in amounts] == [(1_000_000_000, 1_000_000_000), (1_000_000, 12_000_000)]


def test_amounts_keep_their_text() -> None:
    (amount,) = find_amounts("예산은 2천5백만원 정도")
    assert amount.matched == "2천5백만원"


@pytest.mark.parametrize(("text", "expected"), [
    ("한 달 20에서 30 정도", 3_000_000), ("월 40 내지 60", 6_000_000), ("매달 10~20", 1_800_000),
    ("연 100에서 200", 1_500_000), ("한달에 삼사십만원", 4_200_000), ("월 이삼십만 원", 3_000_000),
])
def test_spoken_ranges_take_the_midpoint(text: str, expected: int) -> None:
    assert parse_krw_per_year(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("재작년엔 12억이었는데 올해는 7 정도", [1_200_000_000, 700_000_000]),
    ("작년 매출 3억 5천, 올해는 4", [350_000_000, 400_000_000]),
    ("last yr ~9 bil won, this yr tracking closer to 11", [9_000_000_000, 11_000_000_000]),
    ("예전엔 월 80만원 썼고 요즘은 50", [800_000, 500_000]),
    ("we did 2 billion last year, now maybe 3", [2_000_000_000, 3_000_000_000]),
])
def test_a_bare_figure_for_another_time_takes_the_unit_before_it(text: str, expected: list[int]) -> None:
    assert [a.won for a in find_amounts(text)] == expected


@pytest.mark.parametrize("text", [
    "월 50만원, 지금은 직원 3명", "매출 20억, 지금 5년째예요", "예산은 월 50만원이고 지금 2", "2천만원 작년, 올해는 3",
    "매출 12억 원이고 3",
])
def test_a_bare_figure_that_is_not_the_same_kind_stays_unread(text: str) -> None:
    assert len(find_amounts(text)) == 1
