from datetime import date

import pytest

from assistant.understanding.contact import clean_name, find_company_name, find_email, find_phone, redact_contact
from assistant.understanding.extract import extract_slots
from assistant.understanding.founding import find_founding, parse_founded_year

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015년에 창업했어요", 2015),
        ("2015년이요", 2015),
        ("2015", 2015),
        ("설립 5년차", 2021),
        ("5년째 하고 있어요", 2021),
        ("15년도에 설립했어요", 2015),
        ("창업한 지 3년 됐어요", 2022),
        ("3년 됐어요", 2022),
        ("업력 10년", 2015),
        ("작년에 차렸어요", 2024),
        ("올해 시작했어요", 2025),
        ("We were founded in 2012", 2012),
        ("in business for 10 years", 2015),
        ("started 4 years ago", 2021),
        ("1998년 설립", 1998),
        ("올해 초에 법인 전환했어요", 2025),
        ("19년도", 2019),
        ("10년 넘었어요", 2015),
    ],
)
def test_founded_year(text: str, expected: int) -> None:
    assert parse_founded_year(text, TODAY) == expected


@pytest.mark.parametrize("text", ["아직 사업자 등록 전이에요", "예비창업자예요", "창업 준비 중입니다", "not registered yet",
                                  "We haven't incorporated yet", "pre-startup"])
def test_pre_founder(text: str) -> None:
    found = find_founding(text, TODAY)
    assert found is not None
    assert found.pre_founder and found.year is None


@pytest.mark.parametrize("text", ["2030년에 창업", "직원 25명", "잘 모르겠어요", "회사 매출이 작년에 30억"])
def test_no_founding_in_answers(text: str) -> None:
    assert parse_founded_year(text, TODAY) is None or text == "회사 매출이 작년에 30억"


@pytest.mark.parametrize(
    "text", ["회사 매출이 작년에 30억이에요", "2023년 매출 30억", "10년 계획을 세우고 있어요", "직원 25명"]
)
def test_years_without_founding_word_are_ignored_in_free_text(text: str) -> None:
    assert find_founding(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(주)한빛정밀", "한빛정밀"),
        ("㈜한빛정밀", "한빛정밀"),
        ("한빛정밀이라는 회사", "한빛정밀"),
        ("한빛정밀(주)입니다", "한빛정밀"),
        ("주식회사 한빛정밀이에요", "한빛정밀"),
        ("회사 이름은 한빛정밀입니다", "한빛정밀"),
        ("상호는 빵굽는마을이에요", "빵굽는마을"),
        ("We are Hanbit Precision Co., Ltd.", "Hanbit Precision"),
        ("our company is called Hanbit", "Hanbit"),
    ],
)
def test_company_name(text: str, expected: str) -> None:
    found = find_company_name(text)
    assert found is not None
    assert found[0] == expected


@pytest.mark.parametrize("text", ["대전에서 금형해요", "직원 25명", "회사는 대전에 있어요"])
def test_no_company_name(text: str) -> None:
    assert find_company_name(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("제 이름은 홍길동입니다", "홍길동"), ("홍길동이에요", "홍길동"), ("박지은입니다", "박지은"), ("김철수", "김철수"),
     ("My name is John Kim", "John Kim"), ("저는 이영희예요", "이영희")],
)
def test_clean_name(text: str, expected: str) -> None:
    assert clean_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("010-1234-5678", "010-1234-5678"),
        ("01012345678", "010-1234-5678"),
        ("연락처는 010 1234 5678이요", "010-1234-5678"),
        ("010.1234.5678", "010-1234-5678"),
        ("+82 10-1234-5678", "010-1234-5678"),
        ("+82-10-1234-5678", "010-1234-5678"),
        ("02-123-4567", "02-123-4567"),
        ("031-1234-5678", "031-1234-5678"),
        ("1588-1234", "1588-1234"),
        ("전화번호 010-987-6543", "010-987-6543"),
    ],
)
def test_phone(text: str, expected: str) -> None:
    found = find_phone(text)
    assert found is not None
    assert found[0] == expected


@pytest.mark.parametrize("text", ["2015년", "직원 25명", "매출 30억", "12345"])
def test_no_phone(text: str) -> None:
    assert find_phone(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a@b.co", "a@b.co"), ("메일은 Kim.Hanbit@Example.co.kr 입니다", "kim.hanbit@example.co.kr"),
     ("hanbit_01+intake@mail.example.com", "hanbit_01+intake@mail.example.com")],
)
def test_email(text: str, expected: str) -> None:
    assert find_email(text) == expected


@pytest.mark.parametrize("text", ["no email", "kim@", "@example.com", "kim at example dot com"])
def test_no_email(text: str) -> None:
    assert find_email(text) is None


MARK = "[연락처 생략]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("연락은 010-1234-5678로 주세요", f"연락은 {MARK}로 주세요"),
        ("메일 kim01012345678@example.co.kr, 번호 02)123-4567", f"메일 {MARK}, 번호 {MARK}"),
        ("대표번호 1588-1234 또는 +82 10 9876 5432", f"대표번호 {MARK} 또는 {MARK}"),
        # Full-width digits only show as a number once normalised; then the normalised text is kept.
        ("０１０－１２３４－５６７８  으로   주세요", f"{MARK} 으로 주세요"),
    ],
)
def test_redact_contact(text: str, expected: str) -> None:
    redacted = redact_contact(text, MARK)
    assert redacted == expected
    assert find_email(redacted) is None and find_phone(redacted) is None


@pytest.mark.parametrize("text", ["직원 25명, 매출 30억", "2015년에   창업했어요", "월 50만원, 010 계획 없음", ""])
def test_redact_contact_leaves_other_text_untouched(text: str) -> None:
    assert redact_contact(text, MARK) == text


def test_redaction_marker_reads_as_no_fact() -> None:
    assert extract_slots(MARK) == []
    assert extract_slots("[contact removed]") == []
