"""The authorization matrix: every route of the app, called as anonymous and as each role,
answers with the status its row expects.

`test_every_route_is_public_or_in_the_matrix` enumerates the app's routes and fails for any
route that is neither in PUBLIC nor in MATRIX — a new route must say who may call it. To add
a row: the route's method and path exactly as declared, how to call it (`url`, `form`), and
the expected status per caller (`pages(...)` / `api(...)` build the usual shapes: anonymous is
sent to /login (pages) or gets 401 (API); a signed-in role outside the allowed ones gets 403).
POST rows are sent with the caller's valid CSRF token, so what they test is the role."""

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from application.accounts import NewUser, Role
from application.runtime import Runtime
from application.settings import Settings
from tests.accounts.conftest import PASSWORD, csrf_from, login
from tests.casework.helpers import run_intake
from web.app import create_app

ANONYMOUS = "anonymous"
CALLERS = [ANONYMOUS, *(role.value for role in Role)]

# Routes anyone may call: the owner's chat and widget, its API (guarded by session tokens and
# partner origins, tested in tests/web), search, health, the login form and static assets.
PUBLIC_PATHS = {"/", "/embed", "/widget.js", "/health", "/health/live", "/health/ready", "/api/search", "/login",
                "/owner-copy.css", "/sources/{slug}"}
PUBLIC_PREFIXES = ("/api/sessions", "/api/partners/", "/static", "/owner-copy/", "/embed/", "/fonts/",
                   "/docs", "/redoc", "/openapi.json")

# A status, or a status and the start of the Location it must redirect to.
Expected = int | tuple[int, str]


@dataclass
class Context:
    """What rows need to build their requests: the runtime, a case, throwaway users."""

    runtime: Runtime
    case_id: str

    def throwaway_user(self) -> str:
        user = self.runtime.accounts.create_user(
            NewUser(email=f"target-{uuid.uuid4().hex[:10]}@example.kr", name="대상 사용자", role=Role.mentor),
            password=PASSWORD)
        return user.id


@dataclass(frozen=True)
class Row:
    expect: dict[str, Expected]
    url: Callable[[Context], str] | None = None
    form: Callable[[Context], dict[str, str]] | None = None
    # For calls that end the caller's login (logout): sign in afresh for this call.
    fresh_login: bool = False


def pages(allowed: set[Role], ok: Expected = 200, *, anonymous: Expected = (303, "/login")) -> dict[str, Expected]:
    return {ANONYMOUS: anonymous, **{role.value: ok if role in allowed else 403 for role in Role}}


def api(allowed: dict[Role, Expected]) -> dict[str, Expected]:
    return {ANONYMOUS: 401, **{role.value: allowed.get(role, 403) for role in Role}}


EVERYONE = set(Role)
ADMIN = {Role.admin}


def _new_user_form(_: Context) -> dict[str, str]:
    return {"email": f"new-{uuid.uuid4().hex[:10]}@example.kr", "name": "새 멘토", "role": "mentor",
            "team": "", "capacity": "5"}


# The mentor console (application/casework/access.py). The matrix's case waits in the intake pool
# and its users have no team: admin, staff and leads see it (leads triage the pool); a mentor
# and an expert get 404, as for an unknown case. Forms are built so that a refused input
# (a blank reason, an unknown expert) leaves the shared case as it was.
def console(ok: Expected) -> dict[str, Expected]:
    return {ANONYMOUS: (303, "/login"), Role.admin.value: ok, Role.staff.value: ok, Role.lead.value: ok,
            Role.mentor.value: 404, Role.expert.value: 404}


BACK_TO_CASE = (303, "/console/cases/")


def case_url(action: str) -> Callable[[Context], str]:
    return lambda c: f"/console/cases/{c.case_id}{action}"


def pool_case(c: Context) -> str:
    """A case of its own, for a call that changes who holds it."""
    case_id = c.runtime.cases.case_for_session(run_intake(c.runtime.chat))
    assert case_id is not None
    return case_id


KB_ADMINS = {Role.admin, Role.staff}
KB_ENTRY = "/admin/kb/program/kosme-smart-factory"
KB_MENTOR = "/admin/mentors/sample-field-kim"
KB_PARTNER = "/admin/partners/no-such-partner"


MATRIX: dict[tuple[str, str], Row] = {
    ("GET", "/account"): Row(pages(EVERYONE)),
    # Two different new passwords: refused (400) after the login and CSRF checks pass.
    ("POST", "/account/password"): Row(
        pages(EVERYONE, 400, anonymous=(303, "/login")),
        form=lambda _: {"current_password": PASSWORD, "new_password": "one long phrase",
                        "new_password_again": "another long phrase"}),
    ("POST", "/logout"): Row({caller: (303, "/login") for caller in CALLERS}, fresh_login=True),
    ("GET", "/admin/users"): Row(pages(ADMIN)),
    ("GET", "/admin/access-log"): Row(pages(ADMIN)),
    ("GET", "/admin/insights"): Row(pages(KB_ADMINS)),
    ("GET", "/admin/insights/{key}.csv"): Row(pages(KB_ADMINS), url=lambda _: "/admin/insights/regions.csv"),
    ("POST", "/admin/users"): Row(pages(ADMIN, 201), form=_new_user_form),
    ("POST", "/admin/users/{user_id}/deactivate"): Row(
        pages(ADMIN, (303, "/admin/users")), url=lambda c: f"/admin/users/{c.throwaway_user()}/deactivate"),
    ("POST", "/admin/users/{user_id}/activate"): Row(
        pages(ADMIN, (303, "/admin/users")), url=lambda c: f"/admin/users/{c.throwaway_user()}/activate"),
    ("POST", "/admin/users/{user_id}/password"): Row(
        pages(ADMIN), url=lambda c: f"/admin/users/{c.throwaway_user()}/password"),
    ("POST", "/admin/users/{user_id}/profile"): Row(
        pages(ADMIN, (303, "/admin/users")), url=lambda c: f"/admin/users/{c.throwaway_user()}/profile",
        form=lambda _: {"role": "lead", "team": "대전팀", "capacity": "7"}),
    # A new case waits in the intake pool: staff and leads see it; a mentor without it and
    # an expert not asked about it get 404, as for an unknown case (application/casework/access.py).
    ("GET", "/api/cases/{case_id}/brief"): Row(
        api({Role.admin: 200, Role.staff: 200, Role.lead: 200, Role.mentor: 404, Role.expert: 404}),
        url=lambda c: f"/api/cases/{c.case_id}/brief"),
    ("GET", "/console"): Row(pages(EVERYONE)),
    ("GET", "/console/brief.css"): Row({caller: 200 for caller in CALLERS}),
    ("GET", "/console/cases/{case_id}"): Row(console(200), url=case_url("")),
    ("POST", "/console/cases/{case_id}/contact"): Row(console(200), url=case_url("/contact")),
    ("POST", "/console/cases/{case_id}/brief.pdf"): Row(console(200), url=case_url("/brief.pdf")),
    ("POST", "/console/cases/{case_id}/note"): Row(console(BACK_TO_CASE), url=case_url("/note"),
                                                   form=lambda _: {"note": "권한 확인 메모"}),
    ("POST", "/console/cases/{case_id}/contacted"): Row(console(BACK_TO_CASE), url=case_url("/contacted")),
    ("POST", "/console/cases/{case_id}/advance"): Row(console(BACK_TO_CASE), url=case_url("/advance"),
                                                      form=lambda _: {"to": "selected"}),
    ("POST", "/console/cases/{case_id}/reject"): Row(console(BACK_TO_CASE), url=case_url("/reject"),
                                                     form=lambda _: {"reason": ""}),
    # Admin and staff assign; a lead without a team is refused with a notice (303 as well).
    ("POST", "/console/cases/{case_id}/assign"): Row(
        console(BACK_TO_CASE), url=lambda c: f"/console/cases/{pool_case(c)}/assign",
        form=lambda c: {"mentor_id": c.throwaway_user()}),
    # Only a lead with a team takes pool cases, only a mentor of the case's team claims, only
    # the holder hands back: nobody here.
    ("POST", "/console/cases/{case_id}/take"): Row(console(403), url=case_url("/take")),
    ("POST", "/console/cases/{case_id}/claim"): Row(console(403), url=case_url("/claim")),
    ("POST", "/console/cases/{case_id}/hand-back"): Row(console(403), url=case_url("/hand-back"),
                                                        form=lambda _: {"note": "돌려놓아요"}),
    ("POST", "/console/cases/{case_id}/ask-expert"): Row(console(BACK_TO_CASE), url=case_url("/ask-expert"),
                                                         form=lambda _: {"expert_id": "nobody", "question": "?"}),
    # The matrix's case is new, not at 성과 리포트: a post is refused back to the case, unchanged.
    ("GET", "/console/cases/{case_id}/reassessment"): Row(console(200), url=case_url("/reassessment")),
    ("POST", "/console/cases/{case_id}/reassessment"): Row(
        console(BACK_TO_CASE), url=case_url("/reassessment"),
        form=lambda _: {"level_cloud": "3", "level_ai": "1", "level_blockchain": "0", "level_data": "2",
                        "level_security": "2", "summary": "요약"}),
    ("GET", "/console/cases/{case_id}/report"): Row(console(200), url=case_url("/report")),
    ("GET", "/console/cases/{case_id}/report.pdf"): Row(console(200), url=case_url("/report.pdf")),
    ("POST", "/console/cases/{case_id}/advice/{request_id}/answer"): Row(
        console(BACK_TO_CASE), url=case_url("/advice/999999999/answer"), form=lambda _: {"answer": "답"}),
    # Knowledge-base, mentor and partner admin (web/pages/admin): admin and staff. The shared
    # runtime must not change, so posts carry an empty form (refused, 422) or name a version or
    # partner that does not exist (404); tests/catalog edit on a runtime of their own.
    ("GET", "/admin/kb"): Row(pages(KB_ADMINS)),
    ("GET", "/admin/kb/export"): Row(pages(KB_ADMINS)),
    ("POST", "/admin/kb/import"): Row(pages(KB_ADMINS, 422)),
    ("GET", "/admin/kb/new"): Row(pages(KB_ADMINS)),
    ("POST", "/admin/kb/new"): Row(pages(KB_ADMINS, 422)),
    ("POST", "/admin/kb/new/preview"): Row(pages(KB_ADMINS, 422)),
    ("GET", "/admin/kb/{kind}/{slug}"): Row(pages(KB_ADMINS), url=lambda _: KB_ENTRY),
    ("POST", "/admin/kb/{kind}/{slug}"): Row(pages(KB_ADMINS, 422), url=lambda _: KB_ENTRY),
    ("POST", "/admin/kb/{kind}/{slug}/preview"): Row(pages(KB_ADMINS, 422), url=lambda _: f"{KB_ENTRY}/preview"),
    ("GET", "/admin/kb/{kind}/{slug}/history"): Row(pages(KB_ADMINS), url=lambda _: f"{KB_ENTRY}/history"),
    ("POST", "/admin/kb/{kind}/{slug}/history/{number}/restore"): Row(
        pages(KB_ADMINS, 404), url=lambda _: f"{KB_ENTRY}/history/999/restore"),
    ("GET", "/admin/mentors"): Row(pages(KB_ADMINS)),
    ("GET", "/admin/mentors/new"): Row(pages(KB_ADMINS)),
    ("POST", "/admin/mentors/new"): Row(pages(KB_ADMINS, 422)),
    ("GET", "/admin/mentors/{item_id}"): Row(pages(KB_ADMINS), url=lambda _: KB_MENTOR),
    ("POST", "/admin/mentors/{item_id}"): Row(pages(KB_ADMINS, 422), url=lambda _: KB_MENTOR),
    ("GET", "/admin/mentors/{item_id}/history"): Row(pages(KB_ADMINS), url=lambda _: f"{KB_MENTOR}/history"),
    ("POST", "/admin/mentors/{item_id}/history/{number}/restore"): Row(
        pages(KB_ADMINS, 404), url=lambda _: f"{KB_MENTOR}/history/999/restore"),
    ("GET", "/admin/partners"): Row(pages(KB_ADMINS)),
    ("GET", "/admin/partners/new"): Row(pages(KB_ADMINS)),
    ("POST", "/admin/partners/new"): Row(pages(KB_ADMINS, 422)),
    ("GET", "/admin/partners/{item_id}"): Row(pages(KB_ADMINS, 404), url=lambda _: KB_PARTNER),
    ("POST", "/admin/partners/{item_id}"): Row(pages(KB_ADMINS, 404), url=lambda _: KB_PARTNER),
    ("GET", "/admin/partners/{item_id}/history"): Row(pages(KB_ADMINS, 404), url=lambda _: f"{KB_PARTNER}/history"),
    ("POST", "/admin/partners/{item_id}/history/{number}/restore"): Row(
        pages(KB_ADMINS, 404), url=lambda _: f"{KB_PARTNER}/history/0/restore"),
}


def declared_routes(app: FastAPI) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for context in iter_route_contexts(app.routes):
        path = context.path
        if path is None:
            continue
        methods = context.methods or {"*"}
        found.update((method, path) for method in methods - {"HEAD"})
    return found


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def test_every_route_is_public_or_in_the_matrix(settings: Settings) -> None:
    routes = declared_routes(create_app(settings))
    unlisted = sorted(route for route in routes if not is_public(route[1]) and route not in MATRIX)
    assert unlisted == [], f"add these routes to MATRIX (or, if truly public, to PUBLIC): {unlisted}"
    stale = sorted(set(MATRIX) - routes)
    assert stale == [], f"MATRIX rows for routes that no longer exist: {stale}"


@pytest.fixture(scope="module")
def app(settings: Settings, runtime: Runtime) -> FastAPI:
    return create_app(settings, runtime=runtime)


@pytest.fixture(scope="module")
def context(runtime: Runtime) -> Context:
    case_id = runtime.cases.case_for_session(run_intake(runtime.chat))
    assert case_id is not None
    return Context(runtime, case_id)


@pytest.fixture(scope="module")
def emails(runtime: Runtime) -> dict[str, str]:
    made = {}
    for role in Role:
        email = f"matrix-{role.value}-{uuid.uuid4().hex[:8]}@example.kr"
        runtime.accounts.create_user(NewUser(email=email, name=f"{role.value} 확인", role=role), password=PASSWORD)
        made[role.value] = email
    return made


@pytest.fixture(scope="module")
def browsers(app: FastAPI, emails: dict[str, str]) -> Iterator[dict[str, TestClient]]:
    """One signed-in client per role (and one without a login), kept for the module."""
    clients = {caller: TestClient(app) for caller in CALLERS}
    for caller, client in clients.items():
        client.__enter__()
        if caller != ANONYMOUS:
            assert login(client, emails[caller]) == (303, "/console")
    yield clients
    for client in clients.values():
        client.__exit__(None, None, None)


def _csrf(client: TestClient) -> str:
    return csrf_from(client.get("/account").text)


def _call(client: TestClient, method: str, url: str, form: dict[str, str] | None, signed_in: bool) -> Any:
    if method == "GET":
        return client.get(url, follow_redirects=False)
    data = dict(form or {})
    if signed_in:
        data["csrf_token"] = _csrf(client)
    return client.request(method, url, data=data, follow_redirects=False)


@pytest.mark.parametrize(("route", "caller"), [(route, caller) for route in MATRIX for caller in CALLERS],
                         ids=lambda value: " ".join(value) if isinstance(value, tuple) else value)
def test_matrix(route: tuple[str, str], caller: str, app: FastAPI, context: Context,
                browsers: dict[str, TestClient], emails: dict[str, str]) -> None:
    method, path = route
    row = MATRIX[route]
    url = row.url(context) if row.url else path
    form = row.form(context) if row.form else None
    signed_in = caller != ANONYMOUS
    if row.fresh_login and signed_in:
        with TestClient(app) as client:
            assert login(client, emails[caller]) == (303, "/console")
            response = _call(client, method, url, form, signed_in)
    else:
        response = _call(browsers[caller], method, url, form, signed_in)
    expected = row.expect[caller]
    status, location = expected if isinstance(expected, tuple) else (expected, None)
    assert response.status_code == status, f"{method} {url} as {caller}: {response.status_code} {response.text[:200]}"
    if location is not None:
        assert response.headers["location"].startswith(location)
    if status == 401:
        assert response.json()["error"]["code"] == "unauthorized"
    if status == 403 and path.startswith("/api/"):
        assert response.json()["error"]["code"] == "forbidden"
