"""Who is signed in, what their role lets them reach, and CSRF protection of their forms.

- The login is a server-side session (application.accounts): the cookie holds a random token,
  HttpOnly, `SameSite=Lax`, `Secure` whenever the request came over HTTPS. Lax rather than
  Strict: with Strict a mentor who follows a link to a case from an e-mail or a messenger
  arrives signed out; Lax still withholds the cookie from cross-site form posts, and every
  state-changing form carries a CSRF token besides.
- Behind a TLS-terminating proxy the app sees HTTPS only when uvicorn trusts the proxy's
  X-Forwarded-Proto: run `uvicorn --proxy-headers --forwarded-allow-ips=<proxy ip>`, or
  `FORWARDED_ALLOW_IPS=<proxy ip> intake serve` (by default only 127.0.0.1 is trusted), or
  the cookie goes out without `Secure`.
- CSRF: a synchronizer token kept in the login session, sent back by every form as the
  `csrf_token` field (or the `X-CSRF-Token` header from scripts) and checked by
  `csrf_protect`. The login form, which has no session yet, uses a short-lived random
  cookie that the form repeats (double submit). No token ever travels in a URL.
- Pages answer a missing login with a redirect to `/login?next=<path>`, the JSON API
  (`/api/…`) with 401; a role without access gets 403 either way.
"""

import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from markupsafe import Markup, escape
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from application.accounts import AccountService, Flash, LoginSession, Role, User
from prompts.accounts import load_account_prompts
from web.deps import get_runtime
from web.errors import error_body
from web.templating import templates

SESSION_COOKIE = "staff_session"
LOGIN_CSRF_COOKIE = "staff_login_csrf"
LOGIN_CSRF_MAX_AGE = 60 * 60
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
LOGIN_PATH = "/login"
HOME_PATH = "/console"


class NotSignedIn(Exception):
    pass


class RoleRefused(Exception):
    pass


class CsrfRefused(Exception):
    pass


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def get_accounts(request: Request) -> AccountService:
    return get_runtime(request).accounts


AccountsDep = Annotated[AccountService, Depends(get_accounts)]


# --- who is signed in ---------------------------------------------------------------------


def current_login(request: Request) -> LoginSession | None:
    """The live login of the presented cookie, once per request (also kept on request.state
    for the templates). A page about to render takes the session's pending notices."""
    if getattr(request.state, "login_resolved", False):
        resolved: LoginSession | None = request.state.login
        return resolved
    token = request.cookies.get(SESSION_COOKIE)
    login = None
    if token:
        take = request.method == "GET" and not wants_json(request)
        login = get_accounts(request).resolve_session(token, take_flashes=take)
    request.state.login, request.state.login_resolved = login, True
    return login


OptionalLogin = Annotated[LoginSession | None, Depends(current_login)]


def _required_login(login: OptionalLogin) -> LoginSession:
    if login is None:
        raise NotSignedIn()
    return login


CurrentLogin = Annotated[LoginSession, Depends(_required_login)]


def _optional_user(login: OptionalLogin) -> User | None:
    return login.user if login else None


def _current_user(login: CurrentLogin) -> User:
    return login.user


OptionalUser = Annotated[User | None, Depends(_optional_user)]
CurrentUser = Annotated[User, Depends(_current_user)]


def require_roles(*roles: Role | str) -> Callable[[User], User]:
    """A dependency giving the signed-in user when their role is one of `roles`:
    `user: Annotated[User, Depends(require_roles(Role.admin, Role.staff))]`."""
    allowed = frozenset(Role(role) for role in roles)
    if not allowed:
        raise ValueError("require_roles needs at least one role")

    def dependency(user: CurrentUser) -> User:
        if user.role not in allowed:
            raise RoleRefused()
        return user

    return dependency


AdminUser = Annotated[User, Depends(require_roles(Role.admin))]
StaffUser = Annotated[User, Depends(require_roles(Role.admin, Role.staff))]


# --- CSRF ---------------------------------------------------------------------------------


def same_token(expected: str | None, submitted: object) -> bool:
    return (isinstance(expected, str) and isinstance(submitted, str) and bool(expected)
            and hmac.compare_digest(expected.encode(), submitted.encode()))


async def submitted_csrf(request: Request) -> object:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        # Starlette keeps the parsed form, so the route's Form(...) fields still read it.
        return (await request.form()).get(CSRF_FIELD)
    return None


async def csrf_protect(request: Request, login: CurrentLogin) -> None:
    """For every state-changing request of a signed-in user: the session's token must come
    back in the form (or header), else 403."""
    if not same_token(login.csrf_token, await submitted_csrf(request)):
        raise CsrfRefused()


def csrf_token(login: CurrentLogin) -> str:
    return login.csrf_token


CsrfProtected = Annotated[None, Depends(csrf_protect)]
CsrfToken = Annotated[str, Depends(csrf_token)]


def login_csrf_token(request: Request) -> str:
    """The pre-login token of the login form: the browser's current one when it has one,
    so two open login tabs both keep working."""
    token = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not (32 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum()):
        token = secrets.token_urlsafe(32)
    request.state.login_csrf = token
    return token


def check_login_csrf(request: Request, submitted: object) -> None:
    if not same_token(request.cookies.get(LOGIN_CSRF_COOKIE), submitted):
        raise CsrfRefused()


def csrf_value(request: Request) -> str:
    login = getattr(request.state, "login", None)
    if isinstance(login, LoginSession):
        return login.csrf_token
    value: str = getattr(request.state, "login_csrf", "")
    return value


def csrf_input(request: Request) -> Markup:
    """`{{ csrf_input(request) }}` inside every form that posts."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, escape(csrf_value(request)))


# --- cookies ------------------------------------------------------------------------------


def set_session_cookie(response: Response, request: Request, token: str, max_age: int) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age, path="/", httponly=True, samesite="lax",
                        secure=is_https(request))


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=is_https(request))


def set_login_csrf_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(LOGIN_CSRF_COOKIE, token, max_age=LOGIN_CSRF_MAX_AGE, path=LOGIN_PATH, httponly=True,
                        samesite="lax", secure=is_https(request))


def clear_login_csrf_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=LOGIN_PATH, httponly=True, samesite="lax",
                           secure=is_https(request))


# --- redirects and notices ----------------------------------------------------------------


def safe_next(target: str | None) -> str | None:
    """A path on this site to return to after login, or None: never another host
    (`//evil`, `/\\evil`, `https://…`), never the login page itself."""
    if not target or len(target) > 2000 or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ord(char) < 32 or char == "\\" for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or parts.path in (LOGIN_PATH, "/logout"):
        return None
    return target


def login_redirect(request: Request) -> RedirectResponse:
    target = LOGIN_PATH
    if request.method == "GET":
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if safe_next(path):
            target += "?next=" + quote(path, safe="/")
    return RedirectResponse(target, status_code=303)


def flash(request: Request, text: str, kind: str = "success") -> None:
    """A notice for the signed-in user's next page (after a redirect)."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        get_accounts(request).add_flash(token, Flash(kind=kind, text=text))


def flashes(request: Request) -> list[Flash]:
    login = getattr(request.state, "login", None)
    return login.flashes if isinstance(login, LoginSession) else []


def signed_in_user(request: Request) -> User | None:
    login = getattr(request.state, "login", None)
    return login.user if isinstance(login, LoginSession) else None


def role_label(role: str) -> str:
    return load_account_prompts().role(role)


# Korea keeps no daylight saving time, so a fixed offset is exact.
KST = timezone(timedelta(hours=9), "KST")


def staff_time(moment: datetime) -> str:
    """`2026-11-24 14:03` in Korean time, as staff read it."""
    return moment.astimezone(KST).strftime("%Y-%m-%d %H:%M")


templates.env.globals.update(csrf_input=csrf_input, csrf_value=csrf_value, flashes=flashes,
                             signed_in_user=signed_in_user, role_label=role_label)
templates.env.filters["staff_time"] = staff_time


# --- answers ------------------------------------------------------------------------------


def error_page(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return templates.TemplateResponse(request, "staff/error.html", {"status": status, "message": message},
                                      status_code=status, headers=headers)


class NoStoreForStaff:
    """Signed-in pages and the login page must not be kept by a browser or proxy cache:
    after logout, Back must not show a mentor's case list."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = scope.setdefault("state", {})

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start" and (
                state.get("login") is not None or scope["path"] == LOGIN_PATH
            ):
                MutableHeaders(scope=message)["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_auth(app: FastAPI) -> None:
    text = load_account_prompts().messages
    app.add_middleware(NoStoreForStaff)

    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, _: NotSignedIn) -> Response:
        if wants_json(request):
            return JSONResponse(error_body("unauthorized", text.unauthorized), status_code=401)
        return login_redirect(request)

    @app.exception_handler(RoleRefused)
    async def _role_refused(request: Request, _: RoleRefused) -> Response:
        if wants_json(request):
            return JSONResponse(error_body("forbidden", text.forbidden), status_code=403)
        return error_page(request, 403, text.forbidden)

    @app.exception_handler(CsrfRefused)
    async def _csrf_refused(request: Request, _: CsrfRefused) -> Response:
        if wants_json(request):
            return JSONResponse(error_body("csrf_failed", text.csrf_failed), status_code=403)
        return error_page(request, 403, text.csrf_failed)
