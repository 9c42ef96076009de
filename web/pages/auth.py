"""Sign-in, sign-out and the user's own account page (staff and mentors)."""

import math
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from application.accounts import Flash, InvalidCredentials, WeakPassword
from application.accounts.passwords import MAX_LENGTH, MIN_LENGTH
from application.accounts.schemas import normalise_email
from application.settings import Settings
from prompts.accounts import load_account_prompts
from web.cookies import (
    LOGIN_PATH,
    SESSION_COOKIE,
    clear_login_csrf_cookie,
    clear_session_cookie,
    set_login_csrf_cookie,
    set_session_cookie,
)
from web.csrf import CsrfProtected, check_login_csrf, login_csrf_token
from web.errors import PAGE_LANG, error_text
from web.flash import flash
from web.login import (
    ACCOUNT_PATH,
    HOME_PATH,
    LOGOUT_PATH,
    PASSWORD_PATH,
    AccountsDep,
    CurrentLogin,
    OptionalUser,
    safe_next,
)
from web.ratelimit import RateLimiterDep, client_address
from web.templating import templates

# HTML pages: not part of the API document.
router = APIRouter(include_in_schema=False)

FormText = Annotated[str, Form()]


def _login_page(request: Request, *, next_path: str | None, email: str = "", error: str | None = None,
                status: int = 200, headers: dict[str, str] | None = None) -> Response:
    token = login_csrf_token(request)
    response = templates.TemplateResponse(
        request, "staff/login.html", {"next": next_path or "", "email": email, "error": error},
        status_code=status, headers=headers,
    )
    set_login_csrf_cookie(response, request, token)
    return response


@router.get(LOGIN_PATH)
def login_form(request: Request, user: OptionalUser, next: str | None = None) -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next) or HOME_PATH, status_code=303)
    return _login_page(request, next_path=safe_next(next))


@router.post(LOGIN_PATH)
def login(
    request: Request,
    accounts: AccountsDep,
    limiter: RateLimiterDep,
    email: FormText = "",
    password: FormText = "",
    csrf_token: FormText = "",
    next: FormText = "",
) -> Response:
    check_login_csrf(request, csrf_token)
    text = load_account_prompts().messages
    settings: Settings = request.app.state.settings
    next_path = safe_next(next)
    if not email.strip() or not password:
        return _login_page(request, next_path=next_path, email=email, error=text.login_missing, status=400)
    # Failures only are counted, per account and per address; a limit reached refuses the
    # attempt before the password is looked at.
    keys = [f"account:{normalise_email(email)}", f"address:{client_address(request)}"]
    waits = [wait for key in keys if (wait := limiter.retry_after("login", key))]
    if waits:
        seconds = max(waits)
        return _login_page(request, next_path=next_path, email=email, status=429,
                           error=text.login_limited.format(minutes=math.ceil(seconds / 60)),
                           headers={"Retry-After": str(seconds)})
    try:
        user = accounts.authenticate(email=email, password=password)
    except InvalidCredentials as exc:
        for key in keys:
            limiter.hit("login", key)
        return _login_page(request, next_path=next_path, email=email, error=error_text(exc, PAGE_LANG), status=401)

    issued = accounts.start_session(user.id, replacing=request.cookies.get(SESSION_COOKIE))
    target = ACCOUNT_PATH if user.password_change_required else next_path or HOME_PATH
    if user.password_change_required:
        accounts.add_flash(issued.token, Flash(kind="info", text=text.password_change_required))
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, issued.token, settings.login_max_days * 24 * 60 * 60)
    clear_login_csrf_cookie(response, request)
    return response


@router.post(LOGOUT_PATH)
def logout(request: Request, login: CurrentLogin, _: CsrfProtected, accounts: AccountsDep) -> Response:
    accounts.end_session(request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse(LOGIN_PATH, status_code=303)
    clear_session_cookie(response, request)
    return response


def _account_page(request: Request, login: CurrentLogin, *, error: str | None = None, status: int = 200) -> Response:
    return templates.TemplateResponse(
        request, "staff/account.html",
        {"user": login.user, "error": error, "min_length": MIN_LENGTH, "max_length": MAX_LENGTH},
        status_code=status,
    )


@router.get(ACCOUNT_PATH)
def account(request: Request, login: CurrentLogin) -> Response:
    return _account_page(request, login)


@router.post(PASSWORD_PATH)
def change_password(
    request: Request,
    login: CurrentLogin,
    _: CsrfProtected,
    accounts: AccountsDep,
    current_password: FormText = "",
    new_password: FormText = "",
    new_password_again: FormText = "",
) -> Response:
    prompts = load_account_prompts()
    if new_password != new_password_again:
        return _account_page(request, login, error=prompts.messages.password_mismatch, status=400)
    try:
        accounts.change_password(user_id=login.user.id, current_password=current_password,
                                 new_password=new_password, keep_session=request.cookies.get(SESSION_COOKIE))
    except InvalidCredentials:
        return _account_page(request, login, error=prompts.messages.password_wrong_current, status=400)
    except WeakPassword as exc:
        error = prompts.password_problem(exc.reason, min=MIN_LENGTH, max=MAX_LENGTH)
        return _account_page(request, login, error=error, status=400)
    flash(request, prompts.messages.password_changed)
    return RedirectResponse(ACCOUNT_PATH, status_code=303)
