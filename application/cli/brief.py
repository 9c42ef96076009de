"""`intake brief …`: the needs brief's JSON Schema, and a stored case's brief as JSON, HTML
or PDF."""

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from application.briefs import render_brief
from application.cli.progress import stderr
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


class CaseNotFound(Exception):
    pass


def load_case_brief(settings: Settings, case_id: str) -> NeedsBrief:
    """The brief of a stored case, from the case store; CaseNotFound for an unknown id."""
    from application.cases.service import CaseService  # imported here: it opens (and migrates) the database

    try:
        return CaseService.open(settings).get_brief(case_id)
    except KeyError as exc:
        raise CaseNotFound(case_id) from exc


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
    """Show a case's needs brief; PDF needs --output unless standard output is redirected."""
    try:
        brief = load_case_brief(Settings(), case_id)
    except CaseNotFound:
        stderr.print(f"No case with id '{case_id}'.", markup=False)
        raise typer.Exit(code=1) from None
    rendered = render_brief(brief, format.value, lang.value if lang else None)
    data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    if output is not None:
        output.write_bytes(data)
        stderr.print(f"Wrote {format.value.upper()} brief of case {case_id} to {output}", markup=False)
        return
    if format is OutputFormat.pdf and sys.stdout.isatty():
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
    except KeyError:
        stderr.print(f"No case with id '{case_id}'.")
        raise typer.Exit(code=1) from None
    brief = runtime.cases.regenerate(case_id, runtime.chat.replay_session(old.session_id))
    typer.echo(f"Case {case_id}: knowledge base {old.kb_version} -> {brief.kb_version}")
