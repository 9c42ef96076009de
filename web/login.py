"""Who is signed in and what their role lets them reach, as route dependencies.

The login is a server-side session (application.accounts) found by the cookie's token once per
request. Pages answer a missing login with a redirect to `/login?next=<path>`, the JSON API
(`/api/…`) with 401; a role without access gets 403 either way (web/errors.py)."""

from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse

from application.accounts import AccountService, LoginSession, Role, User
from web.cookies import LOGIN_PATH, SESSION_COOKIE
from web.deps import get_runtime
from web.errors import NotSignedIn, PasswordChangeRequired, RoleRefused, wants_json

HOME_PATH = "/console"
ACCOUNT_PATH = "/account"
PASSWORD_PATH = "/account/password"
LOGOUT_PATH = "/logout"
# What a login still holding an admin-generated password may open: the generated password has
# been seen by the admin (and perhaps sent in a message), so it must not reach anything else.
OPEN_BEFORE_PASSWORD_CHANGE = frozenset({ACCOUNT_PATH, PASSWORD_PATH, LOGOUT_PATH})


def get_accounts(request: Request) -> AccountService:
    return get_runtime(request).accounts


AccountsDep = Annotated[AccountService, Depends(get_accounts)]


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


def _required_login(request: Request, login: OptionalLogin) -> LoginSession:
    """Every route that needs a login passes here, pages and API alike, so this is where a
    login that must change its password first is held back."""
    if login is None:
        raise NotSignedIn()
    if login.user.password_change_required and request.url.path not in OPEN_BEFORE_PASSWORD_CHANGE:
        raise PasswordChangeRequired()
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


def signed_in_user(request: Request) -> User | None:
    login = getattr(request.state, "login", None)
    return login.user if isinstance(login, LoginSession) else None


def safe_next(target: str | None) -> str | None:
    """A path on this site to return to after login, or None: never another host
    (`//evil`, `/\\evil`, `https://…`), never the login page itself."""
    if not target or len(target) > 2000 or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ord(char) < 32 or char == "\\" for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or parts.path in (LOGIN_PATH, LOGOUT_PATH):
        return None
    return target


def login_redirect(request: Request) -> RedirectResponse:
    target = LOGIN_PATH
    if request.method == "GET":
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if safe_next(path):
            target += "?next=" + quote(path, safe="/")
    return RedirectResponse(target, status_code=303)
