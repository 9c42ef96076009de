"""`intake brief …`: the needs brief's JSON Schema, a stored case's brief as JSON, HTML or PDF,
and the case report (T0 → T1, what was done, the mentor's summary) as HTML or PDF."""

import getpass
import json
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from application.briefs import render_brief
from application.cases.errors import CaseNotFound
from application.cli.progress import stderr
from application.privacy.access_log import AccessKind
from application.settings import Settings
from assistant.decision.brief import NeedsBrief, brief_json_schema

brief_app = typer.Typer(help="The needs brief: its schema, and a case's brief as JSON, HTML or PDF",
                        no_args_is_help=True)


class OutputFormat(StrEnum):
    json = "json"
    html = "html"
    pdf = "pdf"


class PageLang(StrEnum):
    ko = "ko"
    en = "en"


# Who looked, in the access log: the command line has no account, so the OS user stands in.
CLI_ACTOR = "cli"


@dataclass(frozen=True)
class CliReader:
    """The command line reads any case, as staff do (application.casework.access.Actor)."""

    id: str = CLI_ACTOR
    name: str = field(default_factory=getpass.getuser)
    role: str = "staff"
    team: str | None = None


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"


def view_case_brief(settings: Settings, case_id: str, what: AccessKind) -> NeedsBrief:
    """The brief of a stored case, contact data included, once the access log has recorded
    the view (as `cli` with the OS user); CaseNotFound for an unknown id."""
    # Imported here: they open (and migrate) the database.
    from application.cases.service import CaseService
    from application.privacy.access_log import AccessLog

    brief = CaseService.open(settings).get_brief(case_id)
    AccessLog.open(settings).record(user_id=CLI_ACTOR, user_name=getpass.getuser(), case_id=case_id, what=what)
    return brief


@brief_app.command()
def schema() -> None:
    """Print the needs brief's JSON Schema (contracts.md §6) to standard output."""
    sys.stdout.write(json.dumps(brief_json_schema(), ensure_ascii=False, indent=2) + "\n")


@brief_app.command()
def show(
    case_id: Annotated[str, typer.Argument(help="The case whose brief to show")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="json, html or pdf")] = OutputFormat.json,
    lang: Annotated[PageLang | None, typer.Option(help="Page language for html/pdf (default: the brief's)")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output",
                                                dir_okay=False, writable=True)] = None,
) -> None:
    """Show a case's needs brief; PDF needs --output unless standard output is redirected. The
    brief holds the owner's contact data, so the view is written to the access log first."""
    what = AccessKind.brief_pdf if format is OutputFormat.pdf else AccessKind.brief_view
    try:
        brief = view_case_brief(Settings(), case_id, what)
    except CaseNotFound:
        stderr.print(f"No case with id '{case_id}'.", markup=False)
        raise typer.Exit(code=1) from None
    rendered = render_brief(brief, format.value, lang.value if lang else None)
    write(rendered, pdf=format is OutputFormat.pdf, output=output, done=f"{format.value.upper()} brief of case {case_id}")


@brief_app.command()
def report(
    case_id: Annotated[str, typer.Argument(help="The case whose report to show")],
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="html or pdf")] = ReportFormat.html,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output",
                                                dir_okay=False, writable=True)] = None,
) -> None:
    """Show a case's report: readiness at intake (T0) and at 성과 리포트 (T1) with the change,
    what the mentoring did and the mentor's summary. It holds no contact data."""
    from application.briefs.html import render_report_html
    from application.briefs.report_pdf import render_report_pdf
    from application.reassessment.service import ReassessmentService

    try:
        case = ReassessmentService.open(Settings()).report(actor=CliReader(), case_id=case_id)
    except CaseNotFound:
        stderr.print(f"No case with id '{case_id}'.", markup=False)
        raise typer.Exit(code=1) from None
    rendered = render_report_pdf(case) if format is ReportFormat.pdf else render_report_html(case)
    write(rendered, pdf=format is ReportFormat.pdf, output=output, done=f"{format.value.upper()} report of case {case_id}")


def write(rendered: str | bytes, *, pdf: bool, output: Path | None, done: str) -> None:
    """To `output`, or to standard output unless it is a PDF bound for the terminal."""
    data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    if output is not None:
        output.write_bytes(data)
        stderr.print(f"Wrote {done} to {output}", markup=False)
        return
    if pdf and sys.stdout.isatty():
        stderr.print("Refusing to write a PDF to the terminal: use --output FILE or redirect.", markup=False)
        raise typer.Exit(code=2)
    sys.stdout.buffer.write(data)
    if isinstance(rendered, str) and not rendered.endswith("\n"):
        sys.stdout.buffer.write(b"\n")
    sys.stdout.flush()


@brief_app.command()
def regenerate(case_id: Annotated[str, typer.Argument(help="The case whose brief to rebuild")]) -> None:
    """Rebuild a case's brief from the current knowledge base and mentor roster. Briefs are
    never rebuilt on their own: each keeps the knowledge-base version it was made with."""
    from application.cli.progress import progress_bar
    from application.runtime import build_runtime

    with progress_bar("Loading") as update:
        runtime = build_runtime(Settings(), update)
    try:
        old = runtime.cases.get_brief(case_id)
    except CaseNotFound:
        stderr.print(f"No case with id '{case_id}'.")
        raise typer.Exit(code=1) from None
    brief = runtime.cases.regenerate(case_id, runtime.chat.replay_session(old.session_id))
    typer.echo(f"Case {case_id}: knowledge base {old.kb_version} -> {brief.kb_version}")
