"""What a request may carry, checked before any route reads it: text a database cannot store
(NUL, lone surrogates) is refused with 400 on both databases, anonymous or not; a body over the
limit is refused with 413 before it is read, whether it declares its length or streams."""

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from application.settings import Settings
from tests.accounts.conftest import csrf_from
from web.app import create_app


def start(client: TestClient) -> tuple[str, dict[str, str]]:
    created = client.post("/api/sessions", json={"lang": "ko"}).json()
    return created["session_id"], {"Authorization": f"Bearer {created['token']}"}


def assert_refused_text(response: Any) -> None:
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_text" and error["message"]


@pytest.mark.parametrize("path", ["/api/sessions/a%00b", "/api/sessions/%00/owner-copy", "/api/cases/%00/brief",
                                  "/api/search?q=%00", "/api/search?q=a%00b&lang=ko", "/api/partners/x%00/widget"])
def test_a_nul_in_a_path_or_a_query_is_refused(db_client: TestClient, path: str) -> None:
    assert_refused_text(db_client.get(path))


@pytest.mark.parametrize("text", ["a\x00b", "\ud800", "끝\udfff", "\udc80\ud800"])
def test_a_nul_or_a_lone_surrogate_in_a_message_is_refused(db_client: TestClient, text: str) -> None:
    session_id, headers = start(db_client)
    body = json.dumps({"client_message_id": "m1", "text": text})
    response = db_client.post(f"/api/sessions/{session_id}/messages", headers={**headers,
                              "Content-Type": "application/json"}, content=body)
    assert_refused_text(response)
    # The session is untouched and still answers.
    ok = db_client.post(f"/api/sessions/{session_id}/messages", headers=headers,
                        json={"client_message_id": "m2", "text": "서울에서 카페 해요"})
    assert ok.status_code == 200


@pytest.mark.parametrize("body", [{"code": "AB\x00CD"}, {"code": "\ud800"}, {"code\x00": "x"}])
def test_json_fields_anywhere_are_checked(db_client: TestClient, body: dict[str, str]) -> None:
    response = db_client.post("/api/sessions/resume", content=json.dumps(body),
                              headers={"Content-Type": "application/json"})
    assert_refused_text(response)


def test_a_nul_in_a_form_field_is_refused(db_client: TestClient) -> None:
    token = csrf_from(db_client.get("/login").text)
    response = db_client.post("/login", data={"email": "a\x00@example.kr", "password": "x", "csrf_token": token})
    assert response.status_code == 400
    assert "text/html" in response.headers["content-type"]


def test_ordinary_text_passes(db_client: TestClient) -> None:
    session_id, headers = start(db_client)
    response = db_client.post(f"/api/sessions/{session_id}/messages", headers=headers,
                              json={"client_message_id": "m1", "text": "대전 금형 회사예요 🙂 \\u0000 은 글자 그대로"})
    assert response.status_code == 200


# --- the body limit ---------------------------------------------------------------------------


def test_a_large_declared_body_is_refused(client: TestClient, settings: Settings) -> None:
    body = b'{"lang": "ko", "pad": "' + b"x" * (settings.max_body_bytes + 1) + b'"}'
    response = client.post("/api/sessions", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"


def test_a_large_streamed_body_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"lang": "ko", "pad": "'
        for _ in range(64):
            yield b"x" * 65536
        yield b'"}'

    response = client.post("/api/sessions", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"


def test_a_50_mb_body_is_not_read(settings: Settings) -> None:
    """At the ASGI level: the app stops asking for the body once it is past the limit, so a
    50 MB post costs the server little more than the limit."""
    app = create_app(settings)
    chunk = b"x" * (1 << 20)
    asked = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal asked
        asked += 1
        return {"type": "http.request", "body": chunk, "more_body": asked < 50}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/sessions", "raw_path": b"/api/sessions", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"testserver"), (b"content-type", b"application/json")],
             "client": ("127.0.0.1", 5000), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, send))
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 413
    assert asked <= settings.max_body_bytes // len(chunk) + 2


def test_the_knowledge_base_import_keeps_its_own_larger_limit(client: TestClient, settings: Settings) -> None:
    """The import form takes files of up to 5 MB: a body over the general limit reaches the
    route (which answers a signed-out caller with the login page, not 413)."""
    files = {"file": ("kb.yaml", b"x" * (settings.max_body_bytes + 1), "application/x-yaml")}
    response = client.post("/admin/kb/import", files=files, follow_redirects=False)
    assert response.status_code != 413
