"""/admin/kb: the knowledge-base list with search, and JSON Lines export and import."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from application.catalog.entries import EntryAdmin
from application.catalog.errors import ImportRejected
from application.runtime import Runtime
from prompts.admin import load_admin_prompts
from web.csrf import CsrfProtected
from web.deps import RuntimeDep
from web.flash import flash
from web.login import StaffUser
from web.pages.admin.deps import EntryAdminDep, author
from web.templating import templates

router = APIRouter(prefix="/admin/kb")

PAGE = "/admin/kb"
IMPORT_PATH = f"{PAGE}/import"
# Several times the shipped knowledge base; a larger upload is surely the wrong file.
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _list_page(request: Request, runtime: Runtime, entries: EntryAdmin, *, query: str = "",
               import_problems: list[str] | None = None, import_name: str = "", status: int = 200) -> Response:
    live = runtime.knowledge
    context = {
        "listings": entries.find(query),
        "total": len(live.kb.entries),
        "query": query,
        "kb_version": live.kb.version,
        "revision": live.revision,
        "stored_problems": live.problems,
        "import_problems": import_problems,
        "import_name": import_name,
    }
    return templates.TemplateResponse(request, "staff/admin/kb_list.html", context, status_code=status)


@router.get("")
def kb_list(request: Request, _: StaffUser, runtime: RuntimeDep, entries: EntryAdminDep,
            q: Annotated[str, Query(max_length=200)] = "") -> Response:
    return _list_page(request, runtime, entries, query=q.strip())


@router.get("/export")
def kb_export(_: StaffUser, runtime: RuntimeDep, entries: EntryAdminDep) -> Response:
    version = runtime.kb.version
    return Response(entries.export_jsonl(), media_type="application/jsonl; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="knowledge-base-{version}.jsonl"'})


@router.post("/import")
def kb_import(request: Request, user: StaffUser, _: CsrfProtected, runtime: RuntimeDep,
              entries: EntryAdminDep, file: UploadFile | None = None) -> Response:
    prompts = load_admin_prompts()
    name = (file.filename if file else None) or "upload.jsonl"
    raw = file.file.read(MAX_IMPORT_BYTES + 1) if file else b""

    def refused(problem: str, status: int) -> Response:
        return _list_page(request, runtime, entries, import_problems=[problem], import_name=name, status=status)

    if not raw.strip():
        return refused(prompts.notice("import_empty"), 422)
    if len(raw) > MAX_IMPORT_BYTES:
        return refused(prompts.notice("import_too_large", megabytes=MAX_IMPORT_BYTES // 2**20), 413)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return refused(prompts.notice("import_not_utf8"), 422)
    try:
        report = entries.import_jsonl(text, name=name, author=author(user))
    except ImportRejected as exc:
        return _list_page(request, runtime, entries, import_problems=[str(p) for p in exc.problems],
                          import_name=name, status=422)
    flash(request, prompts.notice("imported", created=len(report.created),
                                                updated=len(report.updated), unchanged=len(report.unchanged)))
    return RedirectResponse(PAGE, status_code=303)
