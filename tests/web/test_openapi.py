"""The OpenAPI document tells the truth: every operation lists the errors it can answer with,
in the service's error shape, and every HTML page is either left out or declared text/html."""

from typing import Any

from application.settings import Settings
from web.app import create_app


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, ops in doc["paths"].items() for method, op in ops.items()]


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        found: dict[str, Any] = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        return found
    return schema


# The readiness probe's "not ready" is its normal answer for a load balancer, with what is not
# ready in its own shape (web/api/health.py), not an error of the request.
PROBE_ANSWERS = {("/health/ready", "503")}


def test_every_error_status_has_the_error_schema(settings: Settings) -> None:
    doc = create_app(settings).openapi()
    for path, method, op in operations(doc):
        errors = {status: answer for status, answer in op["responses"].items() if status.startswith(("4", "5"))}
        assert "400" in errors, (method, path)
        if op.get("parameters") or op.get("requestBody"):
            assert "422" in errors, (method, path)
        if op.get("requestBody"):
            assert "413" in errors, (method, path)
        for status, answer in errors.items():
            if (path, status) in PROBE_ANSWERS:
                continue
            schema = resolve(doc, answer["content"]["application/json"]["schema"])
            assert schema["required"] == ["error"], (method, path, status)
            detail = resolve(doc, schema["properties"]["error"])
            assert set(detail["required"]) == {"code", "message"}, (method, path, status)


def test_html_pages_are_not_declared_as_json(settings: Settings) -> None:
    app = create_app(settings)
    doc = app.openapi()
    for path, method, op in operations(doc):
        ok = op["responses"].get("200") or op["responses"].get("201") or {}
        kinds = set(ok.get("content", {}))
        assert not path.startswith(("/console", "/admin", "/login", "/logout", "/account")) or kinds == {"text/html"}, (
            method, path, kinds)
    # The API itself is all there.
    assert {"/api/sessions", "/api/sessions/{session_id}/messages", "/api/cases/{case_id}/brief",
            "/api/search"} <= set(doc["paths"])
