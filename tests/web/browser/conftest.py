"""A live service for the browser: the app on a uvicorn server in a thread (the session
`runtime`, real SQLite and Chroma) at 127.0.0.1, a partner's plain web site served by a tiny
http.server that the browser reaches as `localhost` (another origin), and Debian's Chromium
with the Korean font package as its fonts (see tests/browser.py)."""

import functools
import http.server
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, BrowserContext

from application.partners.schemas import Partner
from application.runtime import Runtime
from application.settings import Settings
from tests.browser import launch_chromium
from web.app import create_app

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(app: FastAPI, *, http: str = "auto") -> Iterator[str]:
    """The app on a uvicorn server in a thread; yields its address. `http` picks uvicorn's
    HTTP parser ("auto" is httptools when installed, as `intake serve` runs; or "h11")."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on",
                                           http=http))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def app_url(settings: Settings, runtime: Runtime) -> Iterator[str]:
    with serve(create_app(settings, runtime=runtime)) as url:
        yield url


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("partner-site")


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """A partner's own web site: another origin than the app (localhost, not 127.0.0.1)."""
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def make_partner(runtime: Runtime) -> Callable[..., Partner]:
    def make(origin: str, **changes: object) -> Partner:
        partner = Partner(key=f"portal-{uuid.uuid4().hex[:8]}", name="대전일자리경제진흥원", title="대전 기업 디지털 상담",
                          greeting="대전 기업이라면 누구나 무료로 디지털전환 상담을 받을 수 있어요.",
                          title_en="Daejeon business help desk",
                          greeting_en="Free digital-transformation advice for Daejeon firms.",
                          colour="#0f766e", allowed_origins=[origin])
        partner = partner.model_copy(update=changes)
        runtime.partners.save(partner)
        return partner

    return make


# Per module: Playwright's sync API allows one running instance, and other test modules
# (tests/briefs/test_browser.py) start their own.
@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with launch_chromium(tmp_path_factory.mktemp("fonts")) as chromium:
        yield chromium


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh profile (empty localStorage) at phone width; screenshots also take 1280 px."""
    SHOTS.mkdir(exist_ok=True)
    fresh = browser.new_context(viewport={"width": 360, "height": 780}, locale="ko-KR")
    fresh.set_default_timeout(20_000)
    yield fresh
    fresh.close()
