"""The page CSP allows styles from /static only (`style-src 'self'`): a `style=` attribute or
a `<style>` element on a page served under it is silently dropped by the browser. Every page a
signed-in admin can reach by following links, the case page with its contact shown, the chat
page and the owner's copy are rendered and parsed."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from fastapi.testclient import TestClient
from httpx import Response

from application.accounts import NewUser, Role
from application.runtime import Runtime
from tests.accounts.conftest import PASSWORD, csrf_from, login, unique_email
from tests.web.test_cases import run_intake

MAX_PAGES = 60


class InlineStyles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if "style" in names or tag == "style":
            self.found.append(self.get_starttag_text() or tag)
        if tag == "a" and (href := names.get("href")):
            self.links.append(href)


def inline_styles(response: Response) -> InlineStyles:
    parser = InlineStyles()
    parser.feed(response.text)
    return parser


def checked(response: Response) -> InlineStyles:
    assert response.status_code == 200, (response.request.url, response.status_code)
    policy = response.headers.get("content-security-policy", "")
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
    parser = inline_styles(response)
    assert not parser.found, (response.request.url, parser.found)
    return parser


def test_no_page_under_the_csp_has_inline_styles(client: TestClient, runtime: Runtime) -> None:
    session_id, headers, _ = run_intake(client, "네, 동의합니다")
    case_id = runtime.cases.case_for_session(session_id)
    checked(client.get("/"))
    checked(client.get(f"/owner-copy/{session_id}", headers=headers))
    email = unique_email("csp")
    runtime.accounts.create_user(NewUser(email=email, name="김스타일", role=Role.admin), password=PASSWORD)
    login(client, email)
    try:
        case_page = checked(client.get(f"/console/cases/{case_id}"))
        assert any(href.startswith("/console") for href in case_page.links)
        token = csrf_from(client.get(f"/console/cases/{case_id}").text)
        checked(client.post(f"/console/cases/{case_id}/contact", data={"csrf_token": token}))
        seen: set[str] = set()
        queue = ["/console", "/account", "/admin/users", "/admin/kb", "/admin/access-log", f"/console/cases/{case_id}"]
        while queue and len(seen) < MAX_PAGES:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response = client.get(path)
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            for href in checked(response).links:
                parts = urlsplit(href)
                if not parts.netloc and parts.path.startswith(("/console", "/admin", "/account")):
                    queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert len(seen) > 10
    finally:
        client.cookies.clear()
