"""GET /admin/access-log: the admin's view of the personal-data access log (who opened which
case's contact data, brief or conversation, when and from where), filtered by case, user and
day. Days are Korean calendar days, as staff read them."""

from datetime import date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from application.calendar import day_start
from application.privacy.access_log import AccessEntry, AccessLog
from web.deps import get_runtime
from web.login import AdminUser
from web.templating import templates

# HTML pages: not part of the API document.
router = APIRouter(prefix="/admin/access-log", include_in_schema=False)

# Enough for an inspection of a case or a person; a wider search narrows by day or uses the CLI.
PAGE_LIMIT = 500
Filter = Annotated[str, Query(max_length=320)]


def get_access_log(request: Request) -> AccessLog:
    return get_runtime(request).access_log


AccessLogDep = Annotated[AccessLog, Depends(get_access_log)]


class AccessLogFilters(BaseModel):
    case: str = ""
    user: str = ""
    since: str = ""
    until: str = ""


class AccessLogPage(BaseModel):
    entries: list[AccessEntry]
    filters: AccessLogFilters
    # Filters that could not be read (a hand-edited address) and were left out.
    ignored: list[str]
    truncated: bool
    limit: int


def _day_start(value: str) -> datetime | None:
    try:
        return day_start(date.fromisoformat(value))
    except ValueError:
        return None


@router.get("")
def access_log_page(request: Request, _: AdminUser, log: AccessLogDep, case: Filter = "", user: Filter = "",
                    since: Filter = "", until: Filter = "") -> Response:
    filters = AccessLogFilters(case=case.strip(), user=user.strip(), since=since.strip(), until=until.strip())
    ignored: list[str] = []
    start = _day_start(filters.since) if filters.since else None
    end = _day_start(filters.until) if filters.until else None
    if filters.since and start is None:
        ignored.append("since")
    if filters.until and end is None:
        ignored.append("until")
    found = log.entries(
        case_id=filters.case or None,
        user_email=filters.user or None,
        since=start,
        # `until` names the last day shown, so it reaches to the start of the next one.
        until=end + timedelta(days=1) if end else None,
        limit=PAGE_LIMIT + 1,
    )
    page = AccessLogPage(entries=found[:PAGE_LIMIT], filters=filters, ignored=ignored,
                         truncated=len(found) > PAGE_LIMIT, limit=PAGE_LIMIT)
    return templates.TemplateResponse(request, "staff/privacy/access_log.html", {"page": page})
