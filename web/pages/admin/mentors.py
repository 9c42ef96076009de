"""/admin/mentors: the mentor roster, adding and editing mentors as versions, history and
restore."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from application.accounts import User
from application.catalog.errors import InvalidItem, StaleEdit, UnknownItem
from application.catalog.mentors import MentorAdmin
from application.catalog.versions import ItemKind
from prompts.admin import load_admin_prompts
from web.csrf import CsrfProtected
from web.flash import flash
from web.login import StaffUser
from web.pages.admin.choices import vocabulary_options
from web.pages.admin.deps import MentorAdminDep, author
from web.pages.admin.forms import MENTOR_ANCHORS, mentor_data
from web.pages.admin.problems import FormErrors, place
from web.pages.admin.versions import SubmittedForm, base_version, history_page, not_found_page, saved_redirect
from web.templating import templates

router = APIRouter(prefix="/admin/mentors")

Slug = Annotated[str, Path(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=100)]
Number = Annotated[int, Path(ge=0)]
PAGE = "/admin/mentors"
BLANK_MENTOR: dict[str, Any] = {
    "slug": "", "name": {"ko": "", "en": ""}, "tier": 1, "lead": None, "expertise": [], "industries": [],
    "regions": [], "languages": ["ko"], "weekly_capacity": 3, "active": True, "sample": False,
}


def _form_page(request: Request, mentors: MentorAdmin, *, slug: str | None, data: dict[str, Any], version: int,
               errors: FormErrors | None = None, stale: bool = False, status: int = 200) -> Response:
    context = {
        "slug": slug,
        "listing": mentors.get(slug) if slug else None,
        "action": f"{PAGE}/{slug}" if slug else f"{PAGE}/new",
        "data": data,
        "base_version": version,
        "errors": errors or FormErrors(),
        "stale": load_admin_prompts().notice("stale") if stale else None,
        "options": vocabulary_options(),
        "leads": [m.mentor for m in mentors.roster() if m.mentor.tier == 2],
        "known_tags": mentors.known_tags(),
    }
    return templates.TemplateResponse(request, "staff/admin/mentor_form.html", context, status_code=status)


def _save(request: Request, mentors: MentorAdmin, slug: str | None, form: SubmittedForm, user: User) -> Response:
    data, version = mentor_data(form), base_version(form)
    try:
        saved = mentors.save(data, slug=slug, author=author(user), base_version=version)
    except InvalidItem as exc:
        return _form_page(request, mentors, slug=slug, data=data, version=version or 0,
                          errors=place(exc.problems, MENTOR_ANCHORS), status=422)
    except StaleEdit:
        return _form_page(request, mentors, slug=slug, data=data, version=version or 0, stale=True, status=409)
    return saved_redirect(request, saved, editing=slug, url=lambda item: f"{PAGE}/{item}",
                          name_of=lambda item: mentors.get(item).mentor.name.ko)


@router.get("")
def roster(request: Request, _: StaffUser, mentors: MentorAdminDep) -> Response:
    return templates.TemplateResponse(request, "staff/admin/mentors.html", {"listings": mentors.roster()})


@router.get("/new")
def new_mentor(request: Request, _: StaffUser, mentors: MentorAdminDep) -> Response:
    return _form_page(request, mentors, slug=None, data=BLANK_MENTOR, version=0)


@router.post("/new")
def create_mentor(request: Request, user: StaffUser, _: CsrfProtected, mentors: MentorAdminDep,
                  form: SubmittedForm) -> Response:
    return _save(request, mentors, None, form, user)


@router.get("/{slug}")
def edit_mentor(request: Request, _: StaffUser, mentors: MentorAdminDep, slug: Slug) -> Response:
    try:
        listing = mentors.get(slug)
    except UnknownItem:
        return not_found_page(request)
    return _form_page(request, mentors, slug=slug, data=listing.mentor.model_dump(mode="json"),
                      version=listing.version)


@router.post("/{slug}")
def save_mentor(request: Request, user: StaffUser, _: CsrfProtected, mentors: MentorAdminDep,
                form: SubmittedForm, slug: Slug) -> Response:
    try:
        mentors.get(slug)
    except UnknownItem:
        return not_found_page(request)
    return _save(request, mentors, slug, form, user)


@router.get("/{slug}/history")
def mentor_history(request: Request, _: StaffUser, mentors: MentorAdminDep, slug: Slug) -> Response:
    try:
        listing = mentors.get(slug)
        versions = mentors.history(slug)
    except UnknownItem:
        return not_found_page(request)
    return history_page(request, kind=ItemKind.MENTOR, title=listing.mentor.name.ko, item_id=f"mentor:{slug}",
                        back_url=f"{PAGE}/{slug}", versions=versions)


@router.post("/{slug}/history/{number}/restore")
def restore_mentor(request: Request, user: StaffUser, _: CsrfProtected, mentors: MentorAdminDep, slug: Slug,
                   number: Number) -> Response:
    try:
        restored = mentors.restore(slug, number, author=author(user))
    except UnknownItem:
        return not_found_page(request)
    except InvalidItem as exc:
        old = mentors.version(slug, number).content
        return _form_page(request, mentors, slug=slug, data=old, version=mentors.get(slug).version,
                          errors=place(exc.problems, MENTOR_ANCHORS), status=422)
    flash(request, load_admin_prompts().notice("restored", name=mentors.get(slug).mentor.name.ko,
                                               restored=number, version=restored.version))
    return RedirectResponse(f"{PAGE}/{slug}/history", status_code=303)
