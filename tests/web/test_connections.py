"""What becomes of the client's connection: an unexpected error is answered 500 `internal` and
the keep-alive connection stays open for the next request; a NUL in a header never reaches the
app, because uvicorn's HTTP parsers (httptools, which `intake serve` runs, and h11) refuse the
request with 400 and close the connection first.

The app runs on a real uvicorn server (keep-alive is the server's doing), once per parser. The
route that raises is added to the test's own app instance: the service ships no such route."""

import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Receive, Scope, Send

from application.runtime import Runtime
from application.settings import Settings
from tests.web.browser.conftest import serve
from web.app import create_app

PARSERS = ["httptools", "h11"]
BROKEN_API = "/api/test-broken"
BROKEN_PAGE = "/test-broken"


class Bug(Exception):
    pass


def broken_app(settings: Settings, runtime: Runtime) -> FastAPI:
    app = create_app(settings, runtime=runtime)

    def broken() -> None:
        raise Bug("a bug in a route")

    app.add_api_route(BROKEN_API, broken, methods=["GET"])
    app.add_api_route(BROKEN_PAGE, broken, methods=["GET"])
    return app


def client_port(response: httpx.Response) -> int:
    """The local port of the connection the response came on."""
    address = response.extensions["network_stream"].get_extra_info("client_addr")
    return int(address[1])


@pytest.mark.parametrize("parser", PARSERS)
def test_a_500_keeps_the_keep_alive_connection(settings: Settings, runtime: Runtime, parser: str,
                                               caplog: pytest.LogCaptureFixture) -> None:
    with serve(broken_app(settings, runtime), http=parser) as url, httpx.Client(base_url=url, timeout=30) as client:
        caplog.set_level(logging.ERROR, logger="web.errors")
        failed = client.get(BROKEN_API, headers={"Accept-Language": "en"})
        again = client.get("/health")
        assert again.json() == {"status": "ok"}
        assert client_port(again) == client_port(failed), "the second request needed a new connection"
        assert failed.status_code == 500
        assert failed.json()["error"] == {"code": "internal",
                                          "message": "Something went wrong on our side. Please try again in a moment."}
        # The answer went through the header middleware like any other.
        assert failed.headers["x-content-type-options"] == "nosniff"
        assert failed.headers["cache-control"] == "no-store"

        page = client.get(BROKEN_PAGE)
        assert page.status_code == 500
        assert page.headers["content-type"].startswith("text/html")
        assert client.get("/health").status_code == 200
        assert client_port(client.get("/health/live")) == client_port(failed)

    # Nothing is swallowed: each bug's traceback is in the log.
    logged = [record for record in caplog.records if record.exc_info and isinstance(record.exc_info[1], Bug)]
    assert len(logged) == 2


def test_an_error_after_the_answer_started_still_closes(settings: Settings, runtime: Runtime) -> None:
    """Half an answer cannot be finished with a 500: the server must cut the connection."""
    app = create_app(settings, runtime=runtime)

    async def half(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"10")]})
        await send({"type": "http.response.body", "body": b"12345", "more_body": True})
        raise Bug("after the start")

    app.mount("/test-half", half)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client, pytest.raises(httpx.HTTPError):
        client.get("/test-half/").read()


class SeenPaths:
    """Records the path of every HTTP request that reaches the app."""

    def __init__(self, app: ASGIApp, seen: list[str]) -> None:
        self.app = app
        self.seen = seen

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.seen.append(scope["path"])
        await self.app(scope, receive, send)


@contextmanager
def watched(settings: Settings, runtime: Runtime, parser: str) -> Iterator[tuple[tuple[str, int], list[str]]]:
    seen: list[str] = []
    app = create_app(settings, runtime=runtime)
    app.add_middleware(SeenPaths, seen=seen)
    with serve(app, http=parser) as url:
        address = urlparse(url)
        yield (address.hostname or "127.0.0.1", int(address.port or 80)), seen


def raw_request(address: tuple[str, int], request: bytes) -> tuple[bytes, bool]:
    """Sends bytes as they are (no client library would send a NUL in a header) and returns the
    status line and whether the server closed the connection after answering."""
    with socket.create_connection(address, timeout=10) as connection:
        connection.sendall(request)
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
        head = received.split(b"\r\n\r\n", 1)[0]
        length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0)
        body = received.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in received else b""
        while len(body) < length:
            chunk = connection.recv(65536)
            if not chunk:
                break
            body += chunk
        connection.settimeout(2)
        try:
            closed = connection.recv(1) == b""
        except TimeoutError:
            closed = False
        return head.split(b"\r\n", 1)[0], closed


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("header", [b"X-Note: a\x00b", b"User-Agent: Mozilla\x00", b"Accept-Language: \x00ko",
                                    b"Cookie: staff_session=a\x00b", b"Authorization: Bearer a\x00b",
                                    b"Content-Type: application/json\x00", b"X-\x00Note: a"])
def test_a_nul_in_a_header_never_reaches_the_app(settings: Settings, runtime: Runtime, parser: str,
                                                 header: bytes) -> None:
    with watched(settings, runtime, parser) as (address, seen):
        status, closed = raw_request(address, b"GET /health?nul HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header + b"\r\n\r\n")
        assert status.startswith(b"HTTP/1.1 400"), status
        assert closed
        # The same request without the NUL is served: the refusal was the parser's.
        clean = header.replace(b"\x00", b"")
        status, closed = raw_request(address, b"GET /health?clean HTTP/1.1\r\nHost: 127.0.0.1\r\n" + clean + b"\r\n\r\n")
        assert status == b"HTTP/1.1 200 OK" and not closed
        assert seen == ["/health"]


@pytest.mark.parametrize("cookie", ['"\\000"', '"a\\000b"'])
def test_a_nul_a_quoted_cookie_spells_out_is_harmless(db_client: TestClient, cookie: str) -> None:
    """The one way a NUL gets through a header: Starlette reads the octal escapes of a quoted
    cookie value. The session cookie is only ever hashed, so it is an unknown login, and the
    login form's cookie is only compared, so a fresh one is issued."""
    assert "\x00" in cookie_parser(f"staff_session={cookie}")["staff_session"]
    response = db_client.get("/console", headers={"Cookie": f"staff_session={cookie}"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
    response = db_client.get("/login", headers={"Cookie": f"staff_login_csrf={cookie}"})
    assert response.status_code == 200
