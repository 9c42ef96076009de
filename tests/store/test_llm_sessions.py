"""The optional language model through the real service path on both databases: a session
posting messages, the consultation stored as an event and replayed onto the transcript, and a
stalled model costing the owner one short wait and nothing else. Only langchain-core's fake
chat models stand in for the model."""

import json
import time

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from sqlalchemy import Engine as Database

from application.chat.service import ChatService
from application.runtime import Runtime
from application.store.database import session_factory
from assistant.engine import Engine
from assistant.llm import ModelAssist
from retrieval.similarity import EmbeddingOptionMatcher

FOUNDED = json.dumps({"commands": [{"kind": "set_slot", "slot": "company.founded_year", "value": 1998,
                                    "quote": "구십팔년도에"},
                                   {"kind": "consent_answer", "given": True}]}, ensure_ascii=False)


def chat_with(database: Database, runtime: Runtime, model: FakeListChatModel, timeout: float = 2.0) -> ChatService:
    engine = Engine(knowledge=runtime.retriever, matcher=EmbeddingOptionMatcher(runtime.embedder),
                    answerer=runtime.answerer, mentor_contact_days=2,
                    model=ModelAssist(model=model, name="fake", timeout_seconds=timeout))
    return ChatService(engine, session_factory(database), session_factory(database, read_only=True))


def test_a_models_reading_is_stored_read_back_and_confirmed(engine: Database, runtime: Runtime) -> None:
    chat = chat_with(engine, runtime, FakeListChatModel(responses=[FOUNDED]))
    started = chat.start(lang="ko", partner=None)
    post = lambda n, text: chat.post(session_id=started.session_id, token=started.token,  # noqa: E731
                                     client_message_id=f"m{n}", text=text)
    post(0, "대전에서 직원 25명으로 금형 만드는 회사입니다")
    turn = post(1, "구십팔년도에 시작했어요")
    assert turn.expecting == "company.founded_year" and "1998" in turn.messages[-1]
    state = chat.replay_session(started.session_id)
    assert state.consent is None and state.confirming
    [line] = [line for line in state.transcript if line.text == "구십팔년도에 시작했어요"]
    [use] = line.model_uses
    assert (use.purpose, use.outcome, use.accepted) == ("commands", "used", ["set_slot:company.founded_year"])
    assert [(r.command, r.reason) for r in use.refused] == [("consent_answer", "consent")]
    post(2, "네")
    confirmed = chat.replay_session(started.session_id).slots["company.founded_year"]
    assert (confirmed.value, confirmed.method, confirmed.confirmed) == (1998, "llm:fake", True)


def test_a_stalled_model_costs_one_short_wait(engine: Database, runtime: Runtime) -> None:
    stalled = FakeListChatModel(responses=[FOUNDED], sleep=30)
    chat = chat_with(engine, runtime, stalled, timeout=0.5)
    started = chat.start(lang="ko", partner=None)
    chat.post(session_id=started.session_id, token=started.token, client_message_id="a",
              text="대전에서 직원 25명으로 금형 만드는 회사입니다")
    began = time.monotonic()
    turn = chat.post(session_id=started.session_id, token=started.token, client_message_id="b",
                     text="구십팔년도에 시작했어요")
    assert time.monotonic() - began < 5
    assert turn.expecting == "company.founded_year" and "company.founded_year" not in chat.replay_session(
        started.session_id).slots
    owner = [line for line in chat.replay_session(started.session_id).transcript if line.role == "owner"]
    assert [use.outcome for use in owner[-1].model_uses] == ["timeout"]
