"""Tests that edit the knowledge base get a runtime of their own (own database, own copy of
the index), so the shared session `runtime` never sees their edits.

Its index is a copy of the session runtime's, so building it re-embeds only what differs:
the entry edited in the database before start-up, which is how the overlay at start-up is
tested (tests/catalog/test_overlay.py)."""

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from application.accounts import Role
from application.catalog.entries import EntryAdmin
from application.catalog.versions import Action, Author, ItemKind, append
from application.runtime import Runtime, build_runtime
from application.settings import Settings
from application.store.database import make_engine, session_factory
from application.store.migrate import upgrade_database
from knowledge.loader import load_knowledge_base
from tests.accounts.conftest import csrf_from, login, make_user

# The database/fixtures of tests/store, for tests that run on SQLite and PostgreSQL.
from tests.store.conftest import database_url, engine, factory, postgres_admin  # noqa: F401
from web.app import create_app

STAFF = Author(id="staff-1", name="김운영")
# Edited in the database before the editable runtime starts.
EDITED_AT_START = "program:kasdi-re100"
START_SUMMARY = "재생에너지 100% 전환을 돕는 시작 전 수정본 요약이에요. 태양광발전소 옥상 설치 상담도 해요."


@pytest.fixture(scope="session")
def editable_settings(settings: Settings, runtime: Runtime, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data = tmp_path_factory.mktemp("kbadmin-data")
    # The session runtime has finished building its index, so its folder is at rest.
    shutil.copytree(settings.chroma_path, data / "chroma")
    # A fresh object, not model_copy: that would carry over the cached SQLite path.
    return Settings(**{**settings.model_dump(), "data_dir": data}, _env_file=None)


def _store_an_edit_before_start(settings: Settings) -> None:
    url = settings.effective_database_url
    upgrade_database(url)
    database = make_engine(url)
    try:
        kb, _ = load_knowledge_base(settings.knowledge_dir, settings.seeds_dir)
        shipped = kb.entries[EDITED_AT_START]
        edited = shipped.model_copy(deep=True)
        edited.summary.ko = START_SUMMARY
        with session_factory(database).begin() as db:
            append(db, kind=ItemKind.ENTRY, item_id=EDITED_AT_START, content=edited.model_dump(mode="json"),
                   action=Action.EDIT, author=STAFF, original=shipped.model_dump(mode="json"))
    finally:
        database.dispose()


@pytest.fixture(scope="session")
def editable_runtime(editable_settings: Settings) -> Iterator[Runtime]:
    _store_an_edit_before_start(editable_settings)
    yield build_runtime(editable_settings)


@pytest.fixture
def entries(editable_runtime: Runtime) -> EntryAdmin:
    return EntryAdmin(editable_runtime.knowledge)


def signed_in_client(settings: Settings, runtime: Runtime, role: Role, name: str) -> TestClient:
    """A client of the real app (not yet entered) that signs in as a new user of `role`
    through the login form once entered."""
    user = make_user(runtime.accounts, role, name=name)
    client = TestClient(create_app(settings, runtime=runtime))
    client.__enter__()
    status, _ = login(client, user.email)
    assert status == 303
    return client


@pytest.fixture(scope="module")
def staff_client(editable_settings: Settings, editable_runtime: Runtime) -> Iterator[TestClient]:
    client = signed_in_client(editable_settings, editable_runtime, Role.staff, "김운영")
    yield client
    client.__exit__(None, None, None)


def csrf(client: TestClient, path: str) -> str:
    return csrf_from(client.get(path).text)


def shipped_entry(entry_id: str) -> dict[str, Any]:
    """A shipped entry as plain data (a fresh copy to change)."""
    kb, _ = load_knowledge_base()
    data: dict[str, Any] = kb.entries[entry_id].model_dump(mode="json")
    return data
