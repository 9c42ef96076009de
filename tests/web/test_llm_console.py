"""Staff see on the case page whether and how a language model took part in a turn: what it
was given, what came of it and what was refused. Through real HTTP on the session runtime,
with langchain-core's fake chat model standing in for the configured model."""

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from application.accounts import Role
from application.runtime import Runtime
from assistant.engine import Engine
from assistant.llm import ModelAssist
from retrieval.similarity import EmbeddingOptionMatcher
from tests.intake_answers import DAEJEON_MOULD_MAKER, reply_to
from tests.store.test_llm_sessions import FOUNDED
from tests.web.test_console import SignIn, sign_in, team  # noqa: F401  (shared fixtures)


def test_the_transcript_notes_each_consultation(sign_in: SignIn, runtime: Runtime,  # noqa: F811
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine(knowledge=runtime.retriever, matcher=EmbeddingOptionMatcher(runtime.embedder),
                    answerer=runtime.answerer, mentor_contact_days=2,
                    model=ModelAssist(model=FakeListChatModel(responses=[FOUNDED]), name="fake", timeout_seconds=2))
    monkeypatch.setattr(runtime.chat, "engine", engine)
    answers = {**DAEJEON_MOULD_MAKER, "company.founded_year": "구십팔년도에 시작했어요"}
    started = runtime.chat.start(lang="ko", partner=None)
    turn, asked = started.turn, 0
    for n in range(45):
        if turn.expecting is None:
            break
        asked += turn.expecting == "company.founded_year"
        # The second time the founding year comes up is the read-back of the model's reading.
        text = "네" if turn.expecting == "company.founded_year" and asked == 2 else reply_to(turn.expecting, answers)
        turn = runtime.chat.post(session_id=started.session_id, token=started.token, client_message_id=f"m{n}",
                                 text=text)
    assert turn.expecting is None
    assert runtime.chat.replay_session(started.session_id).slots["company.founded_year"].value == 1998
    case_id = runtime.cases.case_for_session(started.session_id)
    assert case_id is not None
    page = sign_in(Role.staff).page(f"/console/cases/{case_id}")
    assert "언어 모델(fake) 답 읽기: 제안을 받아 썼어요(사장님 확인) · 가린 메시지를 보냈어요 · 거절 1건(동의 항목)" in page
