"""Insights run on both databases (the store's `database_url` fixture) with conversations and
cases made through the real chat, case and casework services (tests/casework/helpers.py)."""

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from application.accounts import AccountService
from application.runtime import Runtime
from application.settings import Settings
from application.store.database import make_engine, session_factory
from application.store.migrate import upgrade_database
from tests.casework.helpers import World, make_world
from tests.store.conftest import database_url, postgres_admin  # noqa: F401  (shared fixtures)

Stores = tuple[sessionmaker[Session], sessionmaker[Session]]


@pytest.fixture
def stores(database_url: str) -> Iterator[Stores]:  # noqa: F811
    upgrade_database(database_url)
    engine = make_engine(database_url)
    yield session_factory(engine), session_factory(engine, read_only=True)
    engine.dispose()


@pytest.fixture
def world(stores: Stores, runtime: Runtime, settings: Settings) -> World:
    writer, reader = stores
    return make_world(runtime, writer, reader, AccountService.from_settings(writer, settings))
