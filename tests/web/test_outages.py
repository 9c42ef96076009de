"""Outages of the database, answered politely: 503 `unavailable` with Retry-After on a connection
that stays open, within the store's timeouts, `/health/ready` says so while `/health` and
`/health/live` still answer, and a full disk loses nothing that was acknowledged.

The app runs on a real uvicorn server (keep-alive is a property of the server). The session
`runtime` stays as it is except for the part under test: its chat service (and the database
the readiness probe pings) are rebuilt on the broken database, since a whole runtime cannot
be started on a database that refuses its migrations."""

import asyncio
import dataclasses
import http.client
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import Engine, event

from application.chat.service import ChatService
from application.runtime import Runtime
from application.settings import Settings
from application.store.database import Timeouts, make_engine, session_factory
from application.store.migrate import migrated_engine
from tests.web.browser.conftest import free_port, serve
from web.app import create_app

SHORT = Timeouts(sqlite_busy_ms=300, connect_s=2, statement_ms=2000)


def on_database(runtime: Runtime, database: Engine) -> Runtime:
    chat = ChatService(runtime.engine, session_factory(database), session_factory(database, read_only=True))
    return dataclasses.replace(runtime, chat=chat, database=database)


@contextmanager
def served(settings: Settings, runtime: Runtime) -> Iterator[http.client.HTTPConnection]:
    """One keep-alive HTTP connection to the app on a live server."""
    with serve(create_app(settings, runtime=runtime)) as url:
        address = urlparse(url)
        connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=30)
        try:
            yield connection
        finally:
            connection.close()


def call(connection: http.client.HTTPConnection, method: str, path: str,
         body: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
         ) -> tuple[int, dict[str, str], Any]:
    connection.request(method, path, body=json.dumps(body) if body is not None else None,
                       headers={"Content-Type": "application/json", **(headers or {})})
    response = connection.getresponse()
    payload = response.read()
    assert not response.will_close, "the server closed the keep-alive connection"
    return response.status, {k.lower(): v for k, v in response.getheaders()}, json.loads(payload) if payload else None


def assert_unavailable(status: int, headers: dict[str, str], body: Any) -> None:
    assert status == 503, body
    assert int(headers["retry-after"]) > 0
    assert body["error"]["code"] == "unavailable"
    assert "다시" in body["error"]["message"]


def assert_outage_answered(connection: http.client.HTTPConnection, within: float) -> None:
    """A new chat, the probes, and one more request on the same connection."""
    started = time.monotonic()
    assert_unavailable(*call(connection, "POST", "/api/sessions", {"lang": "ko"}))
    assert time.monotonic() - started < within
    socket_before = connection.sock
    assert socket_before is not None
    started = time.monotonic()
    status, _, body = call(connection, "GET", "/health/ready")
    assert time.monotonic() - started < 5
    assert (status, body["status"], body["database"]) == (503, "unavailable", "unavailable")
    assert call(connection, "GET", "/health")[::2] == (200, {"status": "ok"})
    assert call(connection, "GET", "/health/live")[::2] == (200, {"status": "ok"})
    assert connection.sock is socket_before


def closed_port() -> int:
    """A loopback port found free and left closed: connections to it are refused at once."""
    return free_port()


def test_database_that_refuses(settings: Settings, runtime: Runtime) -> None:
    refused = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/test", SHORT)
    with served(settings, on_database(runtime, refused)) as connection:
        assert call(connection, "GET", "/health/ready")[0] == 503
        assert_outage_answered(connection, within=5)


@contextmanager
def silent_server() -> Iterator[int]:
    """A PostgreSQL stand-in that accepts connections and never says a word: what a database
    host looks like whose server process hangs. No real server can be made to do that on cue,
    so this tiny asyncio server, in a thread of its own, plays it."""
    loop = asyncio.new_event_loop()
    started, stop = threading.Event(), asyncio.Event()
    port = free_port()

    async def accept(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await stop.wait()  # the connection stays open and silent until the test ends
        writer.close()

    async def main() -> None:
        async with await asyncio.start_server(accept, "127.0.0.1", port):
            started.set()
            await stop.wait()

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    assert started.wait(timeout=10)
    try:
        yield port
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=10)


def test_database_that_accepts_and_never_answers(settings: Settings, runtime: Runtime) -> None:
    with silent_server() as port:
        hung = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{port}/test", SHORT)
        with served(settings, on_database(runtime, hung)) as connection:
            # connect_timeout is 2 s; libpq may try a second address family once more.
            assert_outage_answered(connection, within=10)


def test_sqlite_locked_past_the_busy_timeout(settings: Settings, runtime: Runtime, tmp_path: Path) -> None:
    database = migrated_engine(f"sqlite:///{tmp_path / 'intake.sqlite3'}", SHORT)
    with served(settings, on_database(runtime, database)) as connection, database.connect() as holder:
        # The store opens a writer's transaction with BEGIN IMMEDIATE: from here this connection
        # holds the whole file's write lock, as a long migration or a stuck writer would.
        holder.exec_driver_sql("SELECT 1")
        started = time.monotonic()
        assert_unavailable(*call(connection, "POST", "/api/sessions", {"lang": "ko"}))
        assert time.monotonic() - started < 5
        holder.rollback()
        assert call(connection, "POST", "/api/sessions", {"lang": "ko"})[0] == 201


def test_full_disk_answers_503_and_loses_nothing_acknowledged(
    settings: Settings, runtime: Runtime, tmp_path: Path
) -> None:
    database = migrated_engine(f"sqlite:///{tmp_path / 'intake.sqlite3'}", SHORT)
    cap: list[int] = []

    @event.listens_for(database, "connect")
    def _cap(dbapi_connection: Any, _record: Any) -> None:
        # SQLite's own page limit: past it a write fails with SQLITE_FULL, "database or disk
        # is full", exactly as on a full disk.
        if cap:
            dbapi_connection.execute(f"PRAGMA max_page_count={cap[0]}")

    with served(settings, on_database(runtime, database)) as connection:
        status, _, created = call(connection, "POST", "/api/sessions", {"lang": "ko"})
        assert status == 201
        headers = {"Authorization": f"Bearer {created['token']}"}
        path = f"/api/sessions/{created['session_id']}/messages"
        with database.connect() as probe:
            cap.append(int(probe.exec_driver_sql("PRAGMA page_count").scalar_one()))
        database.dispose()

        acknowledged: list[str] = []
        refused = None
        for number in range(40):
            message = {"client_message_id": f"m{number}", "text": f"{number}번째 이야기예요. " + "가" * 300}
            status, response_headers, body = call(connection, "POST", path, message, headers)
            if status == 503:
                assert_unavailable(status, response_headers, body)
                refused = message
                break
            assert status == 200, body
            acknowledged.append(message["client_message_id"])
        assert refused is not None, "the capped database never filled up"

        cap.clear()
        database.dispose()
        state = call(connection, "GET", f"/api/sessions/{created['session_id']}", headers=headers)[2]
        owner_lines = [line["text"] for line in state["transcript"] if line["role"] == "owner"]
        assert [text.split("번째")[0] for text in owner_lines] == [m[1:] for m in acknowledged]

        # Sent again once there is room, the refused message is recorded once.
        assert call(connection, "POST", path, refused, headers)[0] == 200
        assert call(connection, "POST", path, refused, headers)[0] == 200
        state = call(connection, "GET", f"/api/sessions/{created['session_id']}", headers=headers)[2]
        assert sum(1 for line in state["transcript"] if line["role"] == "owner") == len(acknowledged) + 1


def test_probes_when_all_is_well(settings: Settings, runtime: Runtime) -> None:
    with served(settings, runtime) as connection:
        status, _, body = call(connection, "GET", "/health/ready")
        assert (status, body) == (200, {"status": "ok", "database": "ok", "index": "ok"})
        assert call(connection, "GET", "/health")[::2] == (200, {"status": "ok"})

