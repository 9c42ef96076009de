import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from application.chat import repository
from application.chat.errors import ConcurrentUpdate, DuplicateMessage, InvalidEvent, SessionNotFound
from application.chat.models import PostedMessageRow, SessionEventRow
from application.store.database import make_engine, session_factory

EVENTS: list[dict[str, Any]] = [
    {
        "type": "user_uttered",
        "text": "직원 12명, 제조업이고 ERP 도입을 고민 중입니다.",
        "at": "2026-11-23T09:00:00+00:00",
    },
    {
        "type": "slot_set",
        "slot": "company",
        "value": {"employees": 12, "industry": "제조", "tools": ["엑셀", "카카오톡"], "erp": None},
    },
    {"type": "bot_uttered", "text": "업종을 확인했어요.", "options": [{"label": "예", "value": True}]},
]
TURN = {
    "messages": ["업종을 확인했어요."],
    "expecting": "industry",
    "options": [],
    "citations": [],
    "brief_ready": False,
}


def new_session(factory: sessionmaker[Session], token: str = "secret-token") -> str:
    with factory.begin() as db:
        return repository.create_session(db, lang="ko", partner="daejeon", token=token).id


def test_create_get_and_verify_token(factory: sessionmaker[Session]) -> None:
    token = repository.new_token()
    session_id = new_session(factory, token)
    with factory() as db:
        row = repository.get_session(db, session_id=session_id)
        assert row is not None
        assert (row.lang, row.partner, row.event_count, row.finished) == ("ko", "daejeon", 0, False)
        assert len(row.id) == 32
        assert token not in row.token_hash
        assert repository.verify_token(row, token)
        assert not repository.verify_token(row, token + "x")
        assert not repository.verify_token(row, "")
        assert row.created_at.tzinfo is not None
        assert abs((datetime.now(UTC) - row.created_at).total_seconds()) < 60
        assert repository.get_session(db, session_id="0" * 32) is None


def test_append_and_load_round_trip(factory: sessionmaker[Session]) -> None:
    session_id = new_session(factory)
    with factory.begin() as db:
        last = repository.append(
            db, session_id=session_id, expected_seq=0, events=EVENTS[:2], client_message_id="m1", turn=TURN
        )
        assert last == 2
    with factory.begin() as db:
        assert (
            repository.append(
                db, session_id=session_id, expected_seq=2, events=EVENTS[2:], client_message_id="m2", turn={}
            )
            == 3
        )
    with factory() as db:
        assert repository.load_events(db, session_id=session_id) == EVENTS
        rows = db.scalars(select(SessionEventRow).order_by(SessionEventRow.seq)).all()
        assert [(row.seq, row.type) for row in rows] == [(1, "user_uttered"), (2, "slot_set"), (3, "bot_uttered")]
        assert repository.find_posted(db, session_id=session_id, client_message_id="m1") == TURN
        assert repository.find_posted(db, session_id=session_id, client_message_id="m3") is None
        assert db.get(PostedMessageRow, (session_id, "m2")).first_seq == 3  # type: ignore[union-attr]
        row = repository.get_session(db, session_id=session_id)
        assert row is not None and row.event_count == 3 and row.updated_at >= row.created_at


def test_korean_is_stored_readable(factory: sessionmaker[Session], engine: Engine) -> None:
    session_id = new_session(factory)
    with factory.begin() as db:
        repository.append(db, session_id=session_id, expected_seq=0, events=EVENTS[:1], client_message_id="m", turn=TURN)
    with engine.connect() as connection:
        stored = connection.scalar(text("SELECT CAST(payload AS TEXT) FROM session_events"))
    assert stored is not None and "제조업" in stored


def test_stale_expected_seq_is_a_concurrent_update(factory: sessionmaker[Session]) -> None:
    session_id = new_session(factory)
    with factory.begin() as db:
        repository.append(db, session_id=session_id, expected_seq=0, events=EVENTS[:1], client_message_id="a", turn={})
    with pytest.raises(ConcurrentUpdate), factory.begin() as db:
        repository.append(db, session_id=session_id, expected_seq=0, events=EVENTS[1:], client_message_id="b", turn={})
    with factory() as db:
        assert repository.load_events(db, session_id=session_id) == EVENTS[:1]


def test_rows_the_counter_missed_are_a_concurrent_update(factory: sessionmaker[Session]) -> None:
    session_id = new_session(factory)
    with factory.begin() as db:
        db.add(SessionEventRow(session_id=session_id, seq=1, type="stray", payload={"type": "stray"}))
    with pytest.raises(ConcurrentUpdate) as caught, factory.begin() as db:
        repository.append(db, session_id=session_id, expected_seq=0, events=EVENTS[:1], client_message_id="a", turn={})
    assert caught.value.expected_seq == 0


def test_recorded_message_is_a_duplicate(factory: sessionmaker[Session]) -> None:
    session_id = new_session(factory)
    with factory.begin() as db:
        repository.append(db, session_id=session_id, expected_seq=0, events=EVENTS[:1], client_message_id="a", turn={})
    with pytest.raises(DuplicateMessage), factory.begin() as db:
        repository.append(db, session_id=session_id, expected_seq=1, events=EVENTS[1:], client_message_id="a", turn={})


def test_append_refuses_bad_input(factory: sessionmaker[Session]) -> None:
    session_id = new_session(factory)
    with factory.begin() as db:
        with pytest.raises(SessionNotFound):
            repository.append(db, session_id="0" * 32, expected_seq=0, events=[], client_message_id="a", turn={})
        for client_message_id in ("", "x" * 101):
            with pytest.raises(InvalidEvent, match="client_message_id"):
                repository.append(
                    db, session_id=session_id, expected_seq=0, events=[], client_message_id=client_message_id, turn={}
                )
        with pytest.raises(InvalidEvent, match="type"):
            repository.append(
                db, session_id=session_id, expected_seq=0, events=[{"text": "?"}], client_message_id="a", turn={}
            )
        assert (
            repository.append(db, session_id=session_id, expected_seq=0, events=[], client_message_id="x" * 100, turn={})
            == 0
        )


def test_finish_session(factory: sessionmaker[Session]) -> None:
    session_id = new_session(factory)
    with factory.begin() as db:
        repository.finish_session(db, session_id=session_id)
        with pytest.raises(SessionNotFound):
            repository.finish_session(db, session_id="0" * 32)
    with factory() as db:
        row = repository.get_session(db, session_id=session_id)
        assert row is not None and row.finished


def test_rows_survive_a_new_engine(factory: sessionmaker[Session], engine: Engine, database_url: str) -> None:
    session_id = new_session(factory, "tok")
    with factory.begin() as db:
        repository.append(db, session_id=session_id, expected_seq=0, events=EVENTS, client_message_id="m", turn=TURN)
    engine.dispose()
    reopened = make_engine(database_url)
    try:
        with session_factory(reopened)() as db:
            row = repository.get_session(db, session_id=session_id)
            assert row is not None and repository.verify_token(row, "tok") and row.event_count == 3
            assert row.created_at.tzinfo is not None
            assert repository.load_events(db, session_id=session_id) == EVENTS
            assert repository.find_posted(db, session_id=session_id, client_message_id="m") == TURN
    finally:
        reopened.dispose()


def test_readers_do_not_wait_for_a_writer(factory: sessionmaker[Session], engine: Engine) -> None:
    session_id = new_session(factory)
    readers = session_factory(engine, read_only=True)
    with factory.begin() as writer:
        assert repository.lock_session(writer, session_id=session_id) is not None
        repository.append(
            writer, session_id=session_id, expected_seq=0, events=EVENTS[:1], client_message_id="m", turn={}
        )
        started = time.monotonic()
        with readers() as reader:
            assert repository.load_events(reader, session_id=session_id) == []
        assert time.monotonic() - started < 1
    with readers() as reader:
        assert repository.load_events(reader, session_id=session_id) == EVENTS[:1]


def test_sqlite_file_is_set_up_for_concurrent_writers(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'folder' / 'intake.sqlite3'}")
    try:
        with engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() == 5000
            assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        engine.dispose()
