import pytest

from assistant.understanding.counts import find_counts, parse_count, parse_it_staff


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("직원 42명", 42),
        ("직원42명", 42),
        ("42명이요", 42),
        ("저 혼자예요", 1),
        ("혼자 해요", 1),
        ("1인 기업입니다", 1),
        ("한 명도 없어요", 0),
        ("아무도 없어요", 0),
        ("없어요", 0),
        ("none", 0),
        ("nobody", 0),
        ("No one, really", 0),
        ("두 명", 2),
        ("세명", 3),
        ("네 명이요", 4),
        ("열다섯 명", 15),
        ("스물다섯 명 정도", 25),
        ("two IT people", 2),
        ("about 30 employees", 30),
        ("we have twenty-five staff", 25),
        ("우리 부부 둘이서", 2),
        ("남편이랑 저 둘이 해요", 2),
        ("me and my wife", 2),
        ("just me", 1),
        ("20~30명", 25),
        ("30여 명", 30),
        ("30명 정도 돼요", 30),
        ("서른 명 남짓", 30),
        ("42", 42),
        ("약 30", 30),
        ("세 분이 계세요", 3),
        ("5인 사업장", 5),
        ("the two of us", 2),
        ("직원은 12명이고 파트타임 3명", 12),
        ("a 12-person team", 12),
        ("한 10명?", 10),
        ("사장 포함 4명", 4),
        ("around fifteen", 15),
        ("Just my partner and me", 2),
        ("about a dozen", 12),
    ],
)
def test_count(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    "text",
    ["잘 모르겠어요", "2015년에 창업", "월 50만원", "매출 30억", "", "글쎄요", "3년 됐어요"],
)
def test_no_count(text: str) -> None:
    assert parse_count(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("제가 겸직해요", 0),
        ("따로 없어요", 0),
        ("전담 인력은 없어요", 0),
        ("전산 담당 1명", 1),
        ("개발자 3명 있어요", 3),
        ("IT 담당자는 없어요", 0),
        ("one part-time IT guy", 0),
        ("IT는 외주 줘요", 0),
        ("we outsource it", 0),
    ],
)
def test_it_staff(text: str, expected: int) -> None:
    assert parse_it_staff(text) == expected


def test_counts_keep_spans() -> None:
    (count,) = find_counts("직원 25명으로 금형")
    assert (count.value, count.matched) == (25, "25명")


@pytest.mark.parametrize(("text", "expected"), [
    ("1 IT guy, full time", 1), ("We have an IT team of four.", 4), ("an IT team of 3", 3), ("just one IT person", 1),
    ("a crew of 12", 12), ("2 ppl in IT", 2),
])
def test_english_singular_counters_and_team_of_n(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", [
    "그 업체가 없어져서 고장 나도 봐줄 데가 없는 것 같아요", "스마트공장 깔았는데 유지보수해 줄 곳이 없어졌어요",
    "요즘 주문이 많이 없어서 걱정이에요", "시간이 없어서 제대로 알아보지도 못했어요",
])
def test_a_none_about_something_else_is_not_a_headcount(text: str) -> None:
    assert parse_count(text) is None


@pytest.mark.parametrize("text", ["없어요", "직원은 없어요", "사람 없어요", "no staff", "none"])
def test_a_none_about_people_is_zero(text: str) -> None:
    assert parse_count(text) == 0


@pytest.mark.parametrize("text", ["one part-time IT guy", "a part-time developer", "2 part-time IT people"])
def test_part_time_it_is_not_dedicated_staff(text: str) -> None:
    assert parse_it_staff(text) == 0
