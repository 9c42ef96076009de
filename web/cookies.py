"""The staff pages' cookies: the login session's (a random token; only its sha256 is stored)
and the login form's pre-login CSRF token. Both HttpOnly, `SameSite=Lax`, and `Secure`
whenever the request came over HTTPS.

Lax rather than Strict: with Strict a mentor who follows a link to a case from an e-mail or a
messenger arrives signed out; Lax still withholds the cookie from cross-site form posts, and
every state-changing form carries a CSRF token besides (web/csrf.py). Behind a TLS-terminating
proxy the app sees HTTPS only when uvicorn trusts the proxy's X-Forwarded-Proto: run
`uvicorn --proxy-headers --forwarded-allow-ips=<proxy ip>`, or
`FORWARDED_ALLOW_IPS=<proxy ip> intake serve` (by default only 127.0.0.1 is trusted), or the
cookie goes out without `Secure`."""

from fastapi import Request
from fastapi.responses import Response

SESSION_COOKIE = "staff_session"
LOGIN_CSRF_COOKIE = "staff_login_csrf"
LOGIN_CSRF_MAX_AGE = 60 * 60
LOGIN_PATH = "/login"


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


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
