import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from application.runtime import Runtime, build_runtime
from application.settings import Settings
from tests.store.conftest import postgres_admin  # noqa: F401  (shared fixture)
from web.app import create_app


@pytest.fixture(scope="session")
def client(settings: Settings, runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(settings, runtime=runtime)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def pg_runtime(settings: Settings, runtime: Runtime, postgres_admin: Engine) -> Iterator[Runtime]:  # noqa: F811
    """The same service on the real PostgreSQL server, in a schema of its own. It shares the
    SQLite runtime's data folder, so its Chroma index is already in sync (`runtime` first)."""
    schema = f"t_web_{uuid.uuid4().hex[:12]}"
    with postgres_admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = postgres_admin.url.set(query={"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    yield build_runtime(settings.model_copy(update={"database_url": url}))
    with postgres_admin.connect() as connection:
        connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(scope="session")
def pg_client(pg_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(pg_runtime.settings, runtime=pg_runtime)) as test_client:
        yield test_client


@pytest.fixture(params=["sqlite", "postgresql"])
def db_client(request: pytest.FixtureRequest) -> TestClient:
    """The app on each database."""
    found: TestClient = request.getfixturevalue("client" if request.param == "sqlite" else "pg_client")
    return found
