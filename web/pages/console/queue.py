"""GET /console: the cases the user may see, filtered by the query string, open cases first
with the longest waiting at the top, and the ones nobody has contacted in time flagged."""

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.datastructures import QueryParams

from application.casework.schemas import CaseFilters
from web.deps import RuntimeDep
from web.pages.console.contexts import FILTER_NAMES, QueuePage, filter_fields, holder_tabs, labels
from web.pages.console.deps import CaseworkDep, ConsoleUser
from web.templating import templates

router = APIRouter()


def parse_filters(params: QueryParams) -> tuple[CaseFilters, tuple[str, ...]]:
    """The filters of the query string; a value that cannot be a filter (a hand-edited
    address) is left out and named, instead of failing the whole page."""
    raw = {name: params.get(name) for name in (*FILTER_NAMES, "page") if params.get(name)}
    ignored: list[str] = []
    while True:
        try:
            return CaseFilters.model_validate(raw), tuple(ignored)
        except ValidationError as exc:
            bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]} & raw.keys()
            if not bad:
                return CaseFilters(), tuple(raw)
            for name in sorted(bad):
                raw.pop(name)
                ignored.append(name)


@router.get("/console")
def queue(request: Request, user: ConsoleUser, casework: CaseworkDep, runtime: RuntimeDep) -> Response:
    filters, ignored = parse_filters(request.query_params)
    found = casework.list_cases(actor=user, filters=filters)
    names = labels(runtime.kb)
    page = QueuePage(
        cases=found, labels=names, filters=filters,
        fields=filter_fields(filters, names, casework.partners_seen(actor=user)),
        holder_tabs=holder_tabs(filters, names),
        any_filter=any(getattr(filters, name) for name in FILTER_NAMES),
        ignored_filters=ignored,
        overdue_here=sum(c.overdue for c in found.cases),
        pending_advice=casework.pending_advice(actor=user) if user.role == "expert" else 0,
        contact_days=casework.contact_days,
    )
    return templates.TemplateResponse(request, "staff/console/queue.html", {"page": page})
