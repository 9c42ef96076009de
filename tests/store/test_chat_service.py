"""The chat service (engine + store + cases) on both databases: the same conversation,
idempotent posting, ordered concurrent posting, and resuming from a fresh connection."""

import threading

from sqlalchemy import Engine

from application.cases.service import CaseService, brief_builder
from application.chat.service import ChatService
from application.runtime import Runtime
from application.store.database import make_engine, session_factory
from tests.intake_answers import run_intake


def service(engine: Engine, runtime: Runtime) -> tuple[ChatService, CaseService]:
    cases = CaseService(session_factory(engine), build=brief_builder(runtime.kb, runtime.retriever, runtime.roster),
                        contact_days=runtime.cases.contact_days)
    chat = ChatService(runtime.engine, session_factory(engine), session_factory(engine, read_only=True),
                       on_ready=cases.ensure_case)
    return chat, cases


def test_whole_intake_creates_a_case(engine: Engine, runtime: Runtime) -> None:
    chat, cases = service(engine, runtime)
    session_id = run_intake(chat, partner="portal-a")
    assert chat.replay_session(session_id).brief_ready
    case_id = cases.case_for_session(session_id)
    assert case_id is not None
    brief = cases.get_brief(case_id)
    assert brief.partner == "portal-a"
    assert brief.company.employees == 25


def test_idempotent_and_ordered_posting(engine: Engine, runtime: Runtime) -> None:
    chat, _ = service(engine, runtime)
    started = chat.start(lang="ko", partner=None)
    first = chat.post(session_id=started.session_id, token=started.token, client_message_id="a", text="부산 카페")
    again = chat.post(session_id=started.session_id, token=started.token, client_message_id="a", text="다른 말")
    assert again == first
    texts = ["직원 5명", "2019년", "매출 3억", "건너뛸게요"]
    threads = [
        threading.Thread(target=chat.post, kwargs={"session_id": started.session_id, "token": started.token,
                                                   "client_message_id": f"t{i}", "text": t})
        for i, t in enumerate(texts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    state = chat.state(session_id=started.session_id, token=started.token)
    owner = [line.text for line in state.transcript if line.role == "owner"]
    assert owner[0] == "부산 카페"
    assert sorted(owner[1:]) == sorted(texts)
    roles = [line.role for line in state.transcript]
    assert all(roles[i + 1] == "assistant" for i, role in enumerate(roles[:-1]) if role == "owner")


def test_state_survives_a_new_connection(database_url: str, engine: Engine, runtime: Runtime) -> None:
    chat, _ = service(engine, runtime)
    started = chat.start(lang="en", partner=None)
    chat.post(session_id=started.session_id, token=started.token, client_message_id="x",
              text="We run a bakery in Jeju with 6 people")
    before = chat.state(session_id=started.session_id, token=started.token)
    fresh = make_engine(database_url)
    try:
        reopened, _ = service(fresh, runtime)
        assert reopened.state(session_id=started.session_id, token=started.token) == before
    finally:
        fresh.dispose()
