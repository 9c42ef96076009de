"""A finished, consented conversation becomes a case with its brief; nothing before consent;
the brief is never served to an anonymous caller."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from application.runtime import Runtime
from tests.intake_answers import DAEJEON_MOULD_MAKER

ANSWERS = DAEJEON_MOULD_MAKER


def run_intake(client: TestClient, consent: str) -> tuple[str, dict[str, str], dict[str, Any]]:
    created = client.post("/api/sessions", json={"lang": "ko"}).json()
    headers = {"Authorization": f"Bearer {created['token']}"}
    url = f"/api/sessions/{created['session_id']}/messages"
    turn = created["turn"]
    for n in range(40):
        expecting = turn["expecting"]
        if expecting is None:
            break
        text = consent if expecting == "consent" else ANSWERS[expecting]
        turn = client.post(url, headers=headers, json={"client_message_id": f"t{n}", "text": text}).json()["turn"]
    return created["session_id"], headers, turn


def test_consent_creates_one_case_with_brief(client: TestClient, runtime: Runtime) -> None:
    session_id, _, turn = run_intake(client, "네, 동의합니다")
    assert turn["brief_ready"] is True
    case_id = runtime.cases.case_for_session(session_id)
    assert case_id is not None
    brief = runtime.cases.get_brief(case_id)
    assert brief.case_id == case_id and brief.session_id == session_id
    assert brief.kb_version == runtime.kb.version
    assert brief.company.region == "daejeon"
    assert "kosme-smart-factory" in brief.top_slugs()[0]
    assert brief.consent.given_at is not None
    # Sending the last message again changes nothing: still one case.
    assert runtime.cases.ensure_case(session_id, runtime.chat.replay_session(session_id)) == case_id


def test_refused_consent_makes_no_case(client: TestClient, runtime: Runtime) -> None:
    session_id, headers, turn = run_intake(client, "동의하지 않아요")
    assert turn["brief_ready"] is False
    assert runtime.cases.case_for_session(session_id) is None
    state = client.get(f"/api/sessions/{session_id}", headers=headers).json()
    assert not [slot for slot in state["slots"] if slot.startswith("contact.")]


def test_brief_is_refused_to_anonymous_callers(client: TestClient, runtime: Runtime) -> None:
    session_id, _, _ = run_intake(client, "네")
    case_id = runtime.cases.case_for_session(session_id)
    for path in (f"/api/cases/{case_id}/brief", "/api/cases/unknown/brief"):
        response = client.get(path)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"


def test_owner_copy_after_consent(client: TestClient) -> None:
    session_id, headers, _ = run_intake(client, "네, 동의합니다")
    response = client.get(f"/api/sessions/{session_id}/owner-copy", headers=headers)
    assert response.status_code == 200
    copy = response.json()
    assert "일 안에 연락드려요" in copy["next_step"]
    assert 1 <= len(copy["programs"]) <= 3
    assert all(p["eligibility"] != "ineligible" and p["reasons"] for p in copy["programs"])
    assert copy["readiness"]["overall"]["score"] is not None
    text = response.text
    assert "minsu@example.com" not in text and "김민수" not in text
    assert "mentor:" not in text


def test_owner_copy_after_refusal_says_no_mentor_will_call(client: TestClient, runtime: Runtime) -> None:
    session_id, headers, _ = run_intake(client, "동의하지 않아요")
    copy = client.get(f"/api/sessions/{session_id}/owner-copy", headers=headers).json()
    assert "동의하지 않으셔서" in copy["next_step"]
    assert runtime.cases.case_for_session(session_id) is None


def test_owner_copy_before_the_end_is_not_ready(client: TestClient) -> None:
    created = client.post("/api/sessions", json={"lang": "ko"}).json()
    headers = {"Authorization": f"Bearer {created['token']}"}
    response = client.get(f"/api/sessions/{created['session_id']}/owner-copy", headers=headers)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_ready"


def test_regenerate_keeps_case_and_records_kb_version(
    client: TestClient, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from application.cli import app

    session_id, _, _ = run_intake(client, "네, 동의합니다")
    case_id = runtime.cases.case_for_session(session_id)
    assert case_id is not None
    monkeypatch.setenv("INTAKE_DATA_DIR", str(runtime.settings.data_dir))
    result = CliRunner().invoke(app, ["brief", "regenerate", case_id])
    assert result.exit_code == 0, result.output
    assert f"Case {case_id}: knowledge base {runtime.kb.version} -> {runtime.kb.version}" in result.output
    assert runtime.cases.get_brief(case_id).case_id == case_id
    missing = CliRunner().invoke(app, ["brief", "regenerate", "nope"])
    assert missing.exit_code == 1
