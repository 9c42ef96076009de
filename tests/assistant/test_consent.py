"""Privacy consent as PIPA Art. 15(2) wants it: after the summary, before any contact data;
a separate, optional consent for optional items; nothing of the owner's contact kept
without consent; the consent text's version recorded with the case."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from application.cases.models import CaseRow
from application.runtime import Runtime
from application.settings import Settings
from application.store.database import make_engine, session_factory
from assistant.engine import CONSENT_TEXT_VERSION
from assistant.events import ConsentRecorded, ContactErased, UserUttered, event_from_dict, event_to_dict
from assistant.flow import load_flow
from assistant.state import DialogueState
from prompts import load_prompts
from prompts.brief import load_brief_prompts
from prompts.particles import format_text
from tests.assistant.conftest import Chat
from tests.assistant.test_engine import ChatFactory
from tests.intake_answers import DAEJEON_MOULD_MAKER

KO = load_prompts("ko")
EN = load_prompts("en")
AGREE, REFUSE, DONT_KNOW = "네, 동의합니다", "동의하지 않아요", "잘 모르겠어요"
VOLUNTEERED = "대전에서 직원 25명으로 금형 만들어요. 연락은 kim@example.com 이나 010-1234-5678로 주세요"


def to_consent(c: Chat, opening: str = "서울 카페 직원 3명") -> None:
    """The intake up to the required consent question, every other question left unknown."""
    c.say(opening)
    for _ in range(40):
        if c.turn.expecting == "consent":
            return
        c.say(DONT_KNOW)
    raise AssertionError("the consent question never came")


def gated(consent: str) -> list[str]:
    return [spec.id for spec in load_flow().slots if spec.consent == consent]


def consent_events(c: Chat) -> list[ConsentRecorded]:
    return [e for e in c.events if isinstance(e, ConsentRecorded)]


def test_required_notice_follows_the_summary_and_states_what_pipa_asks(chat: ChatFactory) -> None:
    c = chat()
    to_consent(c)
    messages = c.turn.messages
    assert any(KO.say.summary_header in m for m in messages)
    assert messages[-2:] == [KO.slots["consent.privacy"].question, KO.say.consent_notice]
    notice = KO.say.consent_notice
    assert "목적: 디지털전환 지원 상담과 멘토 연결" in notice
    # The items named are exactly the data the required consent covers, plus the answers.
    assert all(KO.label(slot) in notice for slot in gated("required")) and "상담 내용" in notice
    assert not any(KO.label(slot) in notice for slot in gated("optional"))
    assert "상담이 끝난 뒤 1년" in notice and "파기" in notice
    # Refusing is allowed, and the notice says what it means.
    assert "동의하지 않으셔도 돼요" in notice and "멘토 연결은 할 수 없어요" in notice
    assert "이 화면에서" in notice and "연락처는 남기지 않아요" in notice
    values = [o.value for o in c.turn.options]
    assert values[:2] == ["yes", "no"] and any(v.startswith("fix:") for v in values[2:])
    # Nothing personal was asked before this point.
    assert not [slot for slot in c.state.asked if slot.startswith("contact.")]


def test_retention_in_the_notices_is_the_configured_one() -> None:
    assert Settings(_env_file=None).contact_retention_days == 365
    for prompts, year in ((KO, "1년"), (EN, "one year")):
        assert year in prompts.say.consent_notice and year in prompts.say.consent_optional_notice


def test_english_notice_says_the_same(chat: ChatFactory) -> None:
    c = chat("en")
    to_consent(c, "We run a cafe in Seoul with 3 employees")
    notice = c.turn.messages[-1]
    assert notice == EN.say.consent_notice
    assert all(EN.label(slot).lower() in notice.lower() for slot in gated("required"))
    assert "one year" in notice and "You may refuse" in notice and "can't match you with a mentor" in notice


def test_optional_items_get_their_own_consent_and_refusing_it_changes_nothing_else(chat: ChatFactory) -> None:
    c = chat()
    to_consent(c)
    c.say(AGREE)
    assert c.turn.expecting == "consent"
    assert c.turn.messages[-2:] == [KO.say.consent_optional_question, KO.say.consent_optional_notice]
    optional_notice = KO.say.consent_optional_notice
    assert all(KO.label(slot) in optional_notice for slot in gated("optional"))
    assert "선택" in optional_notice and "멘토 연결은 똑같이 진행돼요" in optional_notice
    assert [o.value for o in c.turn.options] == ["yes", "no"]
    c.say(REFUSE)
    assert c.turn.expecting == "contact.email"
    c.say("minsu@example.com")
    assert c.turn.expecting is None and c.turn.brief_ready is True
    assert format_text(KO.say.handed_over, days=2) in c.turn.messages
    state = c.state
    assert "contact.name" not in state.asked and "contact.name" not in state.slots
    assert state.consent is not None and state.consent.given and state.consent.optional is False
    assert [(e.optional, e.given, e.text_version) for e in consent_events(c)] == [
        (False, True, CONSENT_TEXT_VERSION), (True, False, CONSENT_TEXT_VERSION)]
    assert CONSENT_TEXT_VERSION == "2026-11-v2"


def test_optional_consent_given_asks_the_name_after_email_or_phone(chat: ChatFactory) -> None:
    c = chat()
    to_consent(c)
    c.say(AGREE)
    c.say(AGREE)
    assert c.turn.expecting == "contact.email"
    c.say("010-2222-3333")
    assert c.turn.expecting == "contact.name"
    assert c.turn.brief_ready is False, "no case before the last question is answered"
    c.say("김민수")
    assert c.turn.brief_ready is True
    assert c.state.known()["contact.phone"] == "010-2222-3333" and c.value("contact.name") == "김민수"
    assert c.state.consent is not None and c.state.consent.optional is True


def test_refused_consent_keeps_no_contact_and_the_owner_still_gets_a_copy(
    chat: ChatFactory, runtime: Runtime
) -> None:
    c = chat()
    to_consent(c)
    c.say(REFUSE)
    state = c.state
    assert c.turn.expecting is None and c.turn.brief_ready is False and state.finished
    assert KO.say.consent_refused in c.turn.messages
    assert any(isinstance(e, ContactErased) for e in c.events)
    assert not [slot for slot in state.slots if slot.startswith("contact.")]
    assert not [slot for slot in state.asked if slot.startswith("contact.")]
    # A contact typed after the refusal is not kept either.
    c.say("제 번호는 010-9999-8888이에요")
    assert "010-9999-8888" not in c.state.transcript[-2].text
    copy = runtime.cases.owner_copy("never-stored", c.state)
    assert copy.next_step == load_brief_prompts("ko").owner.next_step_without_mentor
    assert copy.programs and copy.readiness.dimensions


def test_consent_without_email_or_phone_ends_without_a_handoff(chat: ChatFactory, runtime: Runtime) -> None:
    c = chat()
    to_consent(c)
    c.say(AGREE)
    c.say(AGREE)
    assert c.turn.expecting == "contact.email"
    c.say(DONT_KNOW)
    assert c.turn.expecting == "contact.phone"
    assert KO.say.contact_required in c.turn.messages
    c.say("전화는 안 알려 드릴래요")
    c.say(DONT_KNOW)
    assert c.turn.expecting is None and c.turn.brief_ready is False
    assert c.turn.messages[-1] == KO.say.no_contact_finish
    state = c.state
    assert state.finished and state.consent is not None and state.consent.given
    assert "contact.name" not in state.asked
    assert not [slot for slot in state.slots if slot.startswith("contact.")]
    copy = runtime.cases.owner_copy("never-stored", state)
    assert copy.next_step == load_brief_prompts("ko").owner.next_step_without_contact
    # Over is over: a later message asks nothing more.
    c.say("minsu@example.com")
    assert c.turn.expecting is None and c.turn.brief_ready is False


def test_contact_volunteered_before_consent_is_neither_stored_nor_kept(chat: ChatFactory) -> None:
    c = chat()
    c.say(VOLUNTEERED)
    assert c.turn.messages[0] == KO.say.contact_after_consent
    assert (c.value("company.region"), c.value("company.employees")) == ("daejeon", 25)
    state = c.state
    assert not [slot for slot in state.slots if slot.startswith("contact.")]
    said = state.transcript[-len(c.turn.messages) - 1]
    assert said.role == "owner" and "kim@example.com" not in said.text and "010-1234-5678" not in said.text
    assert said.text.count(KO.say.contact_marker) == 2
    assert [e.contact_withheld for e in c.events if isinstance(e, UserUttered)] == [True]
    stored = " ".join(str(e) for e in c.events)
    assert "kim@example.com" not in stored and "1234-5678" not in stored
    # Said once: a later answer with a number in it is redacted without the note again.
    c.say("2010년에 창업했고 사무실 번호는 042-123-4567이에요")
    assert KO.say.contact_after_consent not in c.turn.messages
    assert c.value("company.founded_year") == 2010
    assert "042-123-4567" not in c.state.transcript[-len(c.turn.messages) - 1].text
    # A message with nothing but a number is not an answer: the note again, the same question,
    # counted as a try so that such messages cannot keep the intake from its end.
    expecting = c.turn.expecting
    attempts = c.state.attempts
    c.say("010-1234-5678")
    assert c.turn.messages[0] == KO.say.contact_after_consent
    assert c.turn.expecting == expecting and c.state.attempts == attempts + 1
    assert expecting not in c.state.slots


def test_contact_slots_cannot_be_reached_before_consent(chat: ChatFactory) -> None:
    c = chat()
    c.say("아까 이메일 잘못 말했어요")
    assert c.turn.expecting == "company.industry"
    to_consent(c)
    for text in ("fix:contact.email", "fix:contact.name", "fix:consent.privacy", "아까 이메일 잘못 말했어요"):
        c.say(text)
        assert c.turn.expecting == "consent" and c.state.consent is None
    assert not [slot for slot in c.state.asked if slot.startswith("contact.")]


def test_contact_after_consent_is_stored_as_given(chat: ChatFactory) -> None:
    c = chat()
    to_consent(c)
    c.say(AGREE)
    c.say(REFUSE)
    c.say("메일은 minsu@example.com 이에요")
    owner_lines = [line for line in c.state.transcript if line.role == "owner"]
    assert "minsu@example.com" in owner_lines[-1].text
    assert c.value("contact.email") == "minsu@example.com"
    # The optional item stays out of reach without its consent.
    c.say("fix:contact.name")
    assert "contact.name" not in c.state.asked


def test_fix_and_back_work_around_the_consent_questions(chat: ChatFactory) -> None:
    c = chat()
    to_consent(c)
    c.say("fix:company.employees")
    assert c.turn.expecting == "company.employees"
    c.say("5명이요")
    assert c.turn.expecting == "consent" and c.turn.messages[-1] == KO.say.consent_notice
    assert not any(KO.say.summary_header in m for m in c.turn.messages)
    c.say("이전으로")
    back_to = c.turn.expecting
    assert back_to not in (None, "consent") and not back_to.startswith("contact.")
    c.say(DONT_KNOW)
    assert c.turn.expecting == "consent" and c.state.consent is None
    c.say(AGREE)
    # While the optional question is pending, a fix keeps the required consent and comes back.
    c.say("fix:company.employees")
    assert c.turn.expecting == "company.employees"
    c.say("6명")
    assert c.turn.expecting == "consent" and c.turn.messages[-1] == KO.say.consent_optional_notice
    assert c.state.consent is not None and c.state.consent.given
    c.say(AGREE)
    c.say("minsu@example.com")
    assert c.turn.expecting == "contact.name"
    c.say("이전으로")
    assert c.turn.expecting == "contact.email" and "contact.email" not in c.state.slots
    c.say("minsu@example.com")
    c.say("김민수")
    assert c.turn.brief_ready is True and c.value("company.employees") == 6


def test_state_with_consent_steps_is_what_replaying_stored_events_gives(chat: ChatFactory) -> None:
    c = chat()
    c.say(VOLUNTEERED)
    to_consent(c, DONT_KNOW)
    for text in (AGREE, "fix:company.region", "부산이요", AGREE, "minsu@example.com", "김민수"):
        c.say(text)
    stored = [event_to_dict(e) for e in c.events]
    assert DialogueState.replay(event_from_dict(e) for e in stored) == c.state
    assert c.state.brief_ready


def test_sessions_stored_before_optional_consent_still_replay(chat: ChatFactory) -> None:
    """Events as the first consent version stored them: contact first, consent last, no
    `optional` and no `contact_withheld`."""
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC).isoformat()
    stored: list[dict[str, Any]] = [
        {"type": "session_started", "at": at, "lang": "ko", "partner": None},
        {"type": "user_uttered", "at": at, "message_id": "m1", "text": "minsu@example.com"},
        {"type": "slot_set", "at": at, "slot": "contact.email", "value": "minsu@example.com", "status": "answered",
         "raw_text": "minsu@example.com", "source_message": "m1", "method": "rule:email", "corrected": False},
        {"type": "question_asked", "at": at, "slot": "consent", "attempt": 0},
        {"type": "user_uttered", "at": at, "message_id": "m2", "text": "네"},
        {"type": "consent_recorded", "at": at, "given": True, "text_version": "2026-11-v1"},
        {"type": "bot_uttered", "at": at, "turn": {"messages": ["감사합니다!"], "expecting": None}},
    ]
    state = DialogueState.replay(event_from_dict(e) for e in stored)
    assert state.finished and state.brief_ready
    assert state.consent is not None and state.consent.text_version == "2026-11-v1"
    assert state.consent.optional is None
    # The engine treats it as over: no consent question is asked again.
    step = chat().engine.advance(state, "감사해요")
    assert step.turn.expecting is None and step.turn.brief_ready
    assert not [e for e in step.events if e.type == "question_asked"]
    refused: list[dict[str, Any]] = [*stored[:4], {"type": "consent_recorded", "at": at, "given": False, "text_version": "2026-11-v1"},
               {"type": "contact_erased", "at": at}]
    state = DialogueState.replay(event_from_dict(e) for e in refused)
    assert state.finished and not state.brief_ready and "contact.email" not in state.slots


def test_the_case_records_the_consent_text_version(runtime: Runtime) -> None:
    started = runtime.chat.start(lang="ko", partner=None)
    turn, n = started.turn, 0
    while turn.expecting is not None and n < 40:
        text = AGREE if turn.expecting == "consent" else DAEJEON_MOULD_MAKER[turn.expecting]
        turn = runtime.chat.post(session_id=started.session_id, token=started.token, client_message_id=f"c{n}",
                                 text=text)
        n += 1
    assert turn.brief_ready
    case_id = runtime.cases.case_for_session(started.session_id)
    assert case_id is not None
    brief = runtime.cases.get_brief(case_id)
    assert brief.consent.text_version == CONSENT_TEXT_VERSION and brief.consent.optional_items is True
    assert brief.consent.given_at is not None and brief.contact.name == "김민수"
    with session_factory(make_engine(runtime.settings.effective_database_url))() as db:
        assert db.scalar(select(CaseRow.consent_version).where(CaseRow.id == case_id)) == CONSENT_TEXT_VERSION
