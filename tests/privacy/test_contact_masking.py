"""Contact details typed before consent never reach the stored conversation, whatever form the
owner types them in: any separator or spacing between the digit groups, digits as Korean
words, e-mail addresses with the @ and dots spelt out. Ordinary numbers (money, head-counts,
years, dates) stay as they were typed."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from application.runtime import Runtime
from assistant.events import UserUttered
from assistant.state import DialogueState
from assistant.understanding.contact import redact_contact
from prompts import load_prompts

MARK = load_prompts("ko").say.contact_marker
KOREAN_DIGITS = {"0": ("공", "영"), "1": ("일",), "2": ("이",), "3": ("삼",), "4": ("사",), "5": ("오",),
                 "6": ("육",), "7": ("칠",), "8": ("팔",), "9": ("구",)}
DIGIT_OF = {word: digit for digit, words in KOREAN_DIGITS.items() for word in words}
SEPARATORS = ("", " ", "  ", "-", " - ", "  -  ", "–", " – ", "—", "~", " ~ ", "/", " / ", "_", ".", ". ", ")", ") ")
BEFORE = ("", "연락처는 ", "번호 ", "급하면 ", "제 폰은 ")
AFTER = ("", "로 연락 주세요", " 입니다", "이에요", "! 감사합니다", " 으로 전화 주세요")


def digits_of(text: str) -> str:
    """Every digit the text still spells, in digits or in Korean words."""
    return "".join(ch if ch.isascii() and ch.isdigit() else DIGIT_OF.get(ch, "") for ch in text)


@st.composite
def digit_group(draw: st.DrawFn, digits: str) -> str:
    form = draw(st.sampled_from(("ascii", "korean", "korean spaced")))
    if form == "ascii":
        return digits
    words = [draw(st.sampled_from(KOREAN_DIGITS[d])) for d in digits]
    return (" " if form == "korean spaced" else "").join(words)


@st.composite
def phone_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """(the number as an owner might type it, its subscriber digits)."""
    area = draw(st.sampled_from(("010", "011", "016", "019", "02", "031", "042", "051", "064", "070")))
    middle = draw(st.from_regex(r"[1-9][0-9]{3}" if area.startswith("01") else r"[1-9][0-9]{2,3}", fullmatch=True))
    last = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    groups = [area, middle, last]
    if area.startswith("01") and draw(st.booleans()):
        groups[0] = draw(st.sampled_from(("+82 10", "+82-10", "+82 (0)10", "+8210")))
    if draw(st.booleans()):
        groups = ["".join(groups)] if not groups[0].startswith("+") else groups
    separators = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(groups) - 1, max_size=len(groups) - 1))
    parts = [draw(digit_group(group)) if group.isdigit() else group for group in groups]
    typed = parts[0] + "".join(sep + part for sep, part in zip(separators, parts[1:], strict=True))
    return typed, middle + last


@st.composite
def email_addresses(draw: st.DrawFn) -> tuple[str, str, str]:
    """(the address as an owner might type it, its local part, its domain's first label)."""
    local = draw(st.from_regex(r"[a-z][a-z0-9]{2,8}(?:[._][a-z0-9]{2,5})?", fullmatch=True))
    domain = draw(st.from_regex(r"[a-z][a-z0-9]{3,9}", fullmatch=True))
    tld = draw(st.sampled_from(("com", "kr", "co.kr", "net", "org")))
    at = draw(st.sampled_from(("@", " @ ", "(at)", " (at) ", "[at]", " [at] ", " at ", " AT ", "골뱅이", " 골뱅이 ",
                               "＠")))
    spelt_dots = ("(dot)", " (dot) ", "[dot]", " dot ", " DOT ", " 점 ", "점")
    # After a bare " at " only a spelt-out dot makes an address: "at home. Come" is a sentence.
    dots = spelt_dots if at.strip().lower() == "at" else (".", ". ", " . ", *spelt_dots)
    dot = draw(st.sampled_from(dots))
    typed = f"{local}{at}{domain}{dot}{tld.replace('.', dot)}"
    return typed, local, domain


def _assert_no_phone_left(text: str, subscriber: str) -> None:
    redacted = redact_contact(text, MARK)
    assert MARK in redacted, (text, redacted)
    assert subscriber not in digits_of(redacted), (text, redacted)


@settings(max_examples=400, deadline=None)
@given(phone=phone_numbers(), before=st.sampled_from(BEFORE), after=st.sampled_from(AFTER))
def test_phone_numbers_in_any_form_are_masked(phone: tuple[str, str], before: str, after: str) -> None:
    typed, subscriber = phone
    _assert_no_phone_left(f"{before}{typed}{after}", subscriber)


@settings(max_examples=300, deadline=None)
@given(email=email_addresses(), before=st.sampled_from(BEFORE), after=st.sampled_from(AFTER))
def test_email_addresses_in_any_form_are_masked(email: tuple[str, str, str], before: str, after: str) -> None:
    typed, local, domain = email
    redacted = redact_contact(f"{before}{typed}{after}", MARK)
    assert MARK in redacted
    assert local not in redacted.lower() and domain not in redacted.lower(), (typed, redacted)


def _between(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(min_value=low, max_value=high)


_SEP = st.sampled_from(("~", "-", " ~ ", " - ", "–"))
ORDINARY: list[st.SearchStrategy[str]] = [
    st.builds(lambda n: f"매출 {n:,}원", _between(1, 10**11)),
    st.builds(lambda n: f"{n}만원", _between(1, 99999)),
    st.builds(lambda a, s, b, u: f"{a}{s}{b}{u}", _between(100, 9999), _SEP, _between(100, 9999),
              st.sampled_from(("만원", "만 원", "원", "억", "명", "개", "%"))),
    st.builds(lambda n: f"직원 {n}명", _between(1, 5000)),
    st.builds(lambda y: f"{y}년에 창업했어요", _between(1950, 2035)),
    st.builds(lambda a, s, b: f"{a}{s}{b}", _between(1950, 2035), _SEP, _between(1950, 2035)),
    st.builds(lambda y, s, m, d: f"{y}{s}{m:02}{s}{d:02}", _between(1990, 2035), st.sampled_from(("-", ".", "/")),
              _between(1, 12), _between(1, 28)),
    st.builds(lambda a, b: f"{a}.{b}억", _between(0, 99), _between(1, 9)),
    st.sampled_from(("공구 사이즈가 일이 센티 차이예요", "오일 교환 주기는 육 개월이에요", "이사님과 삼일 뒤에 만나요",
                     "월 50만원, 010 계획 없음", "사무실 이전은 2025년 3월 예정이고 직원은 12명이에요")),
]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(ORDINARY), min_size=1, max_size=4), joiner=st.sampled_from((" ", ", ", ". ", " 그리고 ")))
def test_ordinary_numbers_are_kept(parts: list[str], joiner: str) -> None:
    text = joiner.join(parts)
    assert redact_contact(text, MARK) == text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(phone=phone_numbers(), email=email_addresses(), before=st.sampled_from(BEFORE))
def test_the_engine_stores_no_contact_before_consent(runtime: Runtime, phone: tuple[str, str],
                                                     email: tuple[str, str, str], before: str) -> None:
    """What the engine writes to the event log (and so what the mentor's transcript shows)
    holds neither the number nor the address typed before consent."""
    engine = runtime.engine
    started = engine.start("ko")
    state = DialogueState.replay(started.events)
    step = engine.advance(state, f"서울 카페 직원 3명, {before}{phone[0]} 아니면 {email[0]}로 주세요")
    stored = " ".join(e.text for e in step.events if isinstance(e, UserUttered))
    assert phone[1] not in digits_of(stored), stored
    assert email[1] not in stored.lower() and email[2] not in stored.lower(), stored


@pytest.mark.parametrize("typed", ["010 - 1234 - 5678", "010–1234–5678", "010~1234~5678", "010/1234/5678",
                                   "010_1234_5678", "공일공 일이삼사 오육칠팔", "kim(at)example.com",
                                   "kim at example dot com"])
def test_the_attackers_forms_are_not_stored(runtime: Runtime, typed: str) -> None:
    engine = runtime.engine
    state = DialogueState.replay(engine.start("ko").events)
    step = engine.advance(state, f"연락처는 {typed} 이에요")
    stored = next(e.text for e in step.events if isinstance(e, UserUttered))
    assert stored == f"연락처는 {MARK} 이에요"
