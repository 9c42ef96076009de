"""GET /admin/insights: what the agency learns from its cases (application/insights), for
staff and admins, over a range of Korean calendar days; every figure also as a CSV file.
A date that cannot be read is left out and said so, as on the access log."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from markupsafe import Markup
from pydantic import BaseModel

from application.calendar import korean_date
from application.insights.errors import BadPeriod
from application.insights.report import figure_csv, figure_html, generated_line
from application.insights.schemas import Insights, Period
from application.insights.service import InsightsService
from application.store.models import utc_now
from prompts.insights import FIGURES, InsightsPrompts, load_insights_prompts
from web.deps import get_runtime
from web.errors import FileNotFound
from web.login import StaffUser
from web.templating import templates

# HTML pages and CSV downloads for a browser: not part of the API document.
router = APIRouter(prefix="/admin/insights", include_in_schema=False)

PAGE = "/admin/insights"
# By default a year: the current month and the eleven before it, so the monthly figure has
# something to compare.
DEFAULT_MONTHS = 12
DateText = Annotated[str, Query(max_length=20)]
FigureKey = Annotated[str, Path(max_length=40)]


def get_insights(request: Request) -> InsightsService:
    return get_runtime(request).insights


InsightsDep = Annotated[InsightsService, Depends(get_insights)]


class PeriodChoice(BaseModel):
    period: Period
    since: str
    until: str
    # Filters that could not be read (not a date, or ending before it starts) and were replaced.
    ignored: list[str]


def default_period(today: date) -> Period:
    first = today.replace(day=1)
    for _ in range(DEFAULT_MONTHS - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return Period(since=first, until=today)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def choose_period(since: str, until: str) -> PeriodChoice:
    fallback = default_period(korean_date(utc_now()))
    ignored: list[str] = []
    start, end = _date(since.strip()) if since.strip() else None, _date(until.strip()) if until.strip() else None
    if since.strip() and start is None:
        ignored.append("since")
    if until.strip() and end is None:
        ignored.append("until")
    try:
        period = Period(since=start or fallback.since, until=end or fallback.until)
    except BadPeriod:
        ignored.append("order")
        period = fallback
    return PeriodChoice(period=period, since=period.since.isoformat(), until=period.until.isoformat(),
                        ignored=ignored)


@dataclass(frozen=True)
class InsightsPage:
    insights: Insights
    choice: PeriodChoice
    sections: list[tuple[str, str, Markup]]  # (key, title, the section's HTML)
    generated: str


def csv_href(key: str, period: Period) -> str:
    return f"{PAGE}/{key}.csv?" + urlencode({"since": period.since.isoformat(), "until": period.until.isoformat()})


@router.get("")
def insights_page(request: Request, _: StaffUser, service: InsightsDep, since: DateText = "",
                  until: DateText = "") -> Response:
    choice = choose_period(since, until)
    found = service.insights(choice.period)
    text: InsightsPrompts = load_insights_prompts()
    sections = [(f.key, f.title, figure_html(f, csv_href(f.key, choice.period), text)) for f in found.figures]
    page = InsightsPage(insights=found, choice=choice, sections=sections, generated=generated_line(found, text))
    return templates.TemplateResponse(request, "staff/admin/insights.html", {"page": page, "text": text})


@router.get("/{key}.csv")
def insights_csv(request: Request, _: StaffUser, service: InsightsDep, key: FigureKey, since: DateText = "",
                 until: DateText = "") -> Response:
    if key not in FIGURES:
        raise FileNotFound(f"{key}.csv")
    choice = choose_period(since, until)
    figure = service.insights(choice.period).figure(key)
    name = f"insights-{key}-{choice.since}-{choice.until}.csv"
    return Response(figure_csv(figure), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
