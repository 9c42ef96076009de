"""Blanking out contact data: the owner's words lose every e-mail address and phone number and
the values they gave; the assistant's words lose only those values."""

from application.privacy.redact import Redactor, contact_literals_of_events
from application.privacy.scrub import scrub_event
from assistant.understanding.contact import find_email, find_phone

MARK = "[연락처 생략]"
REDACTOR = Redactor(["minsu@example.com", "010-2345-6789", "김민수", "제 이름은 김민수입니다", "x"], marker=MARK)


def test_owner_text_loses_addresses_numbers_and_given_values() -> None:
    text = "제 메일은 Minsu@Example.com 이고 급하면 010 9876 5432, 사무실은 ０４２-１２３-４５６７이에요. 김민수 드림"
    out = REDACTOR.owner(text)
    assert find_email(out) is None and find_phone(out) is None
    assert "김민수" not in out
    assert out.count(MARK) == 4
    assert "사무실은" in out and "드림" in out


def test_a_whole_answer_goes_before_the_name_inside_it() -> None:
    assert REDACTOR.owner("제 이름은 김민수입니다") == MARK


def test_assistant_text_keeps_public_numbers() -> None:
    text = "고쳤어요: 이메일 → minsu@example.com. 중소기업 통합콜센터는 1357-0000이에요"
    out = REDACTOR.known(text)
    assert "minsu@example.com" not in out
    assert "1357-0000" in out


def test_one_letter_values_are_not_blanked_everywhere() -> None:
    assert REDACTOR.literals[-1] != "x"
    assert REDACTOR.owner("fax 없어요") == "fax 없어요"


def test_dont_know_answers_are_no_contact_data() -> None:
    events = [
        {"type": "slot_set", "slot": "contact.phone", "status": "unknown", "value": None, "raw_text": "없어요"},
        {"type": "slot_set", "slot": "contact.email", "status": "answered", "value": "a@b.kr", "raw_text": "a@b.kr요"},
        {"type": "slot_set", "slot": "needs.goals", "status": "answered", "value": "매출", "raw_text": "매출"},
    ]
    assert contact_literals_of_events(events) == ["a@b.kr", "a@b.kr요"]


def test_a_contact_answer_becomes_the_clearing_of_its_slot() -> None:
    event = {"at": "2026-11-24T01:00:00Z", "type": "slot_set", "slot": "contact.email", "value": "minsu@example.com",
             "status": "answered", "raw_text": "minsu@example.com", "source_message": "m3", "method": "rule:email"}
    assert scrub_event(event, REDACTOR) == {"at": "2026-11-24T01:00:00Z", "type": "slot_cleared",
                                            "slot": "contact.email"}


def test_other_answers_keep_everything_but_contact() -> None:
    event = {"at": "2026-11-24T01:00:00Z", "type": "slot_set", "slot": "needs.goals",
             "value": "불량 줄이기, 연락은 010-2345-6789", "status": "answered",
             "raw_text": "불량 줄이기, 연락은 010-2345-6789", "source_message": "m3", "method": "rule:text"}
    out = scrub_event(event, REDACTOR)
    assert out == {**event, "value": f"불량 줄이기, 연락은 {MARK}", "raw_text": f"불량 줄이기, 연락은 {MARK}"}
