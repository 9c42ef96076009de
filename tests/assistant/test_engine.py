"""The dialog engine with the real parsers, retriever and option matcher."""

import re
from collections.abc import Callable

from assistant.events import event_from_dict, event_to_dict
from assistant.flow import CONDITIONS
from assistant.state import DialogueState
from prompts import load_prompts
from tests.assistant.conftest import Chat
from tests.intake_answers import DAEJEON_MOULD_MAKER

KO = load_prompts("ko")

ChatFactory = Callable[..., Chat]


def test_several_facts_fill_several_slots_and_are_acknowledged(chat: ChatFactory) -> None:
    c = chat()
    c.say("대전에서 직원 25명으로 금형 만드는 회사입니다")
    assert (c.value("company.region"), c.value("company.employees"), c.value("company.industry")) == (
        "daejeon", 25, "manufacturing")
    assert any("지역 대전" in m and "직원 수 25명" in m for m in c.turn.messages)
    assert c.turn.expecting == "company.founded_year"


def test_facts_volunteered_later_are_not_asked_again(chat: ChatFactory) -> None:
    c = chat()
    c.say("식당 해요")
    assert c.turn.expecting == "company.region"
    c.say("부산 해운대에서 직원 8명이랑 같이 해요")
    assert c.value("company.region") == "busan"
    assert c.value("company.employees") == 8
    assert c.turn.expecting == "company.founded_year"


def test_correction_updates_and_says_so(chat: ChatFactory) -> None:
    c = chat()
    c.say("대전에서 직원 25명으로 금형 만드는 회사입니다")
    c.say("2015년에 창업했어요")
    asked = c.turn.expecting
    c.say("아 직원 수는 30명이에요")
    assert c.value("company.employees") == 30
    assert any("30명" in m for m in c.turn.messages)
    assert c.turn.expecting == asked
    slot = c.state.slots["company.employees"]
    assert slot.method == "correction"
    assert slot.raw_text == "아 직원 수는 30명이에요"


def test_correction_without_value_asks_again(chat: ChatFactory) -> None:
    c = chat()
    c.say("대전에서 직원 25명으로 금형 만드는 회사입니다")
    c.say("2015년")
    c.say("매출 30억")
    c.say("건너뛸게요")
    c.say("월 100만원")
    c.say("아까 말한 예산 틀렸어요")
    assert c.turn.expecting == "costs.it_budget_krw_per_year"
    c.say("연 600만원이요")
    assert c.value("costs.it_budget_krw_per_year") == 6_000_000


def test_back_goes_one_question_back(chat: ChatFactory) -> None:
    c = chat()
    c.say("대전에서 직원 25명으로 금형 만드는 회사입니다")
    c.say("2015년")
    assert c.turn.expecting == "company.annual_revenue_krw"
    c.say("이전으로")
    assert c.turn.expecting == "company.founded_year"
    assert "company.founded_year" not in c.state.slots
    c.say("2016년")
    assert c.value("company.founded_year") == 2016
    assert c.turn.expecting == "company.annual_revenue_krw"


def test_dont_know_and_skip_mark_unknown_and_move_on(chat: ChatFactory) -> None:
    c = chat()
    c.say("대전에서 직원 25명으로 금형 만드는 회사입니다")
    c.say("잘 모르겠어요")
    assert c.state.slots["company.founded_year"].status == "unknown"
    assert c.turn.expecting == "company.annual_revenue_krw"
    c.say("skip")
    assert c.state.slots["company.annual_revenue_krw"].status == "unknown"


def test_not_understood_is_asked_twice_then_kept_raw(chat: ChatFactory) -> None:
    c = chat()
    c.say("대전에서 직원 25명으로 금형 만드는 회사입니다")
    for _ in range(2):
        c.say("파란색이 좋아요")
        assert c.turn.expecting == "company.founded_year"
        assert any("예:" in m for m in c.turn.messages)
    c.say("파란색이 좋아요")
    slot = c.state.slots["company.founded_year"]
    assert (slot.status, slot.value) == ("raw", "파란색이 좋아요")
    assert c.turn.expecting == "company.annual_revenue_krw"


def test_side_question_is_answered_with_citation_then_question_repeated(chat: ChatFactory) -> None:
    c = chat()
    c.say("대전에서 직원 25명으로 금형 만드는 회사입니다")
    step = c.say("스마트공장 지원사업이 뭐예요?")
    assert [cite.id for cite in step.turn.citations] == ["program:kosme-smart-factory"]
    assert step.turn.citations[0].source.startswith("메트로신문, 2020: 「")
    assert step.turn.expecting == "company.founded_year"
    assert "company.founded_year" not in c.state.slots


def test_side_question_without_source_says_so(chat: ChatFactory) -> None:
    c = chat()
    c.say("대전에서 직원 25명으로 금형 만드는 회사입니다")
    step = c.say("법인세 신고 기한이 언제예요?")
    assert step.turn.citations == []
    assert any("근거 자료가 없어" in m for m in step.turn.messages)
    assert step.turn.expecting == "company.founded_year"


def test_pre_founder_is_not_asked_revenue(chat: ChatFactory) -> None:
    c = chat()
    c.say("대전에서 AI 앱 창업 준비하는 예비창업자예요. 혼자 하고 있어요")
    if c.turn.expecting == "company.founded_year":
        c.say("아직 사업자 등록 전이에요")
    assert c.value("company.stage") == "pre_founder"
    assert c.turn.expecting != "company.annual_revenue_krw"
    assert "company.annual_revenue_krw" not in c.state.slots


def test_remote_interest_is_skipped_when_fully_remote(chat: ChatFactory) -> None:
    c = chat()
    for text in ["서울 IT 회사 직원 10명", "2019년", "10억", "건너뛸게요", "월 50만원", "인건비",
                 "필요 없어요", "2명", "잘 다뤄요", "아니요"]:
        c.say(text)
    assert c.turn.expecting == "remote.status"
    c.say("전원 재택이에요")
    assert c.value("remote.status") == "full"
    assert c.turn.expecting == "readiness.cloud"


def test_quick_reply_values_are_understood(chat: ChatFactory) -> None:
    c = chat()
    c.say("manufacturing")
    assert c.value("company.industry") == "manufacturing"


def test_whole_intake_reaches_summary_consent_and_brief(chat: ChatFactory) -> None:
    c = chat()
    answers = DAEJEON_MOULD_MAKER
    summary_seen = False
    for _ in range(40):
        expecting = c.turn.expecting
        if expecting is None:
            break
        if expecting == "consent" and c.state.consent is None:
            summary_seen = any("정리했어요" in m for m in c.turn.messages)
            assert any(o.value.startswith("fix:") for o in c.turn.options)
        c.say("네, 동의합니다" if expecting == "consent" else answers[expecting])
    assert summary_seen
    assert c.turn.brief_ready is True
    state = c.state
    assert state.consent is not None and state.consent.given and state.consent.optional
    assert state.known()["contact.name"] == "김민수"
    assert state.known()["readiness.data"] == 1
    assert state.known()["costs.it_budget_krw_per_year"] == 12_000_000
    assert state.known()["needs.support_types"] == ["funding", "mentoring"]


def test_consent_refused_erases_contact(chat: ChatFactory) -> None:
    c = chat()
    c.say("서울 카페 직원 3명, 연락은 a@example.com")
    while c.turn.expecting not in (None, "consent"):
        c.say("잘 모르겠어요")
    assert c.turn.expecting == "consent"
    c.say("동의하지 않아요")
    assert c.turn.brief_ready is False
    assert c.turn.expecting is None
    assert not [s for s in c.state.slots if s.startswith("contact.")]


def test_summary_fix_option_reopens_that_slot(chat: ChatFactory) -> None:
    c = chat()
    c.say("서울 카페 직원 3명")
    while c.turn.expecting != "consent":
        c.say("잘 모르겠어요")
    c.say("fix:company.employees")
    assert c.turn.expecting == "company.employees"
    c.say("4명이요")
    assert c.value("company.employees") == 4
    assert c.turn.expecting == "consent"
    assert c.state.consent is None


def test_state_is_exactly_what_replaying_stored_events_gives(chat: ChatFactory) -> None:
    c = chat()
    for text in ["대전에서 직원 25명으로 금형 만드는 회사입니다", "스마트공장이 뭐예요?", "2015년", "이전으로"]:
        c.say(text)
    stored = [event_to_dict(e) for e in c.events]
    assert DialogueState.replay(event_from_dict(e) for e in stored) == c.state


def test_english_intake(chat: ChatFactory) -> None:
    c = chat("en")
    c.say("We make moulds in Changwon with about 30 employees")
    assert (c.value("company.region"), c.value("company.employees")) == ("gyeongnam", 30)
    step = c.say("What is the smart factory support?")
    assert step.turn.citations and step.turn.citations[0].id == "program:kosme-smart-factory"
    assert all(ch < "\uac00" or ch > "\ud7a3" for m in step.turn.messages[-1:] for ch in m)


def _until(c: Chat, slot: str, answers: dict[str, str]) -> None:
    for _ in range(40):
        if c.turn.expecting == slot:
            return
        c.say(answers[str(c.turn.expecting)])
    raise AssertionError(f"never asked {slot}")


def test_remote_interest_is_asked_for_what_the_owner_has_now(chat: ChatFactory) -> None:
    for status, phrase in (("일부 직원만 주 1회 해요", "더 늘리고 싶으세요?"), ("재택은 안 해요", "도입하고 싶으세요?")):
        c = chat()
        _until(c, "remote.status", DAEJEON_MOULD_MAKER)
        c.say(status)
        assert c.turn.expecting == "remote.interest"
        question = c.turn.messages[-1]
        assert phrase in question and "(더)" not in question


def test_question_variants_name_known_conditions() -> None:
    for lang in ("ko", "en"):
        for slot, text in load_prompts(lang).slots.items():
            assert set(text.question_if) <= set(CONDITIONS), slot


def test_the_summary_says_every_answer_in_words(chat: ChatFactory) -> None:
    """Levels by their words (no scale numbers), a skipped item as skipped, an unknown one as such."""
    c = chat()
    answers = {**DAEJEON_MOULD_MAKER, "company.name": "건너뛸게요", "readiness.security": "잘 모르겠어요"}
    _until(c, "consent", answers)
    summary = next(m for m in c.turn.messages if m.startswith(KO.say.summary_header))
    lines = summary.splitlines()[1:]
    assert "· 회사 이름: 건너뛰었어요" in lines and "· 보안: 모른다고 하셨어요" in lines
    assert "· 클라우드: 안 써요, 계획도 없어요" in lines
    assert not any(re.search(r": \d ·", line) for line in lines) and not any(line.endswith("모름") for line in lines)
