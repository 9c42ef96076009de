"""The mentor console through real HTTP (FastAPI TestClient, the session runtime's SQLite):
who sees which case (404, not 403, for the rest), Post/Redirect/Get with CSRF, contact data
hidden until asked for and every view of it logged, the PDF, the brief API, over-capacity
confirmation, filters in the query string and notes rendered inert."""

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from application.accounts import NewUser, Role, User
from application.cases.models import CaseRow
from application.privacy.access_log import AccessKind, AccessLog
from application.runtime import Runtime
from application.settings import Settings
from application.store.database import make_engine, session_factory
from tests.accounts.conftest import PASSWORD, csrf_from, login
from tests.casework.helpers import SEOUL_SHOP, run_intake
from tests.intake_answers import DAEJEON_MOULD_MAKER
from web.app import create_app

XSS = '<script>alert("note")</script><img src=x onerror=alert(2)>'


class Console:
    """One signed-in browser (its own cookies) and the runtime behind it."""

    def __init__(self, client: TestClient, user: User) -> None:
        self.client, self.user = client, user

    def page(self, path: str) -> str:
        response = self.client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.text

    def post(self, path: str, data: dict[str, str] | None = None, *, csrf: bool = True) -> tuple[int, str]:
        form = dict(data or {})
        if csrf:
            form["csrf_token"] = csrf_from(self.client.get("/console").text)
        response = self.client.post(path, data=form, follow_redirects=False)
        return response.status_code, response.headers.get("location", "")


SignIn = Callable[..., Console]


@pytest.fixture
def team() -> str:
    # A team of its own per test: the session database is shared with other tests.
    return f"team-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def sign_in(settings: Settings, runtime: Runtime) -> Iterator[SignIn]:
    clients: list[TestClient] = []

    def make(role: Role, team: str | None = None, *, capacity: int = 5, name: str | None = None) -> Console:
        user = runtime.accounts.create_user(
            NewUser(email=f"{role.value}-{uuid.uuid4().hex[:8]}@example.kr", name=name or f"{role.value} 사용자",
                    role=role, team=team, capacity=capacity), password=PASSWORD)
        client = TestClient(create_app(settings, runtime=runtime))
        client.__enter__()
        clients.append(client)
        status, location = login(client, user.email)
        assert (status, location) == (303, "/console")
        return Console(client, user)

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def new_case(runtime: Runtime, answers: dict[str, str] | None = None, partner: str | None = None) -> str:
    session_id = run_intake(runtime.chat, {**DAEJEON_MOULD_MAKER, **(answers or {})}, partner)
    case_id = runtime.cases.case_for_session(session_id)
    assert case_id is not None
    return case_id


def test_the_console_needs_a_login(client: TestClient, runtime: Runtime) -> None:
    case_id = new_case(runtime)
    for path in ("/console", f"/console/cases/{case_id}"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next=/console")
    response = client.post(f"/console/cases/{case_id}/note", data={"note": "x"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert client.get(f"/api/cases/{case_id}/brief").status_code == 401


def test_each_role_sees_its_cases_and_nothing_else(sign_in: SignIn, runtime: Runtime, team: str) -> None:
    lead = sign_in(Role.lead, team)
    mentor = sign_in(Role.mentor, team, name="박현장")
    outsider = sign_in(Role.mentor, f"{team}-other")
    expert = sign_in(Role.expert)
    staff = sign_in(Role.staff)
    pool, assigned = new_case(runtime), new_case(runtime)
    runtime.casework.assign(actor=lead.user, case_id=assigned, mentor_id=mentor.user.id)

    def listed(console: Console, case_id: str) -> bool:
        return f'data-case="{case_id}"' in console.page("/console?status=open")

    assert listed(lead, pool) and listed(lead, assigned) and listed(staff, pool)
    assert listed(mentor, assigned) and not listed(mentor, pool)
    assert not listed(outsider, assigned) and not listed(expert, assigned)
    for console, case_id in ((mentor, pool), (outsider, assigned), (expert, assigned)):
        for path in (f"/console/cases/{case_id}", "/console/cases/000000000000"):
            response = console.client.get(path)
            assert response.status_code == 404 and "사례를 찾지 못했어요" in response.text
        api = console.client.get(f"/api/cases/{case_id}/brief")
        assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
        assert console.post(f"/console/cases/{case_id}/note", {"note": "몰래"})[0] == 404
    assert "박현장" in mentor.page(f"/console/cases/{assigned}")


def test_actions_are_csrf_protected_posts_that_redirect_back(sign_in: SignIn, runtime: Runtime, team: str) -> None:
    lead = sign_in(Role.lead, team)
    mentor = sign_in(Role.mentor, team)
    case_id = new_case(runtime)
    assert lead.post(f"/console/cases/{case_id}/assign", {"mentor_id": mentor.user.id}, csrf=False)[0] == 403
    status, location = lead.post(f"/console/cases/{case_id}/assign", {"mentor_id": mentor.user.id})
    assert (status, location) == (303, f"/console/cases/{case_id}#notices")
    page = lead.page(location)
    assert "님에게 배정했어요" in page  # the notice, once
    assert "님에게 배정했어요" not in lead.page(location)

    assert mentor.post(f"/console/cases/{case_id}/advance", {"to": "interview"})[0] == 303
    assert "순서대로 하나씩만" in mentor.page(f"/console/cases/{case_id}")
    assert mentor.post(f"/console/cases/{case_id}/advance", {"to": "selected", "note": "선정 회의 통과"})[0] == 303
    page = mentor.page(f"/console/cases/{case_id}")
    assert "‘대상 선정’ 단계로 넘겼어요" in page and "선정 회의 통과" in page
    assert "‘멘토 지정’ 단계로 넘기기" in page
    assert mentor.post(f"/console/cases/{case_id}/reject", {"reason": " "})[0] == 303
    assert "반려하려면 사유를 꼭 적어 주세요" in mentor.page(f"/console/cases/{case_id}")
    # A mentor of the team may not assign; the page never offers it, so the refusal is plain 403.
    assert mentor.post(f"/console/cases/{case_id}/assign", {"mentor_id": mentor.user.id})[0] == 403


def test_contact_data_is_hidden_until_asked_and_each_view_is_logged(sign_in: SignIn, runtime: Runtime) -> None:
    staff = sign_in(Role.staff)
    case_id = new_case(runtime)
    log = AccessLog(session_factory(make_engine(runtime.settings.effective_database_url)))
    page = staff.page(f"/console/cases/{case_id}")
    assert "minsu@example.com" not in page and "김민수" not in page
    assert "연락처 보기" in page and "연락처 가림" in page
    assert log.entries(case_id=case_id) == []

    csrf = csrf_from(page)
    assert staff.client.post(f"/console/cases/{case_id}/contact").status_code == 403
    shown = staff.client.post(f"/console/cases/{case_id}/contact", data={"csrf_token": csrf})
    assert shown.status_code == 200 and "minsu@example.com" in shown.text and "김민수" in shown.text
    assert shown.headers["cache-control"] == "no-store"
    pdf = staff.client.post(f"/console/cases/{case_id}/brief.pdf", data={"csrf_token": csrf})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf.headers["content-disposition"]
    api = staff.client.get(f"/api/cases/{case_id}/brief")
    assert api.status_code == 200 and api.json()["contact"]["email"] == "minsu@example.com"
    entries = log.entries(case_id=case_id)
    assert [e.what for e in entries] == [AccessKind.brief_api, AccessKind.brief_pdf, AccessKind.contact_view]
    assert {e.user_id for e in entries} == {staff.user.id}


def test_over_capacity_needs_the_leads_confirmation(sign_in: SignIn, runtime: Runtime, team: str) -> None:
    lead = sign_in(Role.lead, team)
    mentor = sign_in(Role.mentor, team, capacity=1, name="한가득")
    first, second = new_case(runtime), new_case(runtime)
    assert lead.post(f"/console/cases/{first}/assign", {"mentor_id": mentor.user.id})[0] == 303
    assert "1 / 1건" in lead.page(f"/console/cases/{second}")
    status, location = lead.post(f"/console/cases/{second}/assign", {"mentor_id": mentor.user.id})
    assert status == 303 and f"confirm_assign={mentor.user.id}" in location
    page = lead.page(location)
    assert "한가득 님은 이미 1건을 맡고 있어요(최대 1건)" in page and "한도를 넘겨서 배정하기" in page
    assert runtime.casework.case(actor=lead.user, case_id=second).summary.assignee is None
    assert lead.post(f"/console/cases/{second}/assign", {"mentor_id": mentor.user.id, "confirm": "1"})[0] == 303
    assert runtime.casework.case(actor=lead.user, case_id=second).summary.assignee is not None


def test_queue_filters_ageing_and_the_overdue_flag(sign_in: SignIn, runtime: Runtime) -> None:
    staff = sign_in(Role.staff)
    seoul, daejeon = new_case(runtime, SEOUL_SHOP), new_case(runtime, partner="daejeon-center")
    # Cases are created now; back-dating one in the database is how it gets old enough to be
    # overdue (the queue computes ageing from created_at against the real clock).
    writer = session_factory(make_engine(runtime.settings.effective_database_url))
    with writer.begin() as db:
        db.execute(update(CaseRow).where(CaseRow.id == daejeon)
                   .values(created_at=datetime.now(UTC) - timedelta(days=14)))
    page = staff.page("/console?region=seoul")
    assert f'data-case="{seoul}"' in page and f'data-case="{daejeon}"' not in page
    page = staff.page("/console?partner=daejeon-center&industry=manufacturing")
    assert f'data-case="{daejeon}"' in page and f'data-case="{seoul}"' not in page
    row = page.split(f'data-case="{daejeon}"')[1].split("</tr>")[0]
    assert "연락 기한 지남" in row and 'class="flag-overdue"' in row and "영업일" in row
    assert "연락 기한 지남" in staff.page(f"/console/cases/{daejeon}")
    assert staff.post(f"/console/cases/{daejeon}/contacted")[0] == 303
    page = staff.page("/console?partner=daejeon-center")
    assert "연락 기한 지남" not in page.split(f'data-case="{daejeon}"')[1].split("</tr>")[0]
    # A hand-edited address with a value no filter takes still shows the queue.
    page = staff.page("/console?status=bogus&region=seoul")
    assert "필터 일부를 읽지 못해서" in page and f'data-case="{seoul}"' in page


def test_notes_are_rendered_inert(sign_in: SignIn, runtime: Runtime) -> None:
    staff = sign_in(Role.staff)
    case_id = new_case(runtime)
    assert staff.post(f"/console/cases/{case_id}/note", {"note": XSS})[0] == 303
    page = staff.page(f"/console/cases/{case_id}")
    assert XSS not in page and "&lt;script&gt;alert(&#34;note&#34;)&lt;/script&gt;" in page


def test_the_brief_stylesheet_is_scoped_to_the_embedded_brief(client: TestClient) -> None:
    response = client.get("/console/brief.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert response.text.startswith("@scope (.brief-embed) {") and "\nbody {" not in response.text
