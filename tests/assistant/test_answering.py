"""Side questions answered by what they ask (assistant/answering), with the real retriever."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.cli import quality
from application.cli.eval import eval_app
from application.runtime import Runtime
from assistant.answering import ServiceFacts, SideAnswerer
from assistant.answering.cues import asked_aspect, is_smalltalk, question_focus, service_question
from assistant.answering.evaluation import Expect, QuestionCase, evaluate_answers, is_right, load_questions
from assistant.answering.models import SideAnswer
from tests.conftest import DATA

QUESTIONS = DATA / "questions_dev.jsonl"


@pytest.mark.parametrize(("text", "service"), [
    ("여기서 상담 받으면 상담료 따로 있어요?", "cost"),
    ("다 답하고 나면 그 다음에 누가 연락 주나요?", "next_steps"),
    ("제가 적은 매출은 누가 보고 언제 삭제돼요?", "privacy"),
    ("질문 얼마나 남았어요?", "duration"),
    ("지금 나가야 하는데 나중에 다시 들어와서 이어서 할 수 있어요?", "resume"),
    ("아까 지역을 잘못 말했어요, 고칠 수 있나요?", "change_answer"),
    ("혹시 지금 대답하는 게 챗봇이에요?", "about"),
    ("Is this free, or will I be charged later?", "cost"),
    ("Who can see my data and when is it deleted?", "privacy"),
    ("스마트공장 지원 받으려면 뭐가 필요해요?", None),
])
def test_service_questions_are_told_apart(text: str, service: str | None) -> None:
    assert service_question(text) == service


@pytest.mark.parametrize(("text", "aspect"), [
    ("그 사업은 어떻게 신청해요?", "apply"),
    ("지원금은 최대 얼마예요?", "amount"),
    ("우리 같은 식당도 대상이 되나요?", "eligibility"),
    ("그건 어느 기관에서 운영해요?", "operator"),
    ("그거 받으면 구체적으로 뭘 해주는 거예요?", "support"),
    ("그게 뭐예요?", "overview"),
])
def test_aspects(text: str, aspect: str) -> None:
    assert asked_aspect(text, named=True) == aspect


def test_without_an_aspect_cue_a_named_entry_is_explained_and_a_situation_matched() -> None:
    assert asked_aspect("DaaS 알려줘", named=True) == "overview"
    assert asked_aspect("공장 기계가 자꾸 서요 도와줄 데 있어요", named=False) == "match"


def test_small_talk_asks_for_nothing() -> None:
    assert is_smalltalk("오 정말 친절하시네요 감사해요")
    assert is_smalltalk("thanks, this is helpful")
    assert not is_smalltalk("감사해요, 근데 신청은 어디서 해요?")


def test_the_focus_drops_what_was_said_long_before_the_question() -> None:
    text = "저희는 빵을 만들어요. 직원은 다섯 명이에요. 매장도 두 곳이에요. 그런데 정책자금은 어디서 신청해요?"
    assert question_focus(text) == "매장도 두 곳이에요. 그런데 정책자금은 어디서 신청해요?"


def test_service_answers_take_their_facts_from_settings(runtime: Runtime) -> None:
    answerer = SideAnswerer(search=runtime.retriever, entries=runtime.kb,
                            facts=ServiceFacts(contact_days=4, contact_retention_days=200, session_retention_days=45))
    answer = answerer.answer("다 끝나면 연락은 언제 와요?", lang="ko")
    assert (answer.kind, answer.service) == ("service", "next_steps")
    assert "4일" in answer.messages[0]
    privacy = answerer.answer("제 개인정보는 언제 지워져요?", lang="ko")
    assert "200일" in privacy.messages[0] and "45일" in privacy.messages[0]
    english = answerer.answer("What happens next, will someone call me?", lang="en")
    assert "4 working days" in english.messages[0]
    assert answer.citations == [] and "001_" not in answer.messages[0]


def test_a_programme_aspect_is_quoted(runtime: Runtime) -> None:
    answer = runtime.answerer.answer("KISTI 지식멘토링은 어느 기관에서 해요?", lang="ko")
    assert (answer.kind, answer.entry, answer.aspect, answer.stated) == (
        "entry", "program:kisti-knowledge-mentoring", "operator", True)
    assert "한국과학기술정보연구원" in answer.messages[0] or "KISTI" in answer.messages[0]
    assert [c.id for c in answer.citations] == ["program:kisti-knowledge-mentoring"]


def test_an_aspect_the_material_lacks_is_said_to_be_missing(runtime: Runtime) -> None:
    answer = runtime.answerer.answer("스마트공장 안정화 지원은 어떻게 신청해요?", lang="ko")
    assert (answer.entry, answer.aspect, answer.stated) == ("program:kosme-smart-factory", "apply", False)
    assert answer.messages[0].startswith("이 사업의 신청 방법은 자료에 없어요")
    # What the material does say, and the mentor.
    assert "스마트공장" in answer.messages[0]
    assert "멘토" in answer.messages[-1]
    assert answer.citations and answer.citations[0].id == "program:kosme-smart-factory"


def test_a_question_asked_again_gets_a_short_pointer(runtime: Runtime) -> None:
    first = runtime.answerer.answer("이 상담 받는 데 돈이 드나요?", lang="ko")
    again = runtime.answerer.answer("이 상담 받는 데 돈이 드나요?", lang="ko", asked_before=["안녕하세요", *first.messages])
    assert again.repeated and not first.repeated
    assert again.messages != first.messages and len(again.messages[0]) < len(first.messages[0])
    assert "상담 비용" in again.messages[0]


@pytest.mark.parametrize("text", ["오늘 점심 메뉴 뭐가 좋을까요?", "이번 주말에 비 와요?", "부가세 신고는 언제까지 해요?",
                                  "직원 해고하려면 절차가 어떻게 돼요?"])
def test_off_topic_and_uncovered_questions_are_refused(runtime: Runtime, text: str) -> None:
    answer = runtime.answerer.answer(text, lang="ko")
    assert answer.kind == "abstain" and answer.citations == []
    assert "근거 자료가 없어서" in answer.messages[0]


def test_small_talk_gets_a_short_friendly_turn(runtime: Runtime) -> None:
    answer = runtime.answerer.answer("설명이 친절해서 좋네요 ㅎㅎ 고마워요", lang="ko")
    assert answer.kind == "smalltalk" and answer.citations == []


def test_an_answer_is_right_only_with_the_right_service_entry_aspect_and_handling() -> None:
    expect = Expect(kind="entry", entries=["program:a"], aspect="apply", stated=False)
    right = SideAnswer(kind="entry", key="program:a#apply", entry="program:a", aspect="apply", stated=False, messages=[])
    assert is_right(expect, right)
    assert not is_right(expect, right.model_copy(update={"stated": True}))
    assert not is_right(expect, right.model_copy(update={"aspect": "overview"}))
    assert not is_right(Expect(kind="service", service="cost"), SideAnswer(kind="service", key="", service="privacy",
                                                                           messages=[]))


def test_a_constant_answer_scores_low() -> None:
    cases = load_questions(QUESTIONS)
    for constant in (SideAnswer(kind="abstain", key="abstain", messages=[]),
                     SideAnswer(kind="service", key="service:cost", service="cost", messages=[])):
        report = evaluate_answers(lambda _, c=constant: c, cases)  # type: ignore[misc]
        assert report.right <= 0.3


def test_the_command_scores_the_answerer(runtime: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(quality, "_runtime", lambda: runtime)
    cases = [QuestionCase(id="a", question="이 상담 공짜예요?", expect=Expect(kind="service", service="cost")),
             QuestionCase(id="b", question="내일 비 와요?", expect=Expect(kind="abstain"))]
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(c.model_dump_json() + "\n" for c in cases), encoding="utf-8")
    result = CliRunner().invoke(eval_app, ["answers", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 2 and report["right"] == 1.0 and report["abstain_rate"] == 1.0
