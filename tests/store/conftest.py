"""Every store test runs on both databases: SQLite in a temporary folder and the real PostgreSQL
server, each test in a schema of its own that is dropped afterwards."""

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from application.store.database import make_engine, session_factory
from application.store.migrate import upgrade_database

POSTGRES_URLS = [
    os.environ.get("TEST_POSTGRES_URL", ""),
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "postgresql+psycopg://root@127.0.0.1:5432/test",
]


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    problems = []
    for url in filter(None, POSTGRES_URLS):
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect():
                pass
        except OperationalError as exc:
            problems.append(f"{make_url(url).render_as_string()}: {exc.orig}")
            engine.dispose()
            continue
        yield engine
        engine.dispose()
        return
    pytest.fail(
        "PostgreSQL is not reachable; start it with "
        "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`\n" + "\n".join(problems)
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A URL of an empty database; the SQLite file's folder does not exist yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('store') / 'data' / 'intake.sqlite3'}"
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    # The schema travels inside the URL, so subprocesses and alembic given the URL use it too.
    url = admin.url.set(query={"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    upgrade_database(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def factory(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


@pytest.fixture
def reader(engine: Engine) -> sessionmaker[Session]:
    """Sessions that read a snapshot without the write lock, as the chat service's reader."""
    return session_factory(engine, read_only=True)
