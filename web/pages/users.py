"""/admin/users: the admin's list of staff and mentor accounts. Creating an account (or
resetting its password) shows a generated initial password exactly once, in the answer to
that post; the admin passes it on and the user replaces it at first login. An account's role,
team and capacity can be changed; the last active admin keeps their role. An unknown account
is the 404 page (web/errors.py)."""

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from application.accounts import DuplicateEmail, LastAdmin, NewUser, Profile, Role, User
from prompts.accounts import load_account_prompts
from web.csrf import CsrfProtected
from web.errors import PAGE_LANG, error_text
from web.flash import flash
from web.login import AccountsDep, AdminUser
from web.templating import templates

# HTML pages: not part of the API document.
router = APIRouter(prefix="/admin/users", include_in_schema=False)

UserId = Annotated[str, Path(min_length=1, max_length=32)]
FormText = Annotated[str, Form()]
PAGE = "/admin/users"


def _users_page(request: Request, accounts: AccountsDep, *, form: dict[str, str] | None = None,
                error: str | None = None, issued: tuple[User, str] | None = None, notice: str | None = None,
                status: int = 200) -> Response:
    context = {
        "users": accounts.list_users(),
        "roles": list(Role),
        "form": form or {"email": "", "name": "", "role": Role.mentor.value, "team": "", "capacity": "5"},
        "error": error,
        "issued_user": issued[0] if issued else None,
        "issued_password": issued[1] if issued else None,
        "notice": notice,
    }
    return templates.TemplateResponse(request, "staff/users.html", context, status_code=status)


@router.get("")
def list_users(request: Request, _: AdminUser, accounts: AccountsDep) -> Response:
    return _users_page(request, accounts)


@router.post("")
def create_user(
    request: Request,
    _: AdminUser,
    __: CsrfProtected,
    accounts: AccountsDep,
    email: FormText = "",
    name: FormText = "",
    role: FormText = "",
    team: FormText = "",
    capacity: FormText = "5",
) -> Response:
    text = load_account_prompts().messages
    form = {"email": email, "name": name, "role": role, "team": team, "capacity": capacity}
    try:
        new = NewUser.model_validate({**form, "capacity": capacity.strip() or "0"})
    except ValidationError as exc:
        bad_email = any(error["loc"] and error["loc"][0] == "email" for error in exc.errors())
        return _users_page(request, accounts, form=form, status=400,
                           error=text.user_invalid_email if bad_email else text.user_invalid)
    try:
        user, password = accounts.invite_user(new)
    except DuplicateEmail as exc:
        return _users_page(request, accounts, form=form, error=error_text(exc, PAGE_LANG), status=400)
    return _users_page(request, accounts, issued=(user, password), status=201,
                       notice=text.user_created.format(name=user.name))


@router.post("/{user_id}/deactivate")
def deactivate_user(request: Request, admin: AdminUser, _: CsrfProtected, accounts: AccountsDep,
                    user_id: UserId) -> Response:
    text = load_account_prompts().messages
    if user_id == admin.id:
        flash(request, text.user_self_deactivate, "error")
        return RedirectResponse(PAGE, status_code=303)
    try:
        user = accounts.deactivate(user_id)
    except LastAdmin as exc:
        flash(request, error_text(exc, PAGE_LANG), "error")
    else:
        flash(request, text.user_deactivated.format(name=user.name))
    return RedirectResponse(PAGE, status_code=303)


@router.post("/{user_id}/activate")
def activate_user(request: Request, _: AdminUser, __: CsrfProtected, accounts: AccountsDep,
                  user_id: UserId) -> Response:
    text = load_account_prompts().messages
    user = accounts.activate(user_id)
    flash(request, text.user_activated.format(name=user.name))
    return RedirectResponse(PAGE, status_code=303)


@router.post("/{user_id}/password")
def reset_password(request: Request, _: AdminUser, __: CsrfProtected, accounts: AccountsDep,
                   user_id: UserId) -> Response:
    text = load_account_prompts().messages
    user, password = accounts.reset_password(user_id)
    return _users_page(request, accounts, issued=(user, password), notice=text.user_password_reset.format(name=user.name))


@router.post("/{user_id}/profile")
def change_profile(request: Request, _: AdminUser, __: CsrfProtected, accounts: AccountsDep, user_id: UserId,
                   role: FormText = "", team: FormText = "", capacity: FormText = "") -> Response:
    """Role, team and capacity; the name stays as it is."""
    text = load_account_prompts().messages
    user = accounts.get_user(user_id)
    try:
        profile = Profile.model_validate({"name": user.name, "role": role, "team": team,
                                          "capacity": capacity.strip() or "0"})
    except ValidationError:
        flash(request, text.user_invalid, "error")
        return RedirectResponse(PAGE, status_code=303)
    try:
        changed = accounts.update_profile(user_id, profile)
    except LastAdmin as exc:
        flash(request, error_text(exc, PAGE_LANG), "error")
    else:
        flash(request, text.user_profile_changed.format(name=changed.name))
    return RedirectResponse(PAGE, status_code=303)
