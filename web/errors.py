"""Every refusal leaves the service the same way: an `AppError` (a feature's, or one of the web
layer's own below) becomes `{"error": {"code", "message"}}` with the class's status for the JSON
routes, or the error page with the message for the pages. The message is the error's text in
prompts/errors/<lang>.yaml; only here does any of it meet HTTP."""

import logging
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from application.errors import AppError
from application.store.errors import DatabaseError, is_unavailable
from prompts import Lang
from prompts.errors import load_error_prompts
from retrieval import IndexUnavailable
from web.locale import error_lang
from web.templating import templates

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid_input",
    429: "rate_limited",
    503: "unavailable",
}
# Answered as JSON: the API, and the owner's copy the chat page fetches.
JSON_PREFIXES = ("/api/", "/owner-copy/")
# The staff pages speak Korean only.
PAGE_LANG: Lang = "ko"


log = logging.getLogger(__name__)
# Seconds a client waits before sending again what a database or index outage refused.
RETRY_AFTER_OUTAGE = 5
# What a 500 says when even its localised answer could not be made.
INTERNAL_FALLBACK = "Something went wrong on our side."


# --- the web layer's own refusals -----------------------------------------------------------


class WebError(AppError):
    pass


class BearerMissing(WebError):
    """A chat request without its session's bearer token."""

    code = "unauthorized"
    status = 401

    def __init__(self) -> None:
        super().__init__("missing bearer token")


class NotSignedIn(WebError):
    """A staff page or API call without a live login (pages answer with the login page)."""

    code = "unauthorized"
    status = 401
    text = "not_signed_in"

    def __init__(self) -> None:
        super().__init__("not signed in")


class RoleRefused(WebError):
    code = "forbidden"
    status = 403
    text = "role_forbidden"

    def __init__(self) -> None:
        super().__init__("the user's role may not open this")


class PasswordChangeRequired(WebError):
    """A login with the password an admin generated: only the account page, where it is
    changed, and logout are open (pages are sent to the account page)."""

    code = "password_change_required"
    status = 403

    def __init__(self) -> None:
        super().__init__("the initial password must be changed first")


class CsrfRefused(WebError):
    code = "csrf_failed"
    status = 403

    def __init__(self) -> None:
        super().__init__("missing or wrong CSRF token")


class OriginNotAllowed(WebError):
    code = "origin_not_allowed"
    status = 403
    placeholders: ClassVar[frozenset[str]] = frozenset({"origin"})

    def __init__(self, origin: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"requests from {origin} are not accepted", values={"origin": origin}, headers=headers)


class TooLarge(WebError):
    code = "too_large"
    status = 413
    placeholders: ClassVar[frozenset[str]] = frozenset({"limit"})

    def __init__(self, limit: int) -> None:
        super().__init__(f"longer than {limit} characters", values={"limit": limit})


class RateLimited(WebError):
    """Past a rate limit; each scope says it in its own words."""

    code = "rate_limited"
    status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limited; retry after {retry_after} s", headers={"Retry-After": str(retry_after)})


class SessionsRateLimited(RateLimited):
    text = "rate_limited_sessions"


class MessagesRateLimited(RateLimited):
    text = "rate_limited_messages"


class ResumeRateLimited(RateLimited):
    text = "rate_limited_resume"


class Unavailable(WebError):
    """The database or the passage index did not answer in time, refused, or is full; the
    request's transaction was rolled back, so sending it again is safe."""

    code = "unavailable"
    status = 503

    def __init__(self, cause: str) -> None:
        super().__init__(f"unavailable: {cause}", headers={"Retry-After": str(RETRY_AFTER_OUTAGE)})


class InternalError(WebError):
    """An exception no handler took: a bug. The answer says only that it was ours; the
    traceback goes to the log."""

    code = "internal"
    status = 500

    def __init__(self) -> None:
        super().__init__("internal error")


class FileNotFound(WebError):
    code = "not_found"
    status = 404
    text = "page_not_found"

    def __init__(self, name: str) -> None:
        super().__init__(f"no file {name!r}")


# --- answers --------------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable snake_case name of the refusal, for programs")
    message: str = Field(description="What went wrong, in the caller's language, for people")


class ErrorBody(BaseModel):
    """Every refusal of the JSON API."""

    error: ErrorDetail


_MEANINGS = {
    400: "Malformed request: bad JSON, or text no database can store (NUL, lone surrogate)",
    401: "No or wrong credentials (bearer token, staff login)",
    403: "Refused: foreign origin, role, CSRF, or a password that must be changed first",
    404: "Not found, or not visible to the caller",
    409: "Conflicts with the current state",
    413: "Request body or text over the limit",
    422: "A field is missing or invalid",
    429: "Rate limited; see Retry-After",
    503: "Temporarily unavailable",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a JSON route or router: each status with the error schema (422
    included, which the service answers in this shape too, not FastAPI's)."""
    return {status: {"model": ErrorBody, "description": _MEANINGS[status]} for status in statuses}


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def error_text(error: AppError, lang: Lang) -> str:
    """What the user reads: the error's text in `lang`, or its operator message should a text
    be missing (tests/test_errors.py keeps that from happening)."""
    return load_error_prompts(lang).message(error.text_key(), **error.values) or error.message


def wants_json(request: Request) -> bool:
    return request.url.path.startswith(JSON_PREFIXES)


def error_page(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return templates.TemplateResponse(request, "staff/error.html", {"status": status, "message": message},
                                      status_code=status, headers=headers)


def error_response(request: Request, error: AppError) -> Response:
    if wants_json(request):
        return JSONResponse(error_body(error.code, error_text(error, error_lang(request))), status_code=error.status,
                            headers=error.headers)
    return error_page(request, error.status, error_text(error, PAGE_LANG), error.headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = f"{where}: {first.get('msg', 'invalid input')}" if where else "invalid input"
        code = "bad_json" if first.get("type") == "json_invalid" else "invalid_input"
        status = 400 if code == "bad_json" else 422
        return JSONResponse(error_body(code, message), status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _CODES.get(exc.status_code, "error")
        # Kept: a 405 must name the methods that are allowed (Allow).
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code, headers=exc.headers)

    # Handled here rather than as a 500: the client is told to send it again.
    @app.exception_handler(DatabaseError)
    async def _database(request: Request, exc: DatabaseError) -> Response:
        if not is_unavailable(exc):
            raise exc  # a bug, not an outage: InternalErrors answers 500 and logs it
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
        return error_response(request, Unavailable(f"database: {type(exc).__name__}"))

    @app.exception_handler(IndexUnavailable)
    async def _index(request: Request, exc: IndexUnavailable) -> Response:
        log.warning("passage index unavailable on %s %s: %s", request.method, request.url.path, exc)
        return error_response(request, Unavailable("passage index"))

    # The last resort, for an exception raised in a middleware outside InternalErrors: Starlette
    # sends this answer and re-raises to the server, which then closes the connection.
    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(error_body(InternalError.code, INTERNAL_FALLBACK), status_code=InternalError.status)

    # Added before every other middleware, so innermost: its 500 gets the same headers
    # (nosniff, no-store, compression) as every other answer.
    app.add_middleware(InternalErrors)


def internal_error_response(request: Request) -> Response:
    """The 500 in the route's kind (JSON or the error page); plain JSON should the error page
    itself fail, as it may when what broke is something the page uses too."""
    try:
        return error_response(request, InternalError())
    except Exception:
        log.exception("the error page failed too on %s %s", request.method, request.url.path)
        return JSONResponse(error_body(InternalError.code, INTERNAL_FALLBACK), status_code=InternalError.status)


class InternalErrors:
    """Answers an exception that no handler took with a 500 `internal` and logs it, keeping the
    client's keep-alive connection. Starlette's own last resort (ServerErrorMiddleware) answers
    too but then re-raises to the server, and uvicorn closes the connection of any request
    whose application raised: every client behind a pooling proxy or a keep-alive browser would
    pay a new connection for each 500. An exception after the answer has started is re-raised:
    half an answer can only be ended by closing the connection."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_watched)
        except Exception:
            if started:
                raise
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            request = Request(scope, receive)
            await internal_error_response(request)(scope, receive, send)
