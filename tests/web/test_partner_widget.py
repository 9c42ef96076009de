"""The widget's configuration call and the Origin checks of the chat API: only the partner's
registered origins (and this service's own pages) get through."""

import uuid

import pytest
from fastapi.testclient import TestClient

from application.partners.schemas import Partner
from application.runtime import Runtime
from tests.web.test_chat_api import say

ALLOWED = "https://portal.example.kr"
FOREIGN = "https://evil.example"


@pytest.fixture
def partner(runtime: Runtime) -> Partner:
    registered = Partner(key=f"p-{uuid.uuid4().hex[:10]}", name="대전 포털", title="디지털전환 상담",
                         greeting="무엇이 고민이세요?", title_en="Digital consultation", greeting_en="How can we help?",
                         colour="#0a7c59", allowed_origins=[ALLOWED, "http://localhost:8080"])
    runtime.partners.save(registered)
    return registered


def test_allowed_origin_gets_the_config_and_its_origin_echoed(client: TestClient, partner: Partner) -> None:
    response = client.get(f"/api/partners/{partner.key}/widget", headers={"Origin": ALLOWED})
    assert response.status_code == 200
    assert response.json() == {"key": partner.key, "title": "디지털전환 상담", "greeting": "무엇이 고민이세요?",
                               "title_en": "Digital consultation", "greeting_en": "How can we help?",
                               "colour": "#0a7c59"}
    assert response.headers["access-control-allow-origin"] == ALLOWED
    assert "Origin" in response.headers["vary"]
    other = client.get(f"/api/partners/{partner.key}/widget", headers={"Origin": "http://localhost:8080"})
    assert other.headers["access-control-allow-origin"] == "http://localhost:8080"


def test_foreign_origin_is_refused_without_cors_headers(client: TestClient, partner: Partner) -> None:
    for lang, word in (("ko", "등록"), ("en", "register")):
        response = client.get(f"/api/partners/{partner.key}/widget",
                              headers={"Origin": FOREIGN, "Accept-Language": lang})
        assert response.status_code == 403
        error = response.json()["error"]
        assert error["code"] == "origin_not_allowed"
        assert FOREIGN in error["message"] and word in error["message"]
        assert "access-control-allow-origin" not in response.headers
    # Same scheme and host, other port: a different origin.
    assert client.get(f"/api/partners/{partner.key}/widget",
                      headers={"Origin": f"{ALLOWED}:8443"}).status_code == 403


def test_same_origin_and_originless_requests_get_the_config(client: TestClient, partner: Partner) -> None:
    for headers in ({}, {"Origin": "http://testserver"}):
        response = client.get(f"/api/partners/{partner.key}/widget", headers=headers)
        assert response.status_code == 200
        assert "access-control-allow-origin" not in response.headers


def test_preflight(client: TestClient, partner: Partner) -> None:
    url = f"/api/partners/{partner.key}/widget"
    asking = {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "content-type"}
    allowed = client.options(url, headers={"Origin": ALLOWED, **asking})
    assert allowed.status_code == 204
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    assert "GET" in allowed.headers["access-control-allow-methods"]
    assert "Origin" in allowed.headers["vary"]
    foreign = client.options(url, headers={"Origin": FOREIGN, **asking})
    assert foreign.status_code == 403 and foreign.json()["error"]["code"] == "origin_not_allowed"
    assert "access-control-allow-origin" not in foreign.headers
    unknown = client.options("/api/partners/nobody/widget", headers={"Origin": ALLOWED, **asking})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_partner"


def test_unknown_or_disabled_partner_is_404(client: TestClient, runtime: Runtime, partner: Partner) -> None:
    response = client.get("/api/partners/nobody-here/widget", headers={"Origin": ALLOWED})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_partner"
    assert "nobody-here" in response.json()["error"]["message"]
    runtime.partners.save(partner.model_copy(update={"active": False}))
    disabled = client.get(f"/api/partners/{partner.key}/widget", headers={"Origin": ALLOWED})
    assert disabled.status_code == 404 and disabled.json()["error"]["code"] == "unknown_partner"
    started = client.post("/api/sessions", json={"lang": "ko", "partner": partner.key})
    assert started.status_code == 404 and started.json()["error"]["code"] == "unknown_partner"


def test_session_with_a_partner_records_it(client: TestClient, partner: Partner) -> None:
    created = client.post("/api/sessions", json={"lang": "ko", "partner": partner.key})
    assert created.status_code == 201
    body = created.json()
    headers = {"Authorization": f"Bearer {body['token']}"}
    assert client.get(f"/api/sessions/{body['session_id']}", headers=headers).json()["partner"] == partner.key
    assert client.post("/api/sessions", json={"lang": "ko", "partner": "nobody-here"}).status_code == 404


def test_state_changes_from_foreign_pages_are_refused(client: TestClient, partner: Partner) -> None:
    refused = client.post("/api/sessions", json={"lang": "ko"}, headers={"Origin": FOREIGN})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "origin_not_allowed"
    assert FOREIGN in refused.json()["error"]["message"]
    # A partner's origin may start a chat with its own key only.
    assert client.post("/api/sessions", json={"lang": "ko"}, headers={"Origin": ALLOWED}).status_code == 403
    for odd in ("null", "http://testserver.evil.example", "http://evil.example/http://testserver"):
        assert client.post("/api/sessions", json={"lang": "ko"}, headers={"Origin": odd}).status_code == 403
    # This service's own page, whichever scheme a proxy in front of it spoke.
    for own in ("http://testserver", "https://testserver"):
        assert client.post("/api/sessions", json={"lang": "ko"}, headers={"Origin": own}).status_code == 201
    assert client.post("/api/sessions", json={"lang": "ko", "partner": partner.key},
                       headers={"Origin": FOREIGN}).status_code == 403
    own = client.post("/api/sessions", json={"lang": "ko", "partner": partner.key}, headers={"Origin": ALLOWED})
    assert own.status_code == 201
    body = own.json()
    headers = {"Authorization": f"Bearer {body['token']}"}
    messages = f"/api/sessions/{body['session_id']}/messages"
    from_foreign = client.post(messages, headers={**headers, "Origin": FOREIGN},
                               json={"client_message_id": "o1", "text": "부산이에요"})
    assert from_foreign.status_code == 403 and from_foreign.json()["error"]["code"] == "origin_not_allowed"
    switched = client.post(f"/api/sessions/{body['session_id']}/language", headers={**headers, "Origin": FOREIGN},
                           json={"lang": "en"})
    assert switched.status_code == 403
    # The widget's frame is this service's own page; the partner's origin is allowed too.
    say(client, body["session_id"], {**headers, "Origin": "http://testserver"}, "부산이에요", "o2")
    say(client, body["session_id"], {**headers, "Origin": ALLOWED}, "직원 5명", "o3")
    transcript = client.get(f"/api/sessions/{body['session_id']}", headers=headers).json()["transcript"]
    assert [line["text"] for line in transcript if line["role"] == "owner"] == ["부산이에요", "직원 5명"]
