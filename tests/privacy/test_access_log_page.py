"""/admin/access-log through real HTTP: only an admin reads it; filters by case, user and
Korean calendar day."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from application.accounts import Role
from application.privacy.access_log import AccessKind
from application.runtime import Runtime
from application.settings import Settings
from tests.accounts.conftest import login, make_user
from web.app import create_app

PAGE = "/admin/access-log"


@pytest.fixture
def client(settings: Settings, runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(settings, runtime=runtime)) as test_client:
        yield test_client


def test_anonymous_and_non_admins_are_kept_out(client: TestClient, runtime: Runtime) -> None:
    anonymous = client.get(PAGE, follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
    for role in (Role.mentor, Role.lead, Role.staff):
        user = make_user(runtime.accounts, role)
        assert login(client, user.email)[0] == 303
        assert client.get(PAGE).status_code == 403
        client.cookies.clear()


def test_admin_reads_and_filters_the_log(client: TestClient, runtime: Runtime) -> None:
    admin = make_user(runtime.accounts, Role.admin, name="관리자")
    case_a, case_b = f"a{uuid.uuid4().hex[:11]}", f"b{uuid.uuid4().hex[:11]}"
    # 2026-03-01 23:30 UTC is already 2 March in Korea.
    runtime.access_log.record(user_id="u1", user_email="mentor-log@agency.kr", user_name="<b>이멘토</b>",
                              case_id=case_a, what=AccessKind.contact_view,
                              at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC), client_address="203.0.113.7")
    runtime.access_log.record(user_id="u2", user_email="lead-log@agency.kr", user_name="박리드", case_id=case_b,
                              what=AccessKind.brief_pdf, at=datetime(2026, 3, 5, 1, 0, tzinfo=UTC))
    assert login(client, admin.email)[0] == 303

    by_case = client.get(PAGE, params={"case": case_a})
    assert by_case.status_code == 200
    assert "2026-03-02 08:30" in by_case.text and "연락처 보기" in by_case.text and "203.0.113.7" in by_case.text
    assert "&lt;b&gt;이멘토&lt;/b&gt;" in by_case.text and case_b not in by_case.text
    by_user = client.get(PAGE, params={"user": "Lead-Log@agency.kr"}).text
    assert case_b in by_user and case_a not in by_user and "상담 요약 PDF" in by_user
    one_day = client.get(PAGE, params={"since": "2026-03-02", "until": "2026-03-02"}).text
    assert case_a in one_day and case_b not in one_day
    bad_day = client.get(PAGE, params={"case": case_b, "since": "3월 2일"})
    assert bad_day.status_code == 200 and "날짜를 읽지 못해서" in bad_day.text and case_b in bad_day.text
    assert 'href="/admin/access-log"' in client.get("/console").text
