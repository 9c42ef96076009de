"""`intake report monthly`: the insights page's figures for one month, as a self-contained
HTML page, a PDF or one CSV file, for the agency's monthly reporting."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from application.cli.progress import stderr
from application.insights.errors import BadMonth
from application.insights.report import month_title, report_csv, report_html, report_pdf
from application.insights.schemas import Period
from application.settings import Settings

report_app = typer.Typer(help="Reports of what the agency learns from its cases", no_args_is_help=True)


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    csv = "csv"


@report_app.command()
def monthly(
    month: Annotated[str, typer.Option("--month", metavar="YYYY-MM", help="The calendar month (Korean time)")],
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="html, pdf or csv")] = ReportFormat.html,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output",
                                                dir_okay=False, writable=True)] = None,
) -> None:
    """The month's funnel, demand, first contact, mentors' load and readiness at intake, with
    cells of fewer than five firms suppressed. PDF needs --output unless standard output is
    redirected."""
    try:
        period = Period.month(month)
    except BadMonth:
        raise typer.BadParameter(f"{month!r} is not a month; write it as YYYY-MM, e.g. 2026-11",
                                 param_hint="--month") from None
    if format is ReportFormat.pdf and output is None and sys.stdout.isatty():
        stderr.print("Refusing to write a PDF to the terminal: use --output FILE or redirect.", markup=False)
        raise typer.Exit(code=2)
    # Imported here: it opens (and migrates) the database.
    from application.insights.service import InsightsService

    insights = InsightsService.open(Settings()).insights(period)
    title = month_title(insights)
    data = {ReportFormat.html: lambda: report_html(insights, title).encode("utf-8"),
            ReportFormat.pdf: lambda: report_pdf(insights, title),
            ReportFormat.csv: lambda: report_csv(insights, title)}[format]()
    if output is not None:
        output.write_bytes(data)
        stderr.print(f"Wrote the {format.value.upper()} report of {month} to {output}", markup=False)
        return
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
