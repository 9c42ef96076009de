"""Several service processes: an edit saved on one reaches search on the other with its
next request. Two real `intake serve` processes share the SQLite database and a Chroma
server (`chroma run`), as a deployment with several workers does."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from application.accounts import AccountService, NewUser, Role
from application.settings import Settings
from tests.accounts.conftest import PASSWORD, csrf_from
from tests.catalog.htmlforms import form_posting_to
from tests.retrieval.test_chroma_server import chroma_url  # noqa: F401  (shared fixture)
from tests.servers import wait_until_answering
from tests.web.browser.conftest import free_port

pytestmark = pytest.mark.slow

ENTRY = "program:kisti-knowledge-mentoring"
EDIT = "/admin/kb/program/kisti-knowledge-mentoring"
# Words no entry holds, so only the edit below can make the entry first.
PHRASE = "별빛 도서관 사서"
STARTUP_SECONDS = 600


def _start(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    intake = Path(sys.executable).parent / "intake"
    process = subprocess.Popen([str(intake), "serve", "--port", str(port)], env=env,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/health", seconds=STARTUP_SECONDS, what="intake serve",
                             process=process, log=log)
    except BaseException:
        process.terminate()
        raise
    return process


@pytest.fixture(scope="module")
def two_workers(chroma_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:  # noqa: F811
    data = tmp_path_factory.mktemp("workers-data")
    env = {**os.environ, "INTAKE_DATA_DIR": str(data), "INTAKE_CHROMA_URL": chroma_url, "HF_HUB_OFFLINE": "1"}
    processes = []
    urls = []
    try:
        # One after the other: the first builds the index in the Chroma server, the second finds it built.
        for name in ("a", "b"):
            port = free_port()
            processes.append(_start(port, env, data / f"serve-{name}.log"))
            urls.append(f"http://127.0.0.1:{port}")
        yield urls[0], urls[1], data
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def _top(url: str, query: str) -> str:
    answer = httpx.get(f"{url}/api/search", params={"q": query, "k": 1}, timeout=60)
    assert answer.status_code == 200
    return str(answer.json()["results"][0]["id"])


def test_an_edit_on_one_process_reaches_search_on_the_other(two_workers: tuple[str, str, Path]) -> None:
    first, second, data = two_workers
    accounts = AccountService.open(Settings(data_dir=data, _env_file=None))
    email = f"workers-{uuid.uuid4().hex[:8]}@example.kr"
    accounts.create_user(NewUser(email=email, name="최운영", role=Role.staff), password=PASSWORD)
    assert _top(second, PHRASE) != ENTRY

    with httpx.Client(base_url=first, timeout=120) as staff:
        login = staff.get("/login")
        signed_in = staff.post("/login", data={"email": email, "password": PASSWORD, "next": "",
                                                "csrf_token": csrf_from(login.text)})
        assert signed_in.status_code == 303
        form = form_posting_to(staff.get(EDIT).text, EDIT)
        form.set("summary.ko", f"{PHRASE}가 기업의 기술 문헌 조사를 일대일로 도와요.")
        assert staff.post(EDIT, data=form.data()).status_code == 303

        assert _top(second, PHRASE) == ENTRY
        assert _top(first, PHRASE) == ENTRY

        token = csrf_from(staff.get(f"{EDIT}/history").text)
        assert staff.post(f"{EDIT}/history/0/restore", data={"csrf_token": token}).status_code == 303
    assert _top(second, PHRASE) != ENTRY
