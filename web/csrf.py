"""CSRF protection of the staff forms: a synchronizer token kept in the login session, sent
back by every form as the `csrf_token` field (or the `X-CSRF-Token` header from scripts) and
checked by `csrf_protect`. The login form, which has no session yet, uses a short-lived random
cookie that the form repeats (double submit). No token ever travels in a URL."""

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Request
from markupsafe import Markup, escape

from application.accounts import LoginSession
from web.cookies import LOGIN_CSRF_COOKIE
from web.errors import CsrfRefused
from web.login import CurrentLogin

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


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
