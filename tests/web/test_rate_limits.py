"""Rate limits and the message size limit: 429 with Retry-After and a message in the owner's
language. Each test builds its own app with small limits, so the shared client is not throttled;
the Redis-backed limiter runs against the real Redis at 127.0.0.1:6379."""

import logging
import socket
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient

from application.runtime import Runtime
from application.settings import Settings
from web.app import create_app
from web.ratelimit import RateLimiter

REDIS_URL = "redis://127.0.0.1:6379/0"


def limited_client(settings: Settings, runtime: Runtime, **limits: str) -> TestClient:
    return TestClient(create_app(settings.model_copy(update=limits), runtime=runtime))


def assert_throttled(response: Any, word: str) -> None:
    assert response.status_code == 429, response.text
    assert 1 <= int(response.headers["retry-after"]) <= 3600
    error = response.json()["error"]
    assert error["code"] == "rate_limited"
    assert word in error["message"]
    assert "Traceback" not in response.text


def test_new_sessions_per_address(settings: Settings, runtime: Runtime) -> None:
    with limited_client(settings, runtime, rate_limit_sessions="2/minute") as client:
        assert client.post("/api/sessions", json={"lang": "ko"}).status_code == 201
        assert client.post("/api/sessions", json={"lang": "ko"}).status_code == 201
        assert_throttled(client.post("/api/sessions", json={"lang": "ko"}), "잠시 뒤에")
        assert_throttled(client.post("/api/sessions", json={"lang": "en"}), "wait")
        # Without a language in the body, the browser's language decides.
        assert_throttled(client.post("/api/sessions", json={}, headers={"Accept-Language": "en-GB,en;q=0.8"}),
                         "wait")


def test_messages_per_session_in_the_sessions_language(settings: Settings, runtime: Runtime) -> None:
    with limited_client(settings, runtime, rate_limit_messages="2/minute") as client:
        created = client.post("/api/sessions", json={"lang": "en"}).json()
        headers = {"Authorization": f"Bearer {created['token']}"}
        url = f"/api/sessions/{created['session_id']}/messages"
        for n in range(2):
            assert client.post(url, headers=headers, json={"client_message_id": f"r{n}", "text": "Busan"}
                               ).status_code == 200
        assert_throttled(client.post(url, headers=headers, json={"client_message_id": "r2", "text": "5 people"}),
                         "too quickly")
        # A language switch is a write too, and the message follows the session's language.
        assert_throttled(client.post(f"/api/sessions/{created['session_id']}/language", headers=headers,
                                     json={"lang": "ko"}), "too quickly")
        # Another session has its own budget and speaks Korean.
        other = client.post("/api/sessions", json={"lang": "ko"}).json()
        other_headers = {"Authorization": f"Bearer {other['token']}"}
        other_url = f"/api/sessions/{other['session_id']}/messages"
        for n in range(2):
            assert client.post(other_url, headers=other_headers,
                               json={"client_message_id": f"k{n}", "text": "부산"}).status_code == 200
        assert_throttled(client.post(other_url, headers=other_headers,
                                     json={"client_message_id": "k2", "text": "부산"}), "잠시 뒤에 다시 보내 주세요")
        # Nothing throttled was recorded.
        state = client.get(f"/api/sessions/{created['session_id']}", headers=headers).json()
        assert state["lang"] == "en"
        assert sum(1 for line in state["transcript"] if line["role"] == "owner") == 2


def test_resume_attempts_per_address(settings: Settings, runtime: Runtime) -> None:
    with limited_client(settings, runtime, rate_limit_resume="2/hour") as client:
        created = client.post("/api/sessions", json={"lang": "ko"}).json()
        assert client.post("/api/sessions/resume", json={"code": "2222-2222"}).status_code == 404
        assert client.post("/api/sessions/resume", json={"code": created["resume_code"]}).status_code == 200
        # Past the limit even the right code waits: guessing codes must not pay off.
        assert_throttled(client.post("/api/sessions/resume", json={"code": created["resume_code"]}), "잠시 뒤에")


def test_message_size_limit_speaks_the_sessions_language(client: TestClient) -> None:
    for lang, word in (("ko", "2000자"), ("en", "2000 characters")):
        created = client.post("/api/sessions", json={"lang": lang}).json()
        response = client.post(f"/api/sessions/{created['session_id']}/messages",
                               headers={"Authorization": f"Bearer {created['token']}"},
                               json={"client_message_id": "big", "text": "가" * 2001})
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "too_large"
        assert word in response.json()["error"]["message"]


@pytest.fixture
def redis_namespace() -> Iterator[str]:
    namespace = f"intake-test-{uuid.uuid4().hex}"
    yield namespace
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        keys = list(connection.scan_iter(match=f"*{namespace}*"))
        if keys:
            connection.delete(*keys)
    finally:
        connection.close()


def test_redis_limiter_is_shared_by_workers(settings: Settings, runtime: Runtime, redis_namespace: str) -> None:
    shared = settings.model_copy(update={"redis_url": REDIS_URL, "rate_limit_sessions": "3/minute"})
    app = create_app(shared, runtime=runtime)
    app.state.rate_limiter = RateLimiter.from_settings(shared, namespace=redis_namespace)
    with TestClient(app) as client:
        assert client.post("/api/sessions", json={"lang": "ko"}).status_code == 201
        assert client.post("/api/sessions", json={"lang": "ko"}).status_code == 201
    # A second worker process has its own limiter object but the same Redis counts.
    second_worker = RateLimiter.from_settings(shared, namespace=redis_namespace)
    assert second_worker.storage_uri == REDIS_URL
    assert second_worker.hit("sessions", "testclient") is None
    retry_after = second_worker.hit("sessions", "testclient")
    assert retry_after is not None and 1 <= retry_after <= 60
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        assert list(connection.scan_iter(match=f"*{redis_namespace}*"))
    finally:
        connection.close()
    with TestClient(app) as client:
        assert_throttled(client.post("/api/sessions", json={"lang": "en"}), "wait")
    # Other namespaces (other services on the same Redis) are untouched.
    assert RateLimiter.from_settings(shared, namespace=f"{redis_namespace}-other").hit("sessions", "testclient") is None


@pytest.mark.parametrize("storage", ["memory://", REDIS_URL])
def test_checking_without_counting(storage: str, redis_namespace: str) -> None:
    limiter = RateLimiter({"login": "2/minute"}, storage, namespace=redis_namespace)
    for _ in range(5):
        assert limiter.retry_after("login", "a@example.com") is None
    assert limiter.hit("login", "a@example.com") is None
    assert limiter.hit("login", "a@example.com") is None
    wait = limiter.retry_after("login", "a@example.com")
    assert wait is not None and 1 <= wait <= 60
    assert limiter.retry_after("login", "b@example.com") is None


def closed_port() -> int:
    """A loopback port nothing listens on: bound once to find it free, then closed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_redis_counts_in_the_process_and_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    limiter = RateLimiter({"login": "2/minute", "messages": "1/minute"}, f"redis://127.0.0.1:{closed_port()}/0",
                          namespace="unreachable")
    with caplog.at_level(logging.WARNING, logger="web.ratelimit"):
        assert limiter.retry_after("login", "a@example.com") is None
        assert limiter.hit("login", "a@example.com") is None
        assert limiter.hit("login", "a@example.com") is None
        assert limiter.retry_after("login", "a@example.com") is not None
        assert limiter.hit("messages", "s1") is None
        assert limiter.hit("messages", "s1") is not None
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "rate-limit storage" in r.message]
    assert len(warnings) == 1 and "counting in this process" in warnings[0].message


def test_resume_codes_stay_limited_while_redis_is_down(settings: Settings, runtime: Runtime) -> None:
    down = f"redis://127.0.0.1:{closed_port()}/0"
    with limited_client(settings, runtime, redis_url=down, rate_limit_resume="2/hour") as client:
        for _ in range(2):
            assert client.post("/api/sessions/resume", json={"code": "2222-2222"}).status_code == 404
        assert_throttled(client.post("/api/sessions/resume", json={"code": "2222-2222"}), "잠시 뒤에")


def test_mistyped_rule_fails_at_start() -> None:
    with pytest.raises(ValueError):
        RateLimiter({"messages": "thirty per minute"})
