"""Engines and sessions for the store: SQLite (one file, the default) or PostgreSQL."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Connection, Engine, ExceptionContext, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000
# Execution option of read-only sessions: on SQLite they get a plain (deferred) BEGIN, which in
# WAL mode reads a snapshot without taking the write lock.
READ_ONLY = "intake_read_only"


@dataclass(frozen=True)
class Timeouts:
    """How long the store waits on the database before the request fails (and is answered
    503) instead of hanging until every worker thread is stuck. None: wait as long as it takes
    (migrations, whose lock waits and table rewrites may be long)."""

    # SQLite: how long a writer waits for the file's write lock ("database is locked" after).
    sqlite_busy_ms: int = SQLITE_BUSY_TIMEOUT_MS
    # PostgreSQL: the whole connection set-up (libpq connect_timeout, whole seconds, at least 2),
    # and how long a free connection of the pool is waited for.
    connect_s: int | None = None
    # PostgreSQL: any one statement (statement_timeout, enforced by the server).
    statement_ms: int | None = None


def _dump_json(value: Any) -> str:
    # Korean stays readable in the SQLite file and in exports instead of turning into \uXXXX.
    return json.dumps(value, ensure_ascii=False)


def make_engine(url: str, timeouts: Timeouts | None = None) -> Engine:
    """Statements' parameters are owners' and staff's personal data (e-mail addresses, password
    hashes, messages): `hide_parameters` keeps them out of error messages and logs."""
    timeouts = timeouts or Timeouts()
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True, json_serializer=_dump_json, hide_parameters=True,
                               **_postgres_timeouts(url, timeouts))
        event.listen(engine, "handle_error", _primary_message_only)
        return engine

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, json_serializer=_dump_json, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # sqlite3 would BEGIN only before DML and never before SELECT; taking BEGIN over (below)
        # makes every transaction, DDL included, a real one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # First, so that switching a new file to WAL also waits for a process doing the same.
            cursor.execute(f"PRAGMA busy_timeout={int(timeouts.sqlite_busy_ms)}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            # FULL, not WAL's usual NORMAL: an acknowledged turn must survive a power cut too.
            cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front, so a second writer waits (busy_timeout) at
        # BEGIN instead of failing later when a read lock cannot be upgraded.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _postgres_timeouts(url: str, timeouts: Timeouts) -> dict[str, Any]:
    """create_engine arguments; a connect_timeout written into the URL wins over the setting,
    and the URL's own `options` (a search_path, say) are kept."""
    query = make_url(url).query
    arguments: dict[str, Any] = {}
    connect_args: dict[str, Any] = {}
    if timeouts.connect_s is not None:
        arguments["pool_timeout"] = timeouts.connect_s
        if "connect_timeout" not in query:
            connect_args["connect_timeout"] = timeouts.connect_s
    if timeouts.statement_ms is not None:
        given = query.get("options", "")
        options = [*([given] if isinstance(given, str) else given), f"-c statement_timeout={int(timeouts.statement_ms)}"]
        connect_args["options"] = " ".join(option for option in options if option)
    if connect_args:
        arguments["connect_args"] = connect_args
    return arguments


def _primary_message_only(context: ExceptionContext) -> None:
    """PostgreSQL's error text quotes the values too ("DETAIL: Key (email)=(…) already exists")
    and psycopg cannot be told to leave that out (libpq's terse verbosity): the error keeps its
    class, SQLSTATE and diagnostics, and its message keeps the primary line only."""
    error, wrapped = context.original_exception, context.sqlalchemy_exception
    primary = error.diag.message_primary if isinstance(error, psycopg.Error) else None
    if not primary:
        return
    error.args = (primary,)
    if wrapped is not None:
        # SQLAlchemy wrote its message from the full text before this hook runs.
        wrapped.args = (f"({type(error).__module__}.{type(error).__name__}) {primary}",)


def session_factory(engine: Engine, *, read_only: bool = False) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (the caller commits, then renders).

    `read_only=True` is for requests that only read: on SQLite they then neither wait for nor
    block a writer; a write in such a session may fail with "database is locked"."""
    bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
    return sessionmaker(bind=bind, expire_on_commit=False)
