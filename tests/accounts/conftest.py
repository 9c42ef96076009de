"""Accounts run on both databases (the store's `database_url` fixture) and through the real
app: a TestClient per test, so each test starts with fresh rate-limit counters."""

import re
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from application.accounts import AccountService, NewUser, Role, User
from application.accounts.passwords import Passwords
from application.runtime import Runtime
from application.settings import Settings
from application.store.database import make_engine, session_factory
from application.store.migrate import upgrade_database
from tests.store.conftest import database_url, postgres_admin  # noqa: F401  (shared fixtures)
from web.app import create_app
from web.cookies import LOGIN_CSRF_COOKIE, SESSION_COOKIE

PASSWORD = "visits-6-times-a-month"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def writer(database_url: str) -> Iterator[sessionmaker[Session]]:  # noqa: F811
    upgrade_database(database_url)
    engine = make_engine(database_url)
    yield session_factory(engine)
    engine.dispose()


# argon2id with light parameters keeps the many hashes of the service tests quick; the
# service's own default parameters are exercised by the rehash test and the web tests.
LIGHT_HASHING = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


@pytest.fixture
def accounts(writer: sessionmaker[Session], settings: Settings) -> AccountService:
    return AccountService(writer, idle=timedelta(minutes=settings.login_idle_minutes),
                          lifetime=timedelta(days=settings.login_max_days), passwords=Passwords(LIGHT_HASHING))


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.kr"


def make_user(accounts: AccountService, role: Role = Role.mentor, *, email: str | None = None,
              password: str = PASSWORD, team: str | None = None, name: str = "김현장") -> User:
    return accounts.create_user(NewUser(email=email or unique_email(role.value), name=name, role=role, team=team),
                                password=password)


def csrf_from(html: str) -> str:
    found = CSRF_INPUT.search(html)
    assert found, "the page has no csrf_token input"
    return found.group(1)


def login(client: TestClient, email: str, password: str = PASSWORD, *, next_path: str = "") -> tuple[int, str]:
    """Signs in through the login form as a browser would; returns the status and Location.
    A browser already signed in is sent on from /login, so its form is fetched without the
    session cookie (as if opened before), which is then presented with the post."""
    held = [cookie for cookie in client.cookies.jar if cookie.name == SESSION_COOKIE]
    for cookie in held:
        client.cookies.jar.clear(cookie.domain, cookie.path, cookie.name)
    page = client.get("/login")
    for cookie in held:
        client.cookies.jar.set_cookie(cookie)
    response = client.post("/login", data={"email": email, "password": password, "next": next_path,
                                           "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    return response.status_code, response.headers.get("location", "")


@pytest.fixture
def client(settings: Settings, runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(settings, runtime=runtime)) as test_client:
        yield test_client


def plant_session(client: TestClient, token: str) -> None:
    """Puts a session cookie into the browser as the server would have set it."""
    client.get("/login")
    domain = next(cookie.domain for cookie in client.cookies.jar if cookie.name == LOGIN_CSRF_COOKIE)
    client.cookies.set(SESSION_COOKIE, token, domain=domain, path="/")
