"""An account an admin made carries a generated password the admin has seen: until its user
chose their own, it opens the account page and logout and nothing else — no page, no API
call, no contact data."""

from fastapi.testclient import TestClient

from application.accounts import NewUser, Role
from application.runtime import Runtime
from tests.accounts.conftest import csrf_from, login, unique_email

NEW_PASSWORD = "대전 금형 공장의 새 열쇠"
# Every kind of route a signed-in user may reach: pages, form posts, the JSON API.
PAGES = ("/console", "/console?view=all", "/console/cases/c-unknown", "/admin/users", "/admin/access-log", "/admin/kb")
API = ("/api/cases/c-unknown/brief",)


def invited(runtime: Runtime, role: Role = Role.admin) -> tuple[str, str]:
    user, password = runtime.accounts.invite_user(NewUser(email=unique_email("invited"), name="정초대", role=role))
    return user.email, password


def test_the_generated_password_opens_nothing_but_the_account_page(client: TestClient, runtime: Runtime) -> None:
    email, password = invited(runtime)
    assert login(client, email, password) == (303, "/account")
    account = client.get("/account")
    assert account.status_code == 200
    token = csrf_from(account.text)
    for path in PAGES:
        page = client.get(path, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/account", path
    for path in API:
        refused = client.get(path)
        assert refused.status_code == 403, path
        assert refused.json()["error"]["code"] == "password_change_required"
    for path in ("/console/cases/c-unknown/contact", "/console/cases/c-unknown/note", "/admin/users"):
        posted = client.post(path, data={"csrf_token": token}, follow_redirects=False)
        assert posted.status_code == 303 and posted.headers["location"] == "/account", path

    changed = client.post("/account/password", data={"current_password": password, "new_password": NEW_PASSWORD,
                                                     "new_password_again": NEW_PASSWORD, "csrf_token": token},
                          follow_redirects=False)
    assert changed.status_code == 303 and changed.headers["location"] == "/account"
    assert client.get("/console").status_code == 200
    assert client.get(API[0]).status_code == 404


def test_logout_stays_open(client: TestClient, runtime: Runtime) -> None:
    email, password = invited(runtime, Role.mentor)
    login(client, email, password)
    token = csrf_from(client.get("/account").text)
    out = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert client.get("/account", follow_redirects=False).status_code == 303
