"""Sign-in, sign-out and the account page through real HTTP (FastAPI TestClient): cookies,
session fixation, CSRF, the login rate limit, redirects that never carry a token."""

from collections.abc import Iterator
from http.cookies import SimpleCookie
from typing import Any

import pytest
from fastapi.testclient import TestClient

from application.accounts import Role
from application.accounts.service import token_hash
from application.runtime import Runtime
from application.settings import Settings
from prompts.accounts import load_account_prompts
from tests.accounts.conftest import PASSWORD, csrf_from, login, make_user, plant_session, unique_email
from web.app import create_app
from web.cookies import LOGIN_CSRF_COOKIE, SESSION_COOKIE

WRONG = "이메일이나 비밀번호가 맞지 않아요"


def set_cookies(response: Any) -> dict[str, SimpleCookie]:
    cookies: dict[str, SimpleCookie] = {}
    for header in response.headers.get_list("set-cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        for name in cookie:
            cookies[name] = cookie
    return cookies


def session_of(client: TestClient) -> str:
    value = client.cookies.get(SESSION_COOKIE)
    assert value, "no session cookie"
    return value


def test_login_page_sets_a_pre_login_csrf_cookie(client: TestClient) -> None:
    page = client.get("/login")
    assert page.status_code == 200
    assert "업무 화면 로그인" in page.text and 'lang="ko"' in page.text
    cookie = set_cookies(page)[LOGIN_CSRF_COOKIE][LOGIN_CSRF_COOKIE]
    assert cookie["httponly"] and cookie["samesite"].lower() == "lax" and cookie["path"] == "/login"
    assert not cookie["secure"]
    assert csrf_from(page.text) == cookie.value
    assert page.headers["cache-control"] == "no-store"
    # A second visit keeps the token, so two open login tabs both work.
    assert csrf_from(client.get("/login").text) == cookie.value


def test_login_succeeds_with_a_fresh_http_only_session_cookie(client: TestClient, runtime: Runtime) -> None:
    user = make_user(runtime.accounts, Role.mentor)
    page = client.get("/login")
    response = client.post("/login", data={"email": user.email.upper(), "password": PASSWORD, "next": "",
                                           "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/console"
    cookies = set_cookies(response)
    session = cookies[SESSION_COOKIE][SESSION_COOKIE]
    assert session["httponly"] and session["samesite"].lower() == "lax" and session["path"] == "/"
    assert not session["secure"]
    assert int(session["max-age"]) == 7 * 24 * 3600
    # The pre-login token is spent.
    assert cookies[LOGIN_CSRF_COOKIE][LOGIN_CSRF_COOKIE]["max-age"] == "0"
    assert session.value not in response.headers["location"]
    login_session = runtime.accounts.resolve_session(session.value)
    assert login_session is not None and login_session.user.id == user.id
    account = client.get("/account")
    assert account.status_code == 200 and user.email in account.text and "현장 멘토" in account.text


def test_cookies_are_secure_over_https(settings: Settings, runtime: Runtime) -> None:
    user = make_user(runtime.accounts, Role.staff)
    with TestClient(create_app(settings, runtime=runtime), base_url="https://testserver") as https:
        page = https.get("/login")
        assert set_cookies(page)[LOGIN_CSRF_COOKIE][LOGIN_CSRF_COOKIE]["secure"]
        response = https.post("/login", data={"email": user.email, "password": PASSWORD,
                                              "csrf_token": csrf_from(page.text)}, follow_redirects=False)
        assert response.status_code == 303
        session = set_cookies(response)[SESSION_COOKIE][SESSION_COOKIE]
        assert session["secure"] and session["httponly"] and session["samesite"].lower() == "lax"
        assert https.get("/account").status_code == 200


def test_wrong_password_and_unknown_email_get_the_same_answer(client: TestClient, runtime: Runtime) -> None:
    user = make_user(runtime.accounts)
    answers = []
    for email, password in [(user.email, "wrong password here"), (unique_email(), PASSWORD)]:
        page = client.get("/login")
        response = client.post("/login", data={"email": email, "password": password,
                                               "csrf_token": csrf_from(page.text)}, follow_redirects=False)
        assert response.status_code == 401
        assert WRONG in response.text
        assert SESSION_COOKIE not in set_cookies(response)
        answers.append(response.text.replace(email, ""))
    assert answers[0] == answers[1]


def test_missing_fields_are_asked_for(client: TestClient) -> None:
    page = client.get("/login")
    response = client.post("/login", data={"email": "a@example.kr", "csrf_token": csrf_from(page.text)})
    assert response.status_code == 400 and "모두 입력해 주세요" in response.text


def test_failed_logins_are_limited_per_address(client: TestClient, runtime: Runtime) -> None:
    user = make_user(runtime.accounts)
    statuses = [login(client, unique_email(), "wrong password here")[0] for _ in range(5)]
    assert statuses == [401] * 5
    page = client.get("/login")
    # The right password does not help once the address is over the limit (5/15minutes).
    limited = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                          "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert limited.status_code == 429
    assert "로그인 시도가 너무 많았어요" in limited.text and "분 뒤에 다시 해 주세요" in limited.text
    assert 0 < int(limited.headers["retry-after"]) <= 15 * 60
    assert SESSION_COOKIE not in set_cookies(limited)


def test_failed_logins_are_limited_per_account(settings: Settings, runtime: Runtime) -> None:
    user = make_user(runtime.accounts)
    app = create_app(settings, runtime=runtime)
    with TestClient(app, client=("203.0.113.1", 50000)) as first, \
            TestClient(app, client=("203.0.113.2", 50000)) as second:
        for _ in range(3):
            assert login(first, user.email, "wrong password here")[0] == 401
        for _ in range(2):
            assert login(second, user.email, "wrong password here")[0] == 401
        # A third address is under its own limit but the account is not.
        with TestClient(app, client=("203.0.113.3", 50000)) as third:
            assert login(third, user.email)[0] == 429
            assert login(third, make_user(runtime.accounts).email)[0] == 303


def test_successful_logins_are_not_limited(client: TestClient, runtime: Runtime) -> None:
    user = make_user(runtime.accounts)
    for _ in range(8):
        assert login(client, user.email) == (303, "/console")


def test_login_goes_back_to_a_local_next_only(client: TestClient, runtime: Runtime) -> None:
    user = make_user(runtime.accounts, Role.admin)
    assert login(client, user.email, next_path="/admin/users?x=1") == (303, "/admin/users?x=1")
    for bad in ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/login"]:
        assert login(client, user.email, next_path=bad) == (303, "/console")


def test_pages_redirect_to_login_with_next_and_back(client: TestClient, runtime: Runtime) -> None:
    user = make_user(runtime.accounts)
    response = client.get("/account", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/account"
    page = client.get(response.headers["location"])
    assert 'name="next" value="/account"' in page.text
    status, location = login(client, user.email, next_path="/account")
    assert (status, location) == (303, "/account")


def test_signed_in_user_visiting_login_is_sent_on(client: TestClient, runtime: Runtime) -> None:
    user = make_user(runtime.accounts)
    login(client, user.email)
    response = client.get("/login?next=/account", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/account"


def test_session_fixation_login_issues_a_new_session(client: TestClient, runtime: Runtime) -> None:
    user = make_user(runtime.accounts)
    other = make_user(runtime.accounts)
    # A token planted in the browser before login (by an attacker, or a previous user) ...
    planted = runtime.accounts.start_session(other.id).token
    plant_session(client, planted)
    login(client, user.email)
    fresh = session_of(client)
    # ... is replaced, and the session behind it is gone.
    assert fresh != planted
    assert runtime.accounts.resolve_session(planted) is None
    assert runtime.accounts.resolve_session(fresh) is not None
    # Logging in again from the same browser rotates it again.
    login(client, user.email)
    assert session_of(client) != fresh
    assert runtime.accounts.resolve_session(fresh) is None


def test_logout_ends_the_session(client: TestClient, runtime: Runtime) -> None:
    user = make_user(runtime.accounts)
    login(client, user.email)
    token = session_of(client)
    account = client.get("/account")
    response = client.post("/logout", data={"csrf_token": csrf_from(account.text)}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert set_cookies(response)[SESSION_COOKIE][SESSION_COOKIE]["max-age"] == "0"
    assert client.cookies.get(SESSION_COOKIE) is None
    assert runtime.accounts.resolve_session(token) is None
    # The old cookie, replayed, opens nothing.
    plant_session(client, token)
    again = client.get("/account", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].startswith("/login")
    assert client.get("/api/cases/whatever/brief").status_code == 401


@pytest.fixture
def admin_client(client: TestClient, runtime: Runtime) -> Iterator[TestClient]:
    admin = make_user(runtime.accounts, Role.admin, name="이관리")
    login(client, admin.email)
    yield client


def test_csrf_is_required_on_login(client: TestClient, runtime: Runtime) -> None:
    user = make_user(runtime.accounts)
    page = client.get("/login")
    token = csrf_from(page.text)
    for sent in [None, "", token[::-1]]:
        data = {"email": user.email, "password": PASSWORD}
        if sent is not None:
            data["csrf_token"] = sent
        response = client.post("/login", data=data, follow_redirects=False)
        assert response.status_code == 403 and "요청을 확인하지 못했어요" in response.text
        assert SESSION_COOKIE not in set_cookies(response)
    # Without the cookie (a cross-site form post cannot set it) the token alone is not enough.
    client.cookies.delete(LOGIN_CSRF_COOKIE, path="/login")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token},
                           follow_redirects=False)
    assert response.status_code == 403


def test_csrf_is_required_on_logout(admin_client: TestClient, runtime: Runtime) -> None:
    token = session_of(admin_client)
    for data in [{}, {"csrf_token": "forged"}]:
        response = admin_client.post("/logout", data=data, follow_redirects=False)
        assert response.status_code == 403
    assert runtime.accounts.resolve_session(token) is not None
    # Another user's token is no good either.
    other = make_user(runtime.accounts)
    stranger = runtime.accounts.start_session(other.id)
    assert admin_client.post("/logout", data={"csrf_token": stranger.csrf_token}).status_code == 403
    assert runtime.accounts.resolve_session(token) is not None


def test_csrf_is_required_on_admin_forms(admin_client: TestClient, runtime: Runtime) -> None:
    email = unique_email("new")
    form = {"email": email, "name": "최신규", "role": "mentor", "team": "", "capacity": "5"}
    for data in [form, {**form, "csrf_token": "forged"}]:
        response = admin_client.post("/admin/users", data=data)
        assert response.status_code == 403 and "요청을 확인하지 못했어요" in response.text
    assert runtime.accounts.find_by_email(email) is None
    target = make_user(runtime.accounts)
    assert admin_client.post(f"/admin/users/{target.id}/deactivate", data={}).status_code == 403
    assert runtime.accounts.get_user(target.id).active
    # The header form works for scripts.
    page = admin_client.get("/admin/users")
    response = admin_client.post(f"/admin/users/{target.id}/deactivate", headers={"X-CSRF-Token": csrf_from(page.text)},
                                 follow_redirects=False)
    assert response.status_code == 303
    assert not runtime.accounts.get_user(target.id).active


def test_admin_invites_a_user_who_then_changes_the_password(admin_client: TestClient, runtime: Runtime,
                                                             settings: Settings) -> None:
    page = admin_client.get("/admin/users")
    assert page.status_code == 200 and "새 계정 만들기" in page.text
    email = unique_email("invited")
    created = admin_client.post("/admin/users", data={
        "email": email.upper(), "name": "정초대", "role": "lead", "team": "대전 1팀", "capacity": "7",
        "csrf_token": csrf_from(page.text)})
    assert created.status_code == 201
    assert "정초대 님의 계정을 만들었어요" in created.text
    password = created.text.split('data-testid="initial-password">')[1].split("<")[0]
    user = runtime.accounts.find_by_email(email)
    assert user is not None and (user.role, user.team, user.capacity) == (Role.lead, "대전 1팀", 7)
    # Shown once: the list does not show it again.
    assert password not in admin_client.get("/admin/users").text
    duplicate = admin_client.post("/admin/users", data={
        "email": email, "name": "정초대", "role": "lead", "csrf_token": csrf_from(page.text)})
    assert duplicate.status_code == 400 and "이미 같은 이메일" in duplicate.text
    invalid = admin_client.post("/admin/users", data={
        "email": "nope", "name": "x", "role": "mentor", "csrf_token": csrf_from(page.text)})
    assert invalid.status_code == 400 and "이메일 주소 형식" in invalid.text
    bad_role = admin_client.post("/admin/users", data={
        "email": unique_email(), "name": "x", "role": "boss", "csrf_token": csrf_from(page.text)})
    assert bad_role.status_code == 400 and "다시 확인해 주세요" in bad_role.text

    with TestClient(create_app(settings, runtime=runtime)) as newcomer:
        assert login(newcomer, email, password) == (303, "/account")
        account = newcomer.get("/account")
        assert "나만 아는 비밀번호로 바꿔 주세요" in account.text
        token = csrf_from(account.text)
        form = {"current_password": password, "new_password": "대전 금형 공장의 새 열쇠", "csrf_token": token}
        mismatch = newcomer.post("/account/password", data={**form, "new_password_again": "other"})
        assert mismatch.status_code == 400 and "서로 달라요" in mismatch.text
        weak = newcomer.post("/account/password", data={**form, "new_password": "1234567890",
                                                        "new_password_again": "1234567890"})
        assert weak.status_code == 400 and "키보드 순서" in weak.text
        wrong = newcomer.post("/account/password", data={**form, "current_password": "nope",
                                                         "new_password_again": form["new_password"]})
        assert wrong.status_code == 400 and "지금 쓰는 비밀번호가 맞지 않아요" in wrong.text
        done = newcomer.post("/account/password", data={**form, "new_password_again": form["new_password"]},
                             follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == "/account"
        shown = newcomer.get("/account").text
        assert "비밀번호를 바꿨어요" in shown and "처음 비밀번호를 쓰고 있어요" not in shown
        # The notice is shown once.
        assert "비밀번호를 바꿨어요" not in newcomer.get("/account").text
        assert login(newcomer, email, "대전 금형 공장의 새 열쇠") == (303, "/console")


def test_admin_deactivates_resets_and_reactivates(admin_client: TestClient, runtime: Runtime,
                                                  settings: Settings) -> None:
    target = make_user(runtime.accounts, name="한중지")
    with TestClient(create_app(settings, runtime=runtime)) as victim:
        login(victim, target.email)
        assert victim.get("/account").status_code == 200
        token = csrf_from(admin_client.get("/admin/users").text)
        response = admin_client.post(f"/admin/users/{target.id}/deactivate", data={"csrf_token": token},
                                     follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/admin/users"
        assert "한중지 님의 계정을 사용 중지했어요" in admin_client.get("/admin/users").text
        # Their open login ends at once, and they cannot sign in again.
        assert victim.get("/account", follow_redirects=False).status_code == 303
        assert login(victim, target.email)[0] == 401
        admin_client.post(f"/admin/users/{target.id}/activate", data={"csrf_token": token})
        reset = admin_client.post(f"/admin/users/{target.id}/password", data={"csrf_token": token})
        assert reset.status_code == 200 and "비밀번호를 새로 만들었어요" in reset.text
        fresh = reset.text.split('data-testid="initial-password">')[1].split("<")[0]
        assert login(victim, target.email)[0] == 401
        assert login(victim, target.email, fresh) == (303, "/account")
    me = runtime.accounts.find_by_email(admin_client.get("/account").text.split("<dd>")[2].split("<")[0])
    assert me is not None
    own = admin_client.post(f"/admin/users/{me.id}/deactivate", data={"csrf_token": token})
    assert "내 계정은 여기서 사용 중지할 수 없어요" in own.text and runtime.accounts.get_user(me.id).active
    missing = admin_client.post("/admin/users/nobody/deactivate", data={"csrf_token": token})
    assert missing.status_code == 404


def test_no_token_ever_appears_in_a_redirect(client: TestClient, runtime: Runtime) -> None:
    user = make_user(runtime.accounts, Role.admin)
    locations = []
    page = client.get("/login?next=/admin/users")
    pre_login = csrf_from(page.text)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "next": "/admin/users",
                                           "csrf_token": pre_login}, follow_redirects=False)
    locations.append(response.headers["location"])
    token = session_of(client)
    login_session = runtime.accounts.resolve_session(token)
    assert login_session is not None
    users = client.get(response.headers["location"])
    target = make_user(runtime.accounts)
    for path in [f"/admin/users/{target.id}/deactivate", f"/admin/users/{target.id}/activate", "/logout"]:
        answer = client.post(path, data={"csrf_token": login_session.csrf_token}, follow_redirects=False)
        locations.append(answer.headers["location"])
    locations.append(client.get("/account", follow_redirects=False).headers["location"])
    assert locations == ["/admin/users", "/admin/users", "/admin/users", "/login", "/login?next=/account"]
    secrets = [token, token_hash(token), login_session.csrf_token, pre_login]
    assert not [loc for loc in locations for secret in secrets if secret in loc]
    assert token not in users.text


@pytest.mark.parametrize(("role", "shown", "hidden"), [
    (Role.admin, ["/console", "/admin/kb", "/admin/partners", "/admin/users"], []),
    (Role.staff, ["/console", "/admin/kb", "/admin/mentors", "/admin/partners"], ["/admin/users"]),
    (Role.mentor, ["/console"], ["/admin/kb", "/admin/mentors", "/admin/partners", "/admin/users"]),
])
def test_layout_shows_the_user_and_the_nav_of_their_role(client: TestClient, runtime: Runtime, role: Role,
                                                          shown: list[str], hidden: list[str]) -> None:
    user = make_user(runtime.accounts, role, name="윤역할")
    login(client, user.email)
    page = client.get("/account").text
    nav = page.split('class="mainnav"')[1].split("</nav>")[0]
    assert all(f'href="{href}"' in nav for href in shown)
    assert not [href for href in hidden if f'href="{href}"' in nav]
    assert '<a href="/account"' not in nav and "윤역할" in page and load_account_prompts().role(role) in page
    assert 'action="/logout"' in page


def test_admin_changes_role_team_and_capacity(admin_client: TestClient, runtime: Runtime) -> None:
    target = make_user(runtime.accounts, name="오현장", team="대전")
    page = admin_client.get("/admin/users")
    assert f'action="/admin/users/{target.id}/profile"' in page.text
    token = csrf_from(page.text)
    form = {"role": "lead", "team": "세종", "capacity": "9"}
    assert admin_client.post(f"/admin/users/{target.id}/profile", data=form).status_code == 403
    changed = admin_client.post(f"/admin/users/{target.id}/profile", data={**form, "csrf_token": token},
                                follow_redirects=False)
    assert changed.status_code == 303 and changed.headers["location"] == "/admin/users"
    assert "오현장 님의 역할, 팀, 사례 한도를 저장했어요" in admin_client.get("/admin/users").text
    user = runtime.accounts.get_user(target.id)
    assert (user.role, user.team, user.capacity, user.name) == (Role.lead, "세종", 9, "오현장")
    refused = admin_client.post(f"/admin/users/{target.id}/profile",
                                data={"role": "boss", "team": "", "capacity": "-1", "csrf_token": token})
    assert "입력한 내용을 다시 확인해 주세요" in refused.text
    assert runtime.accounts.get_user(target.id).role == Role.lead
    missing = admin_client.post("/admin/users/nobody/profile", data={**form, "csrf_token": token})
    assert missing.status_code == 404 and "계정을 찾지 못했어요" in missing.text
