"""Security headers on pages and scripts, and the embeddable chat's frame-ancestors."""

from fastapi import Response
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient

from application.partners.schemas import Partner
from application.runtime import Runtime
from application.settings import Settings
from web.app import create_app
from web.security import PAGE_CSP, embed_csp

PARTNER = Partner(key="portal", name="포털", title="상담", greeting="안녕하세요",
                  allowed_origins=["https://portal.example.kr", "http://localhost:8080"])


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def test_page_policy_allows_only_this_service() -> None:
    policy = directives(PAGE_CSP)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_embed_policy_lets_only_the_partners_origins_frame_it() -> None:
    policy = directives(embed_csp(PARTNER))
    assert policy["frame-ancestors"] == ["https://portal.example.kr", "http://localhost:8080"]
    assert {k: v for k, v in policy.items() if k != "frame-ancestors"} == {
        k: v for k, v in directives(PAGE_CSP).items() if k != "frame-ancestors"}


def test_headers_on_html_and_scripts_but_a_routes_own_policy_wins(settings: Settings, runtime: Runtime) -> None:
    app = create_app(settings, runtime=runtime)

    # Routes of the kind H3's pages add: a page, a script, and /embed with its own policy.
    @app.get("/probe/page", response_class=HTMLResponse)
    def page() -> str:
        return "<!doctype html><title>probe</title>"

    @app.get("/probe/script.js")
    def script() -> Response:
        return Response("console.log(1)", media_type="text/javascript")

    @app.get("/probe/embed", response_class=HTMLResponse)
    def embed(response: Response) -> str:
        response.headers["Content-Security-Policy"] = embed_csp(PARTNER)
        return "<!doctype html><title>embed</title>"

    with TestClient(app) as client:
        for url in ("/probe/page", "/probe/script.js"):
            response = client.get(url)
            assert response.headers["content-security-policy"] == PAGE_CSP
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.headers["referrer-policy"] == "same-origin"
        embedded = client.get("/probe/embed")
        assert embedded.headers["content-security-policy"] == embed_csp(PARTNER)
        assert embedded.headers["x-content-type-options"] == "nosniff"
        api = client.get("/health")
        assert api.headers["x-content-type-options"] == "nosniff"
        assert "content-security-policy" not in api.headers
        assert client.get("/docs").headers["content-security-policy"] == PAGE_CSP
