"""/admin/partners: partner portals that embed the chat widget — list, add and edit as
versions, history and restore."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from application.accounts import User
from application.catalog.errors import InvalidItem, StaleEdit, UnknownItem
from application.catalog.versions import ItemKind
from application.partners.admin import PartnerAdmin
from application.partners.schemas import KEY_PATTERN
from prompts.admin import load_admin_prompts
from web.csrf import CsrfProtected
from web.flash import flash
from web.login import StaffUser
from web.pages.admin.deps import PartnerAdminDep, author
from web.pages.admin.forms import PARTNER_ANCHORS, partner_data
from web.pages.admin.problems import FormErrors, place
from web.pages.admin.versions import SubmittedForm, base_version, history_page, not_found_page, saved_redirect
from web.templating import templates

router = APIRouter(prefix="/admin/partners")

Key = Annotated[str, Path(pattern=KEY_PATTERN)]
Number = Annotated[int, Path(ge=0)]
PAGE = "/admin/partners"
BLANK_PARTNER: dict[str, Any] = {
    "key": "", "name": "", "title": "", "greeting": "", "title_en": None, "greeting_en": None,
    "colour": "#1f5fbf", "allowed_origins": [], "active": True,
}


def _form_page(request: Request, partners: PartnerAdmin, *, key: str | None, data: dict[str, Any], version: int,
               errors: FormErrors | None = None, stale: bool = False, status: int = 200) -> Response:
    context = {
        "key": key,
        "listing": partners.get(key) if key else None,
        "action": f"{PAGE}/{key}" if key else f"{PAGE}/new",
        "data": data,
        "base_version": version,
        "errors": errors or FormErrors(),
        "stale": load_admin_prompts().notice("stale") if stale else None,
    }
    return templates.TemplateResponse(request, "staff/admin/partner_form.html", context, status_code=status)


def _save(request: Request, partners: PartnerAdmin, key: str | None, form: SubmittedForm, user: User) -> Response:
    data, version = partner_data(form), base_version(form)
    try:
        saved = partners.save(data, key=key, author=author(user), base_version=version)
    except InvalidItem as exc:
        return _form_page(request, partners, key=key, data=data, version=version or 0,
                          errors=place(exc.problems, PARTNER_ANCHORS), status=422)
    except StaleEdit:
        return _form_page(request, partners, key=key, data=data, version=version or 0, stale=True, status=409)
    return saved_redirect(request, saved, editing=key, url=lambda item: f"{PAGE}/{item}",
                          name_of=lambda item: partners.get(item).partner.name)


@router.get("")
def partner_list(request: Request, _: StaffUser, partners: PartnerAdminDep) -> Response:
    return templates.TemplateResponse(request, "staff/admin/partners.html", {"listings": partners.all()})


@router.get("/new")
def new_partner(request: Request, _: StaffUser, partners: PartnerAdminDep) -> Response:
    return _form_page(request, partners, key=None, data=BLANK_PARTNER, version=0)


@router.post("/new")
def create_partner(request: Request, user: StaffUser, _: CsrfProtected, partners: PartnerAdminDep,
                   form: SubmittedForm) -> Response:
    return _save(request, partners, None, form, user)


@router.get("/{key}")
def edit_partner(request: Request, _: StaffUser, partners: PartnerAdminDep, key: Key) -> Response:
    try:
        listing = partners.get(key)
    except UnknownItem:
        return not_found_page(request)
    return _form_page(request, partners, key=key, data=listing.partner.model_dump(mode="json"),
                      version=listing.version)


@router.post("/{key}")
def save_partner(request: Request, user: StaffUser, _: CsrfProtected, partners: PartnerAdminDep,
                 form: SubmittedForm, key: Key) -> Response:
    try:
        partners.get(key)
    except UnknownItem:
        return not_found_page(request)
    return _save(request, partners, key, form, user)


@router.get("/{key}/history")
def partner_history(request: Request, _: StaffUser, partners: PartnerAdminDep, key: Key) -> Response:
    try:
        listing = partners.get(key)
        versions = partners.history(key)
    except UnknownItem:
        return not_found_page(request)
    return history_page(request, kind=ItemKind.PARTNER, title=listing.partner.name, item_id=f"partner:{key}",
                        back_url=f"{PAGE}/{key}", versions=versions)


@router.post("/{key}/history/{number}/restore")
def restore_partner(request: Request, user: StaffUser, _: CsrfProtected, partners: PartnerAdminDep, key: Key,
                    number: Number) -> Response:
    try:
        restored = partners.restore(key, number, author=author(user))
    except UnknownItem:
        return not_found_page(request)
    except InvalidItem as exc:
        old = partners.version(key, number).content
        return _form_page(request, partners, key=key, data=old, version=partners.get(key).version,
                          errors=place(exc.problems, PARTNER_ANCHORS), status=422)
    flash(request, load_admin_prompts().notice("restored", name=partners.get(key).partner.name,
                                               restored=number, version=restored.version))
    return RedirectResponse(f"{PAGE}/{key}/history", status_code=303)
