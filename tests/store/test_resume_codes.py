"""Resume codes and extra device tokens in the session store, on both databases."""

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from application.chat import repository
from application.chat.errors import NoFreeResumeCode
from application.chat.models import ChatSessionRow
from application.store.models import utc_now


def new_session(factory: sessionmaker[Session], token: str = "first-token") -> str:
    with factory.begin() as db:
        return repository.create_session(db, lang="ko", partner=None, token=token).id


def test_codes_are_short_unambiguous_and_forgiving_to_type() -> None:
    codes = {repository.new_resume_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 8 and set(c) <= set(repository.RESUME_ALPHABET) for c in codes)
    assert not set("ILOU") & set(repository.RESUME_ALPHABET)
    assert repository.format_resume_code("K7QF92XM") == "K7QF-92XM"
    for typed in ("K7QF-92XM", "k7qf92xm", " k7qf 92xm ", "K7QF–92XM", "k7qf-\t92xm"):
        assert repository.normalise_resume_code(typed) == "K7QF92XM"
    # Look-alike letters typed for digits still find the code.
    assert repository.normalise_resume_code("OI2L-ABCD") == "0121ABCD"
    for wrong in ("K7QF-92X", "K7QF-92XMM", "K7QF-92X!", "", "상담코드입니다요"):
        assert repository.normalise_resume_code(wrong) is None


def test_resume_code_finds_the_session_and_grants_a_second_token(factory: sessionmaker[Session]) -> None:
    session_id = new_session(factory)
    with factory.begin() as db:
        code = repository.assign_resume_code(db, session_id=session_id)
    with factory() as db:
        row = repository.get_session(db, session_id=session_id)
        assert row is not None and row.resume_code_hash == repository.hash_resume_code(code)
        assert code not in row.resume_code_hash
    with factory.begin() as db:
        found = repository.find_by_resume_code(db, code=code, active_since=utc_now() - timedelta(days=30))
        assert found is not None and found.id == session_id
        repository.grant_access(db, session_id=session_id, token="second-token")
    other = new_session(factory, "other-token")
    with factory() as db:
        row = repository.get_session(db, session_id=session_id)
        assert row is not None
        assert repository.grants_access(db, row, "first-token")
        assert repository.grants_access(db, row, "second-token")
        assert not repository.grants_access(db, row, "other-token")
        assert not repository.grants_access(db, row, "second-token!")
        other_row = repository.get_session(db, session_id=other)
        assert other_row is not None and not repository.grants_access(db, other_row, "second-token")


def test_stale_sessions_are_not_found_by_code(factory: sessionmaker[Session]) -> None:
    session_id = new_session(factory)
    with factory.begin() as db:
        code = repository.assign_resume_code(db, session_id=session_id)
        db.execute(update(ChatSessionRow).where(ChatSessionRow.id == session_id)
                   .values(updated_at=utc_now() - timedelta(days=31)))
    with factory() as db:
        assert repository.find_by_resume_code(db, code=code, active_since=utc_now() - timedelta(days=30)) is None
        assert repository.find_by_resume_code(db, code=code, active_since=utc_now() - timedelta(days=32)) is not None


def test_a_code_taken_by_another_session_is_drawn_again(factory: sessionmaker[Session]) -> None:
    first, second = new_session(factory, "a"), new_session(factory, "b")
    with factory.begin() as db:
        taken = repository.assign_resume_code(db, session_id=first)
    draws = iter([taken, taken, "ABCD2345"])
    with factory.begin() as db:
        assert repository.assign_resume_code(db, session_id=second, generate=lambda: next(draws)) == "ABCD2345"
    with factory() as db:
        found = repository.find_by_resume_code(db, code=taken, active_since=utc_now() - timedelta(days=1))
        assert found is not None and found.id == first
        row = repository.get_session(db, session_id=second)
        assert row is not None and row.resume_code_hash == repository.hash_resume_code("ABCD2345")
    with pytest.raises(NoFreeResumeCode, match="no free resume code"), factory.begin() as db:
        repository.assign_resume_code(db, session_id=second, generate=lambda: taken)
