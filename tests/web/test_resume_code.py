"""Resuming a chat on another device with the resume code (real app, real SQLite)."""

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from application.chat.models import ChatSessionRow
from application.chat.service import RESUME_CODE_DAYS
from application.runtime import Runtime
from application.store.database import make_engine
from application.store.models import utc_now
from tests.web.test_chat_api import say

CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def test_code_opens_the_session_on_a_second_device_and_both_keep_working(client: TestClient) -> None:
    created = client.post("/api/sessions", json={"lang": "ko"}).json()
    assert CODE.match(created["resume_code"])
    first = {"Authorization": f"Bearer {created['token']}"}
    session_id = created["session_id"]
    say(client, session_id, first, "대전에서 직원 25명으로 금형 만드는 회사입니다", "d1-1")

    # Typed by hand on the phone: lower case, a space instead of the dash.
    typed = created["resume_code"].lower().replace("-", " ")
    resumed = client.post("/api/sessions/resume", json={"code": typed})
    assert resumed.status_code == 200, resumed.text
    assert resumed.json()["session_id"] == session_id
    second = {"Authorization": f"Bearer {resumed.json()['token']}"}
    assert resumed.json()["token"] != created["token"]

    on_phone = client.get(f"/api/sessions/{session_id}", headers=second).json()
    assert on_phone["slots"]["company.region"]["value"] == "daejeon"
    say(client, session_id, second, "2010년", "d2-1")
    say(client, session_id, first, "매출 30억", "d1-2")
    seen_first = client.get(f"/api/sessions/{session_id}", headers=first).json()
    seen_second = client.get(f"/api/sessions/{session_id}", headers=second).json()
    assert seen_first == seen_second
    assert seen_first["slots"]["company.founded_year"]["value"] == 2010
    owner_lines = [line["text"] for line in seen_first["transcript"] if line["role"] == "owner"]
    assert owner_lines == ["대전에서 직원 25명으로 금형 만드는 회사입니다", "2010년", "매출 30억"]

    # A third device gets its own token too; the other session's token opens nothing here.
    third = client.post("/api/sessions/resume", json={"code": created["resume_code"]}).json()["token"]
    assert client.get(f"/api/sessions/{session_id}", headers={"Authorization": f"Bearer {third}"}).status_code == 200
    other = client.post("/api/sessions", json={"lang": "ko"}).json()
    assert client.get(f"/api/sessions/{other['session_id']}", headers=second).status_code == 403


def test_wrong_code_is_404_in_the_owners_language(client: TestClient) -> None:
    created = client.post("/api/sessions", json={"lang": "ko"}).json()
    code = created["resume_code"].replace("-", "")
    # Same alphabet, one symbol changed: a well-formed code that belongs to no session.
    wrong = ("2" if code[0] != "2" else "3") + code[1:]
    for body, headers, word in [
        ({"code": wrong}, {}, "코드"),
        ({"code": "not a code"}, {}, "코드"),
        ({"code": wrong, "lang": "en"}, {}, "code"),
        ({"code": wrong}, {"Accept-Language": "en-US,en;q=0.9,ko;q=0.5"}, "code"),
    ]:
        response = client.post("/api/sessions/resume", json=body, headers=headers)
        assert response.status_code == 404
        error = response.json()["error"]
        assert error["code"] == "unknown_resume_code"
        assert word in error["message"] and str(RESUME_CODE_DAYS) in error["message"]
    assert client.post("/api/sessions/resume", json={"code": ""}).status_code == 422


def test_code_of_a_session_idle_past_the_expiry_is_refused(client: TestClient, runtime: Runtime) -> None:
    created = client.post("/api/sessions", json={"lang": "en"}).json()
    engine = make_engine(runtime.settings.effective_database_url)
    try:
        with engine.begin() as connection:
            connection.execute(update(ChatSessionRow).where(ChatSessionRow.id == created["session_id"])
                               .values(updated_at=utc_now() - timedelta(days=RESUME_CODE_DAYS + 1)))
    finally:
        engine.dispose()
    response = client.post("/api/sessions/resume", json={"code": created["resume_code"]})
    assert response.status_code == 404 and response.json()["error"]["code"] == "unknown_resume_code"
    # The device that has the token still opens it.
    headers = {"Authorization": f"Bearer {created['token']}"}
    assert client.get(f"/api/sessions/{created['session_id']}", headers=headers).status_code == 200


def test_resume_from_a_foreign_page_is_refused(client: TestClient) -> None:
    created = client.post("/api/sessions", json={"lang": "ko"}).json()
    response = client.post("/api/sessions/resume", json={"code": created["resume_code"]},
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "origin_not_allowed"
    assert "https://evil.example" in response.json()["error"]["message"]
    same_site = client.post("/api/sessions/resume", json={"code": created["resume_code"]},
                            headers={"Origin": "http://testserver"})
    assert same_site.status_code == 200
