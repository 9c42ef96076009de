"""The pages of a versioned item list — the mentor roster and the partner portals — made from
one description each: list, new, create, edit, save, history and restore differ between the
two only in their data (paths, templates, the form's fields, what a listing holds), so one
router factory serves both. An unknown item is the 404 page (web/errors.py)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel
from starlette.datastructures import FormData

from application.accounts import User
from application.catalog.errors import InvalidItem, StaleEdit
from application.catalog.versions import Author, ItemKind, Version
from prompts.admin import load_admin_prompts
from web.csrf import CsrfProtected
from web.flash import flash
from web.login import StaffUser
from web.pages.admin.deps import author
from web.pages.admin.problems import FormErrors, place
from web.pages.admin.versions import SubmittedForm, base_version, history_page, saved_redirect
from web.templating import templates

Data = dict[str, Any]
Number = Annotated[int, Path(ge=0)]


class Listing(Protocol):
    @property
    def version(self) -> int: ...


class VersionedItems(Protocol):
    """What the catalog's mentor service and the partner service both offer."""

    def listings(self) -> Sequence[Listing]: ...

    def listing(self, item_id: str) -> Listing: ...

    def edit(self, data: Data, *, item_id: str | None, author: Author, base_version: int | None) -> Version | None: ...

    def history(self, item_id: str) -> list[Version]: ...

    def version(self, item_id: str, number: int) -> Version: ...

    def restore(self, item_id: str, number: int, *, author: Author) -> Version: ...


@dataclass(frozen=True)
class ItemPages:
    kind: ItemKind
    page: str
    id_pattern: str
    # The name the templates know the item's id by (`slug`, `key`).
    id_name: str
    list_template: str
    form_template: str
    blank: Data
    read_form: Callable[[FormData], Data]
    anchors: set[str]
    service: Callable[..., VersionedItems]
    # The item inside its listing (`listing.mentor`), and the name staff know it by.
    content: Callable[[Any], BaseModel]
    name: Callable[[Any], str]
    # What else the form shows (choices, the leads to pick from).
    form_context: Callable[[Any], Data] = field(default=lambda _: {})


def item_router(spec: ItemPages) -> APIRouter:
    router = APIRouter(prefix=spec.page)
    Items = Annotated[VersionedItems, Depends(spec.service)]
    ItemId = Annotated[str, Path(pattern=spec.id_pattern, max_length=100)]

    def form_page(request: Request, items: VersionedItems, *, item_id: str | None, data: Data, version: int,
                  errors: FormErrors | None = None, stale: bool = False, status: int = 200) -> Response:
        context = {
            spec.id_name: item_id,
            "listing": items.listing(item_id) if item_id else None,
            "action": f"{spec.page}/{item_id}" if item_id else f"{spec.page}/new",
            "data": data,
            "base_version": version,
            "errors": errors or FormErrors(),
            "stale": load_admin_prompts().notice("stale") if stale else None,
            **spec.form_context(items),
        }
        return templates.TemplateResponse(request, spec.form_template, context, status_code=status)

    def save(request: Request, items: VersionedItems, item_id: str | None, form: FormData, user: User) -> Response:
        data, version = spec.read_form(form), base_version(form)
        try:
            saved = items.edit(data, item_id=item_id, author=author(user), base_version=version)
        except InvalidItem as exc:
            return form_page(request, items, item_id=item_id, data=data, version=version or 0,
                             errors=place(exc.problems, spec.anchors), status=422)
        except StaleEdit:
            return form_page(request, items, item_id=item_id, data=data, version=version or 0, stale=True,
                             status=409)
        return saved_redirect(request, saved, editing=item_id, url=lambda item: f"{spec.page}/{item}",
                              name_of=lambda item: spec.name(items.listing(item)))

    @router.get("")
    def list_items(request: Request, _: StaffUser, items: Items) -> Response:
        return templates.TemplateResponse(request, spec.list_template, {"listings": items.listings()})

    @router.get("/new")
    def new_item(request: Request, _: StaffUser, items: Items) -> Response:
        return form_page(request, items, item_id=None, data=spec.blank, version=0)

    @router.post("/new")
    def create_item(request: Request, user: StaffUser, _: CsrfProtected, items: Items,
                    form: SubmittedForm) -> Response:
        return save(request, items, None, form, user)

    @router.get("/{item_id}")
    def edit_item(request: Request, _: StaffUser, items: Items, item_id: ItemId) -> Response:
        listing = items.listing(item_id)
        return form_page(request, items, item_id=item_id, data=spec.content(listing).model_dump(mode="json"),
                         version=listing.version)

    @router.post("/{item_id}")
    def save_item(request: Request, user: StaffUser, _: CsrfProtected, items: Items, form: SubmittedForm,
                  item_id: ItemId) -> Response:
        items.listing(item_id)
        return save(request, items, item_id, form, user)

    @router.get("/{item_id}/history")
    def item_history(request: Request, _: StaffUser, items: Items, item_id: ItemId) -> Response:
        listing = items.listing(item_id)
        return history_page(request, kind=spec.kind, title=spec.name(listing), item_id=f"{spec.kind.value}:{item_id}",
                            back_url=f"{spec.page}/{item_id}", versions=items.history(item_id))

    @router.post("/{item_id}/history/{number}/restore")
    def restore_item(request: Request, user: StaffUser, _: CsrfProtected, items: Items, item_id: ItemId,
                     number: Number) -> Response:
        try:
            restored = items.restore(item_id, number, author=author(user))
        except InvalidItem as exc:
            # The old content no longer passes today's checks: show it with its problems, to
            # fix and save as a new version.
            old = items.version(item_id, number).content
            return form_page(request, items, item_id=item_id, data=old, version=items.listing(item_id).version,
                             errors=place(exc.problems, spec.anchors), status=422)
        flash(request, load_admin_prompts().notice("restored", name=spec.name(items.listing(item_id)),
                                                   restored=number, version=restored.version))
        return RedirectResponse(f"{spec.page}/{item_id}/history", status_code=303)

    return router
