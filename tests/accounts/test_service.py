"""The account service on SQLite and PostgreSQL: users, passwords, login sessions."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from application.accounts import (
    AccountService,
    DuplicateEmail,
    Flash,
    InvalidCredentials,
    LastAdmin,
    NewUser,
    Profile,
    Role,
    UserNotFound,
    WeakPassword,
)
from application.accounts.models import LoginSessionRow, UserRow
from application.accounts.service import token_hash
from application.settings import Settings
from application.store.models import utc_now
from tests.accounts.conftest import PASSWORD, make_user, unique_email


def test_create_and_find_user_case_insensitively(accounts: AccountService) -> None:
    user = make_user(accounts, Role.lead, email="Lead.Kim@Example.KR", team="daejeon-1")
    assert user.email == "lead.kim@example.kr"
    assert (user.role, user.tier, user.team, user.capacity, user.active) == (Role.lead, 2, "daejeon-1", 5, True)
    assert user.last_login_at is None and not user.password_change_required
    assert accounts.find_by_email(" LEAD.kim@example.kr ") == user
    assert accounts.get_user(user.id) == user
    with pytest.raises(DuplicateEmail):
        make_user(accounts, Role.mentor, email="lead.KIM@example.kr")
    assert [u.email for u in accounts.list_users(team="daejeon-1")] == ["lead.kim@example.kr"]


def test_password_is_stored_only_as_argon2_hash(accounts: AccountService, writer: sessionmaker[Session]) -> None:
    user = make_user(accounts)
    with writer() as db:
        stored = db.scalar(select(UserRow.password_hash).where(UserRow.id == user.id))
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored


def test_weak_password_is_refused_at_creation(accounts: AccountService) -> None:
    with pytest.raises(WeakPassword) as refused:
        make_user(accounts, password="password123")
    assert refused.value.reason == "common"
    assert "common" in str(refused.value)
    with pytest.raises(WeakPassword) as short:
        make_user(accounts, password="short")
    assert short.value.reason == "too_short"


def test_new_user_input_is_validated() -> None:
    with pytest.raises(ValueError):
        NewUser(email="not-an-email", name="김", role=Role.mentor)
    with pytest.raises(ValueError):
        NewUser(email="a@example.kr", name="김", role="boss")
    with pytest.raises(ValueError):
        NewUser(email="a@example.kr", name="", role=Role.mentor)
    assert NewUser(email="a@example.kr", name=" 김 ", role=Role.mentor, team="").team is None


def test_authenticate(accounts: AccountService) -> None:
    user = make_user(accounts)
    assert accounts.authenticate(email=user.email.upper(), password=PASSWORD).id == user.id
    for email, password in [(user.email, PASSWORD + "x"), (unique_email(), PASSWORD), ("no email", PASSWORD)]:
        with pytest.raises(InvalidCredentials):
            accounts.authenticate(email=email, password=password)
    accounts.deactivate(user.id)
    with pytest.raises(InvalidCredentials):
        accounts.authenticate(email=user.email, password=PASSWORD)


def test_login_rehashes_a_hash_made_with_old_parameters(writer: sessionmaker[Session],
                                                        accounts: AccountService, settings: Settings) -> None:
    user = make_user(accounts)  # light parameters, as an older release might have used
    current = AccountService.from_settings(writer, settings)

    def stored() -> str:
        with writer() as db:
            value = db.scalar(select(UserRow.password_hash).where(UserRow.id == user.id))
            assert value is not None
            return value

    assert "m=8192,t=1,p=1" in stored()
    current.authenticate(email=user.email, password=PASSWORD)
    assert "m=65536,t=3,p=4" in stored()
    current.authenticate(email=user.email, password=PASSWORD)


def test_invited_user_must_change_the_generated_password(accounts: AccountService) -> None:
    user, password = accounts.invite_user(NewUser(email=unique_email(), name="박멘토", role=Role.mentor))
    assert user.password_change_required
    assert accounts.authenticate(email=user.email, password=password).id == user.id
    mine = accounts.start_session(user.id)
    other = accounts.start_session(user.id)
    with pytest.raises(InvalidCredentials):
        accounts.change_password(user_id=user.id, current_password="wrong", new_password="a new long phrase")
    with pytest.raises(WeakPassword):
        accounts.change_password(user_id=user.id, current_password=password, new_password="1234567890")
    changed = accounts.change_password(user_id=user.id, current_password=password,
                                       new_password="a new long phrase", keep_session=mine.token)
    assert not changed.password_change_required
    # Every other login of the user ends; the one that made the change goes on.
    assert accounts.resolve_session(mine.token) is not None
    assert accounts.resolve_session(other.token) is None
    with pytest.raises(InvalidCredentials):
        accounts.authenticate(email=user.email, password=password)


def test_reset_and_set_password_end_every_login(accounts: AccountService) -> None:
    user = make_user(accounts)
    issued = accounts.start_session(user.id)
    reset_user, fresh = accounts.reset_password(user.id)
    assert reset_user.password_change_required
    assert accounts.resolve_session(issued.token) is None
    assert accounts.authenticate(email=user.email, password=fresh).id == user.id
    with pytest.raises(WeakPassword):
        accounts.set_password(user.id, "qwertyuiop")
    assert not accounts.set_password(user.id, "another fine phrase").password_change_required
    with pytest.raises(UserNotFound):
        accounts.set_password("nobody", "another fine phrase")


def test_session_token_is_stored_only_as_its_hash(accounts: AccountService, writer: sessionmaker[Session]) -> None:
    user = make_user(accounts)
    issued = accounts.start_session(user.id)
    with writer() as db:
        row = db.get(LoginSessionRow, token_hash(issued.token))
        assert row is not None
        assert db.get(LoginSessionRow, issued.token) is None
    login = accounts.resolve_session(issued.token)
    assert login is not None and login.user.id == user.id and login.csrf_token == issued.csrf_token
    assert accounts.get_user(user.id).last_login_at is not None


def test_login_replaces_the_presented_session(accounts: AccountService) -> None:
    user = make_user(accounts)
    first = accounts.start_session(user.id)
    second = accounts.start_session(user.id, replacing=first.token)
    assert second.token != first.token and second.csrf_token != first.csrf_token
    assert accounts.resolve_session(first.token) is None
    assert accounts.resolve_session(second.token) is not None


def test_idle_and_absolute_expiry(accounts: AccountService, writer: sessionmaker[Session]) -> None:
    user = make_user(accounts)
    idle, old = accounts.start_session(user.id), accounts.start_session(user.id)
    now = utc_now()
    with writer.begin() as db:
        db.execute(update(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash(idle.token))
                   .values(last_seen_at=now - timedelta(minutes=480, seconds=1)))
        db.execute(update(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash(old.token))
                   .values(expires_at=now - timedelta(seconds=1)))
    assert accounts.resolve_session(idle.token) is None
    assert accounts.resolve_session(old.token) is None
    with writer() as db:
        # Dead sessions are deleted on sight.
        assert db.scalars(select(LoginSessionRow.token_hash).where(LoginSessionRow.user_id == user.id)).all() == []


def test_use_keeps_a_session_alive(accounts: AccountService, writer: sessionmaker[Session]) -> None:
    user = make_user(accounts)
    issued = accounts.start_session(user.id)
    with writer.begin() as db:
        db.execute(update(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash(issued.token))
                   .values(last_seen_at=utc_now() - timedelta(minutes=479)))
    assert accounts.resolve_session(issued.token) is not None
    with writer() as db:
        row = db.get(LoginSessionRow, token_hash(issued.token))
        assert row is not None and utc_now() - row.last_seen_at < timedelta(minutes=1)


def test_end_session_and_deactivate(accounts: AccountService) -> None:
    admin = make_user(accounts, Role.admin)
    user = make_user(accounts)
    first, second = accounts.start_session(user.id), accounts.start_session(user.id)
    accounts.end_session(first.token)
    assert accounts.resolve_session(first.token) is None
    assert accounts.resolve_session(second.token) is not None
    assert not accounts.deactivate(user.id).active
    assert accounts.resolve_session(second.token) is None
    assert accounts.activate(user.id).active
    assert [u.id for u in accounts.list_users(active_only=True) if u.id in (admin.id, user.id)] == [admin.id, user.id]


def test_the_last_admin_stays(accounts: AccountService) -> None:
    admin = make_user(accounts, Role.admin)
    with pytest.raises(LastAdmin):
        accounts.deactivate(admin.id)
    with pytest.raises(LastAdmin):
        accounts.update_profile(admin.id, Profile(name="관리자", role=Role.staff))
    second = make_user(accounts, Role.admin)
    assert not accounts.deactivate(admin.id).active
    with pytest.raises(LastAdmin):
        accounts.deactivate(second.id)


def test_update_profile(accounts: AccountService) -> None:
    user = make_user(accounts)
    updated = accounts.update_profile(user.id, Profile(name="김리드", role=Role.lead, team="t1", capacity=3))
    assert (updated.name, updated.role, updated.team, updated.capacity) == ("김리드", Role.lead, "t1", 3)
    with pytest.raises(UserNotFound):
        accounts.update_profile("nobody", Profile(name="x", role=Role.mentor))


def test_flashes_are_shown_once(accounts: AccountService) -> None:
    user = make_user(accounts)
    issued = accounts.start_session(user.id)
    accounts.add_flash(issued.token, Flash(kind="success", text="바꿨어요."))
    accounts.add_flash(issued.token, Flash(kind="error", text="안 됐어요."))
    peek = accounts.resolve_session(issued.token)
    assert peek is not None and peek.flashes == []
    taken = accounts.resolve_session(issued.token, take_flashes=True)
    assert taken is not None and [f.text for f in taken.flashes] == ["바꿨어요.", "안 됐어요."]
    again = accounts.resolve_session(issued.token, take_flashes=True)
    assert again is not None and again.flashes == []


def test_purge_expired_sessions(accounts: AccountService, writer: sessionmaker[Session]) -> None:
    user = make_user(accounts)
    live, dead = accounts.start_session(user.id), accounts.start_session(user.id)
    with writer.begin() as db:
        db.execute(update(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash(dead.token))
                   .values(expires_at=utc_now() - timedelta(seconds=1)))
    assert accounts.purge_expired_sessions() == 1
    assert accounts.resolve_session(live.token) is not None
