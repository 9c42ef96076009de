"""What a page needs after a reload: the last turn, partner, finished, and which owner message
set which slot; and switching the language mid-conversation."""

from fastapi.testclient import TestClient

from tests.web.test_cases import run_intake
from tests.web.test_chat_api import say, start


def test_view_has_the_last_turn_and_the_slots_each_message_set(client: TestClient) -> None:
    session_id, headers, greeting = start(client)
    view = client.get(f"/api/sessions/{session_id}", headers=headers).json()
    assert view["turn"] == greeting
    assert view["partner"] is None and view["finished"] is False

    first = say(client, session_id, headers, "대전에서 직원 25명으로 금형 만드는 회사입니다", "v1")
    second = say(client, session_id, headers, "2010년", "v2")
    view = client.get(f"/api/sessions/{session_id}", headers=headers).json()
    assert view["turn"] == second != first
    assert view["turn"]["options"] == second["options"]
    owner = {line["message_id"]: line["slots"] for line in view["transcript"] if line["role"] == "owner"}
    assert set(owner) == {"v1", "v2"}
    assert set(owner["v1"]) >= {"company.region", "company.employees", "company.industry"}
    assert owner["v2"] == ["company.founded_year"]
    assert all(line["message_id"] is None and line["slots"] == []
               for line in view["transcript"] if line["role"] == "assistant")

    # Fixing an earlier answer moves the slot to the message that set it last.
    say(client, session_id, headers, "fix:company.founded_year", "v3")
    say(client, session_id, headers, "2012년", "v4")
    view = client.get(f"/api/sessions/{session_id}", headers=headers).json()
    owner = {line["message_id"]: line["slots"] for line in view["transcript"] if line["role"] == "owner"}
    assert owner["v4"] == ["company.founded_year"] and owner["v2"] == []
    assert view["slots"]["company.founded_year"]["value"] == 2012


def test_language_switch_keeps_slots_and_transcript(client: TestClient) -> None:
    session_id, headers, _ = start(client)
    say(client, session_id, headers, "부산에서 직원 12명으로 쇼핑몰 해요", "l1")
    before = client.get(f"/api/sessions/{session_id}", headers=headers).json()
    expecting = before["expecting"]

    response = client.post(f"/api/sessions/{session_id}/language", headers=headers, json={"lang": "en"})
    assert response.status_code == 200, response.text
    turn = response.json()["turn"]
    assert turn["expecting"] == expecting
    assert turn["messages"] and all(not any("가" <= ch <= "힣" for ch in m) for m in turn["messages"])

    after = client.get(f"/api/sessions/{session_id}", headers=headers).json()
    assert after["lang"] == "en"
    assert after["slots"] == before["slots"]
    assert after["transcript"][: len(before["transcript"])] == before["transcript"]
    assert after["turn"] == turn
    # The conversation goes on in English from where it was.
    reply = say(client, session_id, headers, "2018", "l2")
    assert client.get(f"/api/sessions/{session_id}", headers=headers).json()["slots"][expecting]["value"] == 2018
    assert all(not any("가" <= ch <= "힣" for ch in m) for m in reply["messages"])

    back = client.post(f"/api/sessions/{session_id}/language", headers=headers, json={"lang": "ko"}).json()
    assert any("가" <= ch <= "힣" for m in back["turn"]["messages"] for ch in m)
    assert client.post(f"/api/sessions/{session_id}/language", headers=headers, json={"lang": "fr"}).status_code == 422
    assert client.post(f"/api/sessions/{session_id}/language", json={"lang": "en"}).status_code == 401


def test_finished_conversation_view(client: TestClient) -> None:
    session_id, headers, last = run_intake(client, "동의하지 않아요")
    view = client.get(f"/api/sessions/{session_id}", headers=headers).json()
    assert view["finished"] is True and view["brief_ready"] is False
    assert view["expecting"] is None
    assert view["turn"] == last
