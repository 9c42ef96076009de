"""One-time notices for the signed-in user's next page (after a redirect), kept in the login
session."""

from fastapi import Request

from application.accounts import Flash, LoginSession
from web.cookies import SESSION_COOKIE
from web.login import get_accounts


def flash(request: Request, text: str, kind: str = "success") -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        get_accounts(request).add_flash(token, Flash(kind=kind, text=text))


def flashes(request: Request) -> list[Flash]:
    login = getattr(request.state, "login", None)
    return login.flashes if isinstance(login, LoginSession) else []
