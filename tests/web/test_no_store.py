"""Answers that carry an owner's or a case's data are never kept by a browser or a proxy: the
chat API (transcript, turns, resume), the owner's copy in both forms, the brief API."""

from fastapi.testclient import TestClient
from httpx import Response

from application.accounts import NewUser, Role
from application.runtime import Runtime
from tests.accounts.conftest import PASSWORD, login, unique_email
from tests.web.test_cases import run_intake


def assert_no_store(response: Response) -> None:
    assert response.headers.get("cache-control") == "no-store", (response.request.url, response.headers)


def test_the_owners_answers_are_not_stored(client: TestClient, runtime: Runtime) -> None:
    created = client.post("/api/sessions", json={"lang": "ko"})
    assert_no_store(created)
    session_id, headers, _ = run_intake(client, "네, 동의합니다")
    for path in (f"/api/sessions/{session_id}", f"/api/sessions/{session_id}/owner-copy",
                 f"/owner-copy/{session_id}"):
        response = client.get(path, headers=headers)
        assert response.status_code == 200
        assert_no_store(response)
    turn = client.post(f"/api/sessions/{session_id}/messages", headers=headers,
                       json={"client_message_id": "again", "text": "고마워요"})
    assert_no_store(turn)
    assert_no_store(client.post(f"/api/sessions/{session_id}/language", headers=headers, json={"lang": "en"}))


def test_the_brief_api_is_not_stored(client: TestClient, runtime: Runtime) -> None:
    session_id, _, _ = run_intake(client, "네, 동의합니다")
    case_id = runtime.cases.case_for_session(session_id)
    email = unique_email("nostore")
    runtime.accounts.create_user(NewUser(email=email, name="김보관", role=Role.admin), password=PASSWORD)
    login(client, email)
    response = client.get(f"/api/cases/{case_id}/brief")
    assert response.status_code == 200
    assert_no_store(response)
    page = client.get(f"/console/cases/{case_id}")
    assert page.status_code == 200
    assert_no_store(page)
    client.cookies.clear()
