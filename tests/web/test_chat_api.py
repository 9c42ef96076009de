"""The chat API over real HTTP (in-process ASGI client, real SQLite, real engine)."""

import threading
from typing import Any

from fastapi.testclient import TestClient


def start(client: TestClient, lang: str = "ko") -> tuple[str, dict[str, str], dict[str, Any]]:
    response = client.post("/api/sessions", json={"lang": lang})
    assert response.status_code == 201
    body = response.json()
    return body["session_id"], {"Authorization": f"Bearer {body['token']}"}, body["turn"]


def say(client: TestClient, session_id: str, headers: dict[str, str], text: str, mid: str) -> dict[str, Any]:
    response = client.post(f"/api/sessions/{session_id}/messages", headers=headers,
                           json={"client_message_id": mid, "text": text})
    assert response.status_code == 200, response.text
    turn: dict[str, Any] = response.json()["turn"]
    return turn


def test_create_session_greets_and_asks(client: TestClient) -> None:
    _, _, turn = start(client)
    assert set(turn) == {"messages", "expecting", "options", "citations", "brief_ready"}
    assert turn["expecting"] == "company.industry"
    assert turn["brief_ready"] is False
    assert "안녕하세요" in turn["messages"][0]


def test_several_facts_in_one_message_and_state(client: TestClient) -> None:
    session_id, headers, _ = start(client)
    turn = say(client, session_id, headers, "대전에서 직원 25명으로 금형 만드는 회사입니다", "m1")
    assert turn["expecting"] == "company.founded_year"
    state = client.get(f"/api/sessions/{session_id}", headers=headers).json()
    assert {"lang", "slots", "expecting", "brief_ready", "transcript"} <= set(state)
    assert state["slots"]["company.region"]["value"] == "daejeon"
    assert state["slots"]["company.employees"]["value"] == 25
    assert state["slots"]["company.industry"]["value"] == "manufacturing"
    assert state["slots"]["company.employees"]["source_message"] == "m1"
    assert [line["role"] for line in state["transcript"]][:3] == ["assistant", "assistant", "owner"]


def test_same_client_message_id_records_one_turn(client: TestClient) -> None:
    session_id, headers, _ = start(client)
    first = say(client, session_id, headers, "서울에서 카페 해요", "same")
    again = say(client, session_id, headers, "완전히 다른 말", "same")
    assert again == first
    transcript = client.get(f"/api/sessions/{session_id}", headers=headers).json()["transcript"]
    assert sum(1 for line in transcript if line["role"] == "owner") == 1


def test_concurrent_posts_to_one_session_are_applied_in_order(client: TestClient) -> None:
    session_id, headers, _ = start(client)
    answers = ["제조업이에요", "부산이에요", "직원 10명", "2010년", "매출 10억", "건너뛸게요"]
    threads = [
        threading.Thread(target=say, args=(client, session_id, headers, text, f"c{i}"))
        for i, text in enumerate(answers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    state = client.get(f"/api/sessions/{session_id}", headers=headers).json()
    owner_lines = [line["text"] for line in state["transcript"] if line["role"] == "owner"]
    assert sorted(owner_lines) == sorted(answers)
    # Never interleaved: every owner message is followed by exactly one assistant reply block.
    roles = [line["role"] for line in state["transcript"]]
    assert roles.count("owner") == len(answers)
    assert "owner" not in [roles[i + 1] for i, r in enumerate(roles[:-1]) if r == "owner"]


def test_errors_are_json_with_codes(client: TestClient) -> None:
    session_id, headers, _ = start(client)
    url = f"/api/sessions/{session_id}/messages"
    cases = [
        (client.post(url, headers={**headers, "Content-Type": "application/json"}, content=b"{not json"),
         400, "bad_json"),
        (client.post(url, json={"client_message_id": "x", "text": "hi"}), 401, "unauthorized"),
        (client.post(url, headers={"Authorization": "Bearer wrong"}, json={"client_message_id": "x", "text": "hi"}),
         403, "forbidden"),
        (client.post("/api/sessions/nope/messages", headers=headers, json={"client_message_id": "x", "text": "hi"}),
         404, "not_found"),
        (client.post(url, headers=headers, json={"client_message_id": "x", "text": "가" * 2001}), 413, "too_large"),
        (client.post(url, headers=headers, json={"client_message_id": "", "text": "hi"}), 422, "invalid_input"),
        (client.post("/api/sessions", json={"lang": "fr"}), 422, "invalid_input"),
        (client.get(f"/api/sessions/{session_id}", headers={"Authorization": "Bearer wrong"}), 403, "forbidden"),
        (client.get("/api/sessions/nope", headers=headers), 404, "not_found"),
    ]
    for response, status, code in cases:
        assert response.status_code == status, (status, response.text)
        assert response.json()["error"]["code"] == code
        assert response.json()["error"]["message"]


def test_english_session(client: TestClient) -> None:
    session_id, headers, turn = start(client, "en")
    assert turn["messages"][0].startswith("Hello")
    turn = say(client, session_id, headers, "We run a small online shop in Busan with 4 people", "e1")
    state = client.get(f"/api/sessions/{session_id}", headers=headers).json()
    assert state["lang"] == "en"
    assert state["slots"]["company.region"]["value"] == "busan"
    assert state["slots"]["company.employees"]["value"] == 4
