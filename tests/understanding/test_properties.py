"""Properties over generated text: no parser raises on anything an owner might type, and
the arithmetic of amounts and counts holds for every number."""

from collections.abc import Callable
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.understanding import SLOT_IDS, detect_correction, extract_slots, parse_answer, parse_level
from assistant.understanding.choices import (
    parse_digital_skills,
    parse_funding_need,
    parse_hiring_difficulty,
    parse_remote_status,
    parse_support_types,
    parse_urgency,
)
from assistant.understanding.counts import parse_count, parse_it_staff
from assistant.understanding.founding import parse_founded_year
from assistant.understanding.industries import parse_industry
from assistant.understanding.money import parse_krw, parse_krw_per_year
from assistant.understanding.numbers import find_numbers
from assistant.understanding.regions import parse_region
from assistant.understanding.yesno import is_back, is_dont_know, is_skip, parse_yes_no
from knowledge.vocabulary import Region

# Hangul syllables, compatibility jamo, digits, Latin and punctuation, mixed with the
# words the parsers look for, so generated text reaches deep into the rules.
_KOREAN = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
_JAMO = st.characters(min_codepoint=0x3131, max_codepoint=0x318E)
_WORDS = st.sampled_from(
    ["만", "억", "천", "원", "명", "월", "연", "직원", "없어요", "네", "아니요", "서울", "광주", "경기", "재택", "일부",
     "ERP", "IT", "1억 5천", "두", "열", "년차", "(주)", "~", " ", "-", ",", "010", "@", "아니라", "정정", "매출", "예산"]
)
TEXT = st.lists(st.one_of(st.text(max_size=6), _KOREAN, _JAMO, _WORDS, st.integers(0, 10**12).map(str)),
                max_size=12).map("".join)
ANY_TEXT = st.one_of(st.text(), TEXT)

PARSERS: list[Callable[[str], object]] = [
    parse_krw_per_year, parse_krw, parse_count, parse_it_staff, parse_region, parse_industry, parse_yes_no,
    is_dont_know, is_skip, is_back, parse_funding_need, parse_digital_skills, parse_remote_status, parse_urgency,
    parse_support_types, parse_hiring_difficulty, find_numbers, detect_correction, parse_founded_year,
    extract_slots,
]


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_no_parser_raises(text: str) -> None:
    for parser in PARSERS:
        parser(text)
    for dimension in ("cloud", "ai", "blockchain", "data", "security"):
        parse_level(dimension, text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SLOT_IDS), ANY_TEXT)
def test_parse_answer_never_raises_and_fills_a_slot(slot: str, text: str) -> None:
    parsed = parse_answer(slot, text, date(2025, 6, 1))
    assert parsed is None or parsed.slot in {slot, "company.stage"}


@given(st.integers(1, 99_999))
def test_monthly_man_won_is_twelve_times(n: int) -> None:
    assert parse_krw_per_year(f"월 {n}만원") == n * 10_000 * 12
    assert parse_krw_per_year(f"월{n}만원") == n * 10_000 * 12
    assert parse_krw_per_year(f"매달 {n}만 원") == n * 10_000 * 12


@given(st.integers(1, 99_999))
def test_yearly_man_won(n: int) -> None:
    assert parse_krw_per_year(f"연 {n}만원") == n * 10_000
    assert parse_krw_per_year(f"1년에 {n}만원 정도요") == n * 10_000


@given(st.integers(0, 10**13))
def test_digits_with_won(n: int) -> None:
    assert parse_krw(f"{n:,}원") == n
    assert parse_krw(f"{n}원") == n


@given(st.integers(1, 9999), st.integers(1, 9))
def test_eok_then_cheon_means_cheon_man(eok: int, cheon: int) -> None:
    assert parse_krw(f"{eok}억 {cheon}천") == eok * 10**8 + cheon * 10**7


@given(st.integers(0, 100_000))
def test_employee_counts(n: int) -> None:
    assert parse_count(f"직원 {n}명") == n
    assert parse_count(f"직원{n}명이요") == n
    assert parse_count(f"{n} employees") == n


@given(st.sampled_from(list(Region)))
def test_region_names_round_trip_through_english(region: Region) -> None:
    english = {"seoul": "Seoul", "busan": "Busan", "daegu": "Daegu", "incheon": "Incheon", "gwangju": "Gwangju",
               "daejeon": "Daejeon", "ulsan": "Ulsan", "sejong": "Sejong", "gyeonggi": "Gyeonggi-do",
               "gangwon": "Gangwon", "chungbuk": "Chungcheongbuk-do", "chungnam": "Chungcheongnam-do",
               "jeonbuk": "Jeollabuk-do", "jeonnam": "Jeollanam-do", "gyeongbuk": "Gyeongsangbuk-do",
               "gyeongnam": "Gyeongsangnam-do", "jeju": "Jeju"}
    assert parse_region(f"We are in {english[region.value]}.") == region


@given(st.integers(0, 5))
def test_plain_digit_levels(level: int) -> None:
    for dimension in ("cloud", "data"):
        parsed = parse_level(dimension, f"{level}단계요")
        assert parsed is not None and parsed.level == level
