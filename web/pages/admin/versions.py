"""What the entry, mentor and partner pages share: the submitted form as a dependency, the
version the editor started from, the answer to a save and the history page."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from application.catalog.changes import field_changes
from application.catalog.versions import ItemKind, Version
from prompts.admin import load_admin_prompts
from web.flash import flash
from web.templating import templates


async def submitted_form(request: Request) -> FormData:
    # Parsed once per request (Starlette keeps it), so routes stay synchronous and the slow
    # work (validation, embedding) runs in the thread pool, off the event loop.
    return await request.form()


SubmittedForm = Annotated[FormData, Depends(submitted_form)]


def base_version(form: FormData) -> int | None:
    """The version the editor opened (a hidden field), None when missing or garbled."""
    raw = form.get("base_version")
    return int(raw) if isinstance(raw, str) and raw.isdigit() else None


def saved_redirect(request: Request, saved: Version | None, *, editing: str | None, url: Callable[[str], str],
                   name_of: Callable[[str], str]) -> Response:
    """Back to the item's page with a notice after a save: nothing changed (`saved` is None),
    created, or a new version of the item `editing`."""
    prompts = load_admin_prompts()
    if saved is None:
        flash(request, prompts.notice("unchanged"), "info")
        return RedirectResponse(url(editing or ""), status_code=303)
    name = name_of(saved.item_id)
    flash(request, prompts.notice("created", name=name) if editing is None
          else prompts.notice("saved", name=name, version=saved.version))
    return RedirectResponse(url(saved.item_id), status_code=303)


def history_page(request: Request, *, kind: ItemKind, title: str, item_id: str, back_url: str,
                 versions: list[Version]) -> Response:
    context = {
        "kind": kind.value,
        "title": title,
        "item_id": item_id,
        "back_url": back_url,
        "versions": versions,
        "current": versions[0].version if versions else 0,
        # Newest first: each version against the one below it.
        "changes": {version.version: field_changes(versions[i + 1].content if i + 1 < len(versions) else None,
                                                   version.content)
                    for i, version in enumerate(versions)},
    }
    return templates.TemplateResponse(request, "staff/admin/history.html", context)
