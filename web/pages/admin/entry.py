"""/admin/kb/{kind}/{slug} and /admin/kb/new: the entry form, the search preview, saving,
and each entry's history with restore. An unknown entry is the 404 page (web/errors.py)."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from application.accounts import User
from application.catalog.entries import EntryAdmin
from application.catalog.errors import InvalidItem, StaleEdit
from application.catalog.preview import Preview
from application.catalog.versions import ItemKind
from prompts.admin import load_admin_prompts
from web.csrf import CsrfProtected
from web.flash import flash
from web.login import StaffUser
from web.pages.admin.choices import vocabulary_options
from web.pages.admin.deps import EntryAdminDep, author
from web.pages.admin.forms import entry_anchors, entry_data
from web.pages.admin.problems import FormErrors, place
from web.pages.admin.versions import SubmittedForm, base_version, history_page, saved_redirect
from web.templating import templates

router = APIRouter(prefix="/admin/kb")

Kind = Annotated[Literal["program", "vendor"], Path()]
Slug = Annotated[str, Path(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=100)]
Number = Annotated[int, Path(ge=0)]
NEW = "/admin/kb/new"
BLANK_ENTRY: dict[str, Any] = {
    "slug": "", "kind": "program", "name": {"ko": "", "en": ""}, "operator": {"ko": "", "en": ""},
    "summary": {"ko": "", "en": ""}, "body": {"ko": "", "en": ""},
    "eligibility": {"industries": [], "regions": [], "stages": [], "assumed": [], "employees_min": None, "employees_max": None,
                    "conditions": []},
    "support_types": [], "capability_tags": [], "aliases": [], "owner_needs": {"ko": [], "en": []},
    "sources": [], "public_facts": [], "dates": None,
}


def entry_url(entry_id: str) -> str:
    kind, slug = entry_id.split(":", 1)
    return f"/admin/kb/{kind}/{slug}"


def _form_page(request: Request, entries: EntryAdmin, *, entry_id: str | None, data: dict[str, Any],
               version: int, errors: FormErrors | None = None, preview: Preview | None = None,
               stale: bool = False, status: int = 200) -> Response:
    context = {
        "entry_id": entry_id,
        "listing": entries.get(entry_id) if entry_id else None,
        "action": entry_url(entry_id) if entry_id else NEW,
        "data": data,
        "base_version": version,
        "errors": errors or FormErrors(),
        "preview": preview,
        "stale": load_admin_prompts().notice("stale") if stale else None,
        "options": vocabulary_options(),
        "seeds": entries.seed_files(),
    }
    return templates.TemplateResponse(request, "staff/admin/entry_form.html", context, status_code=status)


def _preview(request: Request, entries: EntryAdmin, entry_id: str | None, form: SubmittedForm) -> Response:
    data, version = entry_data(form), base_version(form) or 0
    try:
        _, preview = entries.preview(data, entry_id=entry_id)
    except InvalidItem as exc:
        return _form_page(request, entries, entry_id=entry_id, data=data, version=version,
                          errors=place(exc.problems, entry_anchors(data)), status=422)
    return _form_page(request, entries, entry_id=entry_id, data=data, version=version, preview=preview)


def _save(request: Request, entries: EntryAdmin, entry_id: str | None, form: SubmittedForm, user: User) -> Response:
    data, version = entry_data(form), base_version(form)
    try:
        saved = entries.save(data, entry_id=entry_id, author=author(user), base_version=version)
    except InvalidItem as exc:
        return _form_page(request, entries, entry_id=entry_id, data=data, version=version or 0,
                          errors=place(exc.problems, entry_anchors(data)), status=422)
    except StaleEdit:
        return _form_page(request, entries, entry_id=entry_id, data=data, version=version or 0, stale=True,
                          status=409)
    return saved_redirect(request, saved, editing=entry_id, url=entry_url,
                          name_of=lambda item: entries.get(item).entry.name.ko)


@router.get("/new")
def new_entry(request: Request, _: StaffUser, entries: EntryAdminDep) -> Response:
    return _form_page(request, entries, entry_id=None, data=BLANK_ENTRY, version=0)


@router.post("/new/preview")
def preview_new_entry(request: Request, _: StaffUser, __: CsrfProtected, entries: EntryAdminDep,
                      form: SubmittedForm) -> Response:
    return _preview(request, entries, None, form)


@router.post("/new")
def create_entry(request: Request, user: StaffUser, _: CsrfProtected, entries: EntryAdminDep,
                 form: SubmittedForm) -> Response:
    return _save(request, entries, None, form, user)


@router.get("/{kind}/{slug}")
def edit_entry(request: Request, _: StaffUser, entries: EntryAdminDep, kind: Kind, slug: Slug) -> Response:
    listing = entries.get(f"{kind}:{slug}")
    return _form_page(request, entries, entry_id=listing.entry.id, data=listing.entry.model_dump(mode="json"),
                      version=listing.version)


@router.post("/{kind}/{slug}/preview")
def preview_entry(request: Request, _: StaffUser, __: CsrfProtected, entries: EntryAdminDep,
                  form: SubmittedForm, kind: Kind, slug: Slug) -> Response:
    entries.get(f"{kind}:{slug}")
    return _preview(request, entries, f"{kind}:{slug}", form)


@router.post("/{kind}/{slug}")
def save_entry(request: Request, user: StaffUser, _: CsrfProtected, entries: EntryAdminDep,
               form: SubmittedForm, kind: Kind, slug: Slug) -> Response:
    entries.get(f"{kind}:{slug}")
    return _save(request, entries, f"{kind}:{slug}", form, user)


@router.get("/{kind}/{slug}/history")
def entry_history(request: Request, _: StaffUser, entries: EntryAdminDep, kind: Kind, slug: Slug) -> Response:
    entry_id = f"{kind}:{slug}"
    listing = entries.get(entry_id)
    return history_page(request, kind=ItemKind.ENTRY, title=listing.entry.name.ko, item_id=entry_id,
                        back_url=entry_url(entry_id), versions=entries.history(entry_id))


@router.post("/{kind}/{slug}/history/{number}/restore")
def restore_entry(request: Request, user: StaffUser, _: CsrfProtected, entries: EntryAdminDep, kind: Kind,
                  slug: Slug, number: Number) -> Response:
    entry_id = f"{kind}:{slug}"
    prompts = load_admin_prompts()
    try:
        restored = entries.restore(entry_id, number, author=author(user))
    except InvalidItem as exc:
        # The old content no longer passes today's checks (a seed changed, say): show it with
        # its problems, to fix and save as a new version.
        old = entries.version(entry_id, number).content
        return _form_page(request, entries, entry_id=entry_id, data=old, version=entries.get(entry_id).version,
                          errors=place(exc.problems, entry_anchors(old)), status=422)
    flash(request, prompts.notice("restored", name=entries.get(entry_id).entry.name.ko, restored=number,
                                  version=restored.version))
    return RedirectResponse(f"{entry_url(entry_id)}/history", status_code=303)
