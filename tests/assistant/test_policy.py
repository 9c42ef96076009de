"""The policy's order and guarantees: read-backs of weak readings, acknowledgements,
corrections at the summary and the consent, fix buttons until the brief, and termination."""

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.engine import Engine
from assistant.events import QuestionAsked
from assistant.flow import load_flow
from prompts import load_prompts
from tests.assistant.conftest import Chat

KO = load_prompts("ko")
# No knowledge base and no meaning matcher: these tests are about the policy, and the rules
# alone must carry it (the matcher only ever adds readings).
ENGINE = Engine(clock=lambda: datetime(2026, 12, 7, 9, tzinfo=UTC), mentor_contact_days=2)


def at(slot: str) -> Chat:
    """A conversation whose pending question is `slot`, answering the ones before it."""
    answers = {
        "company.industry": "식품 제조", "company.region": "청주", "company.employees": "12명",
        "company.founded_year": "2014년", "company.annual_revenue_krw": "20억", "company.name": "건너뛰기",
        "costs.it_budget_krw_per_year": "월 30만 원", "costs.pressures": "인건비", "costs.funding_need": "운영자금",
        "staffing.it_staff": "없어요", "staffing.digital_skills": "보통이에요", "staffing.hiring_difficulty": "네",
        "remote.status": "안 해요", "remote.interest": "아니요", "readiness.cloud": "안 써요",
        "readiness.ai": "안 써요", "readiness.blockchain": "안 써요", "readiness.data": "엑셀로 각자 관리해요",
        "readiness.security": "백신만 있어요", "needs.goals": "재고를 한곳에서 보고 싶어요",
        "needs.support_types": "컨설팅", "needs.urgency": "석 달 안에요",
    }
    chat = Chat(ENGINE)
    while chat.turn.expecting != slot:
        chat.say(answers[chat.turn.expecting or ""])
    return chat


def test_every_recorded_answer_is_acknowledged() -> None:
    chat = at("company.employees")
    chat.say("15명이에요")
    assert chat.turn.messages[0].startswith(KO.say.noted.split("{")[0]) and "15명" in chat.turn.messages[0]


def test_a_range_is_acknowledged_as_its_midpoint() -> None:
    chat = at("costs.it_budget_krw_per_year")
    chat.say("1년에 2~3천 정도")
    assert chat.value("costs.it_budget_krw_per_year") == 25_000_000
    assert KO.say.note_range in chat.turn.messages[0]


def test_a_weak_reading_is_read_back_and_a_yes_keeps_it() -> None:
    chat = at("readiness.cloud")
    chat.say("아직이요")
    assert chat.turn.expecting == "readiness.cloud" and chat.state.confirming
    assert chat.turn.messages[-1] == KO.say.readback.format(item="클라우드 안 써요, 계획도 없어요")
    assert [o.value for o in chat.turn.options] == ["yes", "fix:readiness.cloud"]
    chat.say("네")
    assert chat.state.slots["readiness.cloud"].confirmed and chat.turn.expecting == "readiness.ai"


def test_a_fix_after_a_read_back_asks_again_and_the_next_answer_stands() -> None:
    chat = at("readiness.cloud")
    chat.say("아직이요")
    chat.say("고칠게요")
    assert chat.turn.expecting == "readiness.cloud" and "readiness.cloud" not in chat.state.slots
    chat.say("일부 업무에 써요")
    assert chat.value("readiness.cloud") == 3 and chat.turn.expecting == "readiness.ai"


def test_a_slot_is_never_read_back_twice() -> None:
    chat = at("readiness.cloud")
    chat.say("아직이요")
    chat.say("아니요")
    chat.say("아직이요")
    asked = [e for e in chat.events if isinstance(e, QuestionAsked) and e.confirm and e.slot == "readiness.cloud"]
    assert len(asked) == 1 and chat.turn.expecting == "readiness.ai"


def test_an_unreadable_answer_is_asked_again_saying_what_was_unclear() -> None:
    chat = at("company.employees")
    chat.say("음 그게요")
    hint = KO.slots["company.employees"].hint
    assert KO.say.unclear.format(label=KO.label("company.employees"), hint=hint) in chat.turn.messages


def test_an_answer_to_another_question_is_kept_and_the_question_asked_again() -> None:
    chat = at("company.founded_year")
    chat.say("작년 매출이 한 9억 나왔어요")
    assert chat.value("company.annual_revenue_krw") == 900_000_000
    assert chat.turn.expecting == "company.founded_year" and "company.founded_year" not in chat.state.slots


def test_corrections_at_the_consent_step_keep_the_fix_buttons() -> None:
    chat = at("needs.urgency")
    chat.say("석 달 안에요")
    assert chat.turn.expecting == "consent"
    assert any(o.value == "fix:company.employees" for o in chat.turn.options)
    chat.say("직원 수는 14명이에요")
    assert chat.value("company.employees") == 14 and chat.state.consent is None
    assert chat.turn.expecting == "consent" and any(o.value.startswith("fix:") for o in chat.turn.options)
    chat.say("동의해요")
    assert chat.turn.expecting == "consent" and chat.state.consent_given


def test_fix_buttons_stay_on_the_contact_questions() -> None:
    chat = at("needs.urgency")
    chat.say("석 달 안에요")
    chat.say("동의해요")
    chat.say("동의해요")
    assert chat.turn.expecting == "contact.email"
    assert any(o.value == "fix:company.region" for o in chat.turn.options)
    chat.say("fix:company.region")
    chat.say("충주요")
    assert chat.value("company.region") == "chungbuk" and chat.turn.expecting == "contact.email"


def test_an_empty_message_changes_nothing() -> None:
    chat = at("company.employees")
    before = chat.state.slots
    chat.say("")
    assert chat.turn.messages[0] == KO.say.empty and chat.state.slots == before


# Termination: no message sequence keeps the intake from its summary, and no question is
# entered more than three times in a row (asked, then re-entered at most twice).

NAVIGATION = ["이전으로", "fix:company.employees", "fix:readiness.cloud", "고칠게요"]
# A no of any wording to a read-back reopens the question, as the fix button does.
NOES = ("아니요", "no", "동의하지 않아요")
owner_messages = st.sampled_from([
    "음", "네", "아니요", "모름", "건너뛰기", "잘 모르겠어요", "ㅋㅋ", "?", "이거 무료예요?", "날씨 어때요?",
    "월 50만 원", "직원 12명", "부산", "식당해요", "2010년", "아직이요", "글쎄요", "아 참 직원은 20명이에요",
    "yes", "no", "asdf", "0", "3", "동의해요", "동의하지 않아요", "a@example.com", *NAVIGATION,
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(owner_messages, min_size=1, max_size=200))
def test_every_conversation_reaches_the_summary(messages: list[str]) -> None:
    chat = Chat(ENGINE)
    business = [s for s in load_flow().slots if s.topic != "contact"]
    # Each question can take an answer, two re-entries and one read-back; navigation the
    # owner asks for reopens one question each time.
    navigation = 0
    run, previous = 0, None
    # After the drawn messages the owner keeps typing something unreadable: the intake must
    # still get to its summary on its own.
    bound = 4 * len(business) + 4 * len([m for m in messages if m in NAVIGATION or m in NOES])
    messages = messages + ["음"] * bound
    for turns, text in enumerate(messages, 1):
        chat.say(text)
        navigated = text in NAVIGATION or text in NOES
        navigation += navigated
        expecting = chat.turn.expecting
        # Navigation the owner asks for ("이전으로" at the first question) may stay put.
        run = run + 1 if expecting == previous and expecting not in (None, "consent") and not navigated else 1
        previous = expecting
        assert run <= 4, f"{expecting} entered {run} times in a row"
        if chat.state.summary_shown:
            return
        assert turns <= 4 * len(business) + 4 * navigation, "the summary was not reached"
    raise AssertionError("the summary was never reached")
