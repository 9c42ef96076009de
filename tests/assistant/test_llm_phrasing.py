"""Side answers phrased by a language model (INTAKE_LLM_PHRASING), with the real retriever and
langchain-core's fake chat models: a rewrite is kept only when every sentence is borne out by
the passage it cites (LLM09 misinformation), the citations stay the passages' own, and the
model's failures leave the plain quoted answer (LLM05)."""

import json
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from application.runtime import Runtime
from assistant.engine import Engine
from assistant.events import ModelConsulted
from assistant.llm import ModelAssist, supported
from assistant.turns import Turn
from prompts.llm import load_model_prompts
from tests.assistant.conftest import Chat
from tests.assistant.test_llm import Sent

QUESTION = "스마트공장 지원 금액은 얼마예요?"
PASSAGE = "스마트공장 전문인력도 2022년까지 6만 명 양성할 계획이에요."
CLOCK = datetime(2026, 12, 7, 9, tzinfo=UTC)


def engine(runtime: Runtime, model: Any = None, *, timeout: float = 2.0, free_text: bool = True) -> Engine:
    assist = ModelAssist(model=model, name="fake", timeout_seconds=timeout, send_free_text=free_text,
                         phrasing=True) if model is not None else None
    return Engine(clock=lambda: CLOCK, mentor_contact_days=2, answerer=runtime.answerer, model=assist)


def phrased(*sentences: tuple[str, int]) -> str:
    return json.dumps({"sentences": [{"text": t, "passage": p} for t, p in sentences]}, ensure_ascii=False)


def ask(e: Engine, question: str = QUESTION, lang: str = "ko") -> tuple[Turn, list[ModelConsulted]]:
    chat = Chat(e, lang)
    step = chat.say(question)
    return step.turn, [ev for ev in step.events if isinstance(ev, ModelConsulted) and ev.purpose == "phrasing"]


@pytest.fixture
def plain(runtime: Runtime) -> Turn:
    turn, _ = ask(engine(runtime))
    assert any(PASSAGE in m for m in turn.messages), "the dev knowledge base quotes this passage"
    return turn


def test_a_rewrite_borne_out_by_its_passage_is_used_with_the_passages_citations(runtime: Runtime, plain: Turn) -> None:
    rewrite = "2022년까지 스마트공장 전문인력 6만 명을 양성할 계획이에요."
    turn, [record] = ask(engine(runtime, FakeListChatModel(responses=[phrased((rewrite, 1))])))
    assert any(rewrite in m for m in turn.messages) and not any(PASSAGE in m for m in turn.messages)
    assert turn.citations == plain.citations
    assert (record.purpose, record.outcome, record.sent) == ("phrasing", "used", "message")


@pytest.mark.parametrize("rewrite", [
    "스마트공장 전문인력을 2022년까지 10만 명 양성할 계획이에요.",  # a figure the passage lacks
    "스마트공장 전문인력을 2025년까지 6만 명 양성할 계획이에요.",  # a date it lacks
    "내일채움공제로 스마트공장 전문인력 6만 명을 지원해요.",  # another programme
    "스마트공장 전문인력을 양성할 계획은 없어요.",  # the passage turned around
    "스마트공장 전문인력도 2022년까지 6만 명 양성할 계획이다.",  # not 해요체
    "AI 바우처로 스마트공장 전문인력 6만 명을 양성할 계획이에요.",  # a name it lacks
])
def test_a_sentence_the_passage_does_not_bear_out_leaves_the_plain_answer(runtime: Runtime, plain: Turn,
                                                                          rewrite: str) -> None:
    turn, [record] = ask(engine(runtime, FakeListChatModel(responses=[phrased((rewrite, 1))])))
    assert turn == plain
    assert record.outcome == "refused" and record.refused[0].reason == "unsupported"


def test_a_leaked_system_prompt_or_a_passage_that_was_not_given_is_refused(runtime: Runtime, plain: Turn) -> None:
    leak = load_model_prompts().phrasing_system.splitlines()[0]
    for reply in (phrased((leak, 1)), phrased(("스마트공장 전문인력을 6만 명 양성할 계획이에요.", 2)),
                  phrased(("스마트공장 전문인력을 6만 명 양성할 계획이에요.", 0)), "6만 명이에요", "{}"):
        turn, [record] = ask(engine(runtime, FakeListChatModel(responses=[reply])))
        assert turn == plain, reply
        assert record.outcome in ("refused", "malformed")


def test_a_stalled_model_is_given_up_on_quickly(runtime: Runtime, plain: Turn) -> None:
    model = FakeListChatModel(responses=[phrased(("스마트공장 전문인력을 6만 명 양성할 계획이에요.", 1))], sleep=30)
    started = time.monotonic()
    turn, [record] = ask(engine(runtime, model, timeout=0.5))
    assert time.monotonic() - started < 3
    assert turn == plain and record.outcome == "timeout"


def test_without_free_text_only_the_passages_are_sent(runtime: Runtime) -> None:
    sent = Sent()
    model = FakeListChatModel(responses=[phrased(("스마트공장 전문인력을 6만 명 양성할 계획이에요.", 1))], callbacks=[sent])
    _, [record] = ask(engine(runtime, model, free_text=False), "저 김민수인데요 010-2222-3333, 스마트공장 지원 금액은 얼마예요?")
    assert not any("김민수" in prompt or "3333" in prompt for prompt in sent.prompts)
    [prompt] = [prompt for prompt in sent.prompts if PASSAGE in prompt]
    assert "얼마예요" not in prompt
    assert record.sent == "passages"


def test_answers_in_english_and_refusals_are_never_sent(runtime: Runtime) -> None:
    sent = Sent()
    model = FakeListChatModel(responses=["{}"], callbacks=[sent])
    e = engine(runtime, model)
    _, english = ask(e, "How much does the smart factory programme give?", lang="en")
    _, refused = ask(e, "이번 주말에 비 와요?")
    assert english == refused == []
    phrasing = load_model_prompts().phrasing_system.splitlines()[0]
    assert phrasing and not any(phrasing in prompt for prompt in sent.prompts)


@given(st.integers(min_value=0, max_value=10**9).filter(lambda n: str(n) not in PASSAGE.replace(",", "")))
def test_a_number_the_passage_lacks_is_never_borne_out(n: int) -> None:
    assert not supported(f"스마트공장 전문인력을 {n}명 양성할 계획이에요.", PASSAGE)
    assert supported("스마트공장 전문인력을 2022년까지 6만 명 양성할 계획이에요.", PASSAGE)
