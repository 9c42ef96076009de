"""Resume codes and extra device tokens in the session store, on both databases."""

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from intake.store import sessions
from intake.store.models import ChatSessionRow, utc_now


def new_session(factory: sessionmaker[Session], token: str = "first-token") -> str:
    with factory.begin() as db:
        return sessions.create_session(db, lang="ko", partner=None, token=token).id


def test_codes_are_short_unambiguous_and_forgiving_to_type() -> None:
    codes = {sessions.new_resume_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 8 and set(c) <= set(sessions.RESUME_ALPHABET) for c in codes)
    assert not set("ILOU") & set(sessions.RESUME_ALPHABET)
    assert sessions.format_resume_code("K7QF92XM") == "K7QF-92XM"
    for typed in ("K7QF-92XM", "k7qf92xm", " k7qf 92xm ", "K7QF–92XM", "k7qf-\t92xm"):
        assert sessions.normalise_resume_code(typed) == "K7QF92XM"
    # Look-alike letters typed for digits still find the code.
    assert sessions.normalise_resume_code("OI2L-ABCD") == "0121ABCD"
    for wrong in ("K7QF-92X", "K7QF-92XMM", "K7QF-92X!", "", "상담코드입니다요"):
        assert sessions.normalise_resume_code(wrong) is None


def test_resume_code_finds_the_session_and_grants_a_second_token(factory: sessionmaker[Session]) -> None:
    session_id = new_session(factory)
    with factory.begin() as db:
        code = sessions.assign_resume_code(db, session_id=session_id)
    with factory() as db:
        row = sessions.get_session(db, session_id=session_id)
        assert row is not None and row.resume_code_hash == sessions.hash_resume_code(code)
        assert code not in row.resume_code_hash
    with factory.begin() as db:
        found = sessions.find_by_resume_code(db, code=code, active_since=utc_now() - timedelta(days=30))
        assert found is not None and found.id == session_id
        sessions.grant_access(db, session_id=session_id, token="second-token")
    other = new_session(factory, "other-token")
    with factory() as db:
        row = sessions.get_session(db, session_id=session_id)
        assert row is not None
        assert sessions.grants_access(db, row, "first-token")
        assert sessions.grants_access(db, row, "second-token")
        assert not sessions.grants_access(db, row, "other-token")
        assert not sessions.grants_access(db, row, "second-token!")
        other_row = sessions.get_session(db, session_id=other)
        assert other_row is not None and not sessions.grants_access(db, other_row, "second-token")


def test_stale_sessions_are_not_found_by_code(factory: sessionmaker[Session]) -> None:
    session_id = new_session(factory)
    with factory.begin() as db:
        code = sessions.assign_resume_code(db, session_id=session_id)
        db.execute(update(ChatSessionRow).where(ChatSessionRow.id == session_id)
                   .values(updated_at=utc_now() - timedelta(days=31)))
    with factory() as db:
        assert sessions.find_by_resume_code(db, code=code, active_since=utc_now() - timedelta(days=30)) is None
        assert sessions.find_by_resume_code(db, code=code, active_since=utc_now() - timedelta(days=32)) is not None


def test_a_code_taken_by_another_session_is_drawn_again(factory: sessionmaker[Session]) -> None:
    first, second = new_session(factory, "a"), new_session(factory, "b")
    with factory.begin() as db:
        taken = sessions.assign_resume_code(db, session_id=first)
    draws = iter([taken, taken, "ABCD2345"])
    with factory.begin() as db:
        assert sessions.assign_resume_code(db, session_id=second, generate=lambda: next(draws)) == "ABCD2345"
    with factory() as db:
        found = sessions.find_by_resume_code(db, code=taken, active_since=utc_now() - timedelta(days=1))
        assert found is not None and found.id == first
        row = sessions.get_session(db, session_id=second)
        assert row is not None and row.resume_code_hash == sessions.hash_resume_code("ABCD2345")
    with pytest.raises(RuntimeError, match="no free resume code"), factory.begin() as db:
        sessions.assign_resume_code(db, session_id=second, generate=lambda: taken)
