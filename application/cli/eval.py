"""`intake eval …`: quality figures on JSON Lines case files (contracts.md §4)."""

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from application.cli.progress import progress_bar, stderr
from application.cli.quality import answers, ranking
from application.runtime import build_runtime
from application.settings import Settings
from retrieval.evaluation import evaluate, load_cases

eval_app = typer.Typer(help="Measure quality on case files", no_args_is_help=True)
eval_app.command()(answers)
eval_app.command()(ranking)


@eval_app.command()
def retrieval(
    cases: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Retrieval cases (JSONL)")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object")] = False,
    details: Annotated[bool, typer.Option(help="With --json, include every case's ranking")] = False,
) -> None:
    """Recall@1/3/5, MRR and abstention on a retrieval case file."""
    with progress_bar("Loading") as update:
        runtime = build_runtime(Settings(), update)
    report = evaluate(runtime.retriever, load_cases(cases))
    if as_json:
        typer.echo(report.model_dump_json(exclude=None if details else {"cases"}))
        return
    table = Table(title=f"Retrieval on {cases.name} ({report.n} cases)")
    for column in ("recall@1", "recall@3", "recall@5", "MRR", "abstain", "false abstain", "ms/query"):
        table.add_column(column, justify="right")
    table.add_row(
        *(f"{v:.3f}" for v in (report.recall_at_1, report.recall_at_3, report.recall_at_5, report.mrr)),
        f"{report.abstain_rate:.3f}",
        f"{report.false_abstain_rate:.3f}",
        f"{report.mean_ms:.1f}",
    )
    stderr.print(table)
    if report.misses:
        stderr.print("Misses: " + ", ".join(report.misses))


@eval_app.command()
def conversations(
    cases: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Conversation cases (JSONL)")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object")] = False,
    llm: Annotated[bool, typer.Option("--llm", help="With the language model INTAKE_LLM configures; "
                                      "without it the rules alone, whatever is configured")] = False,
) -> None:
    """Run whole intake conversations and report slot accuracy and recommendation hits."""
    from assistant.evaluation import evaluate as evaluate_conversations
    from assistant.evaluation import load_cases as load_conversations

    settings = Settings() if llm else Settings(llm="off")
    if llm and settings.llm == "off":
        raise typer.BadParameter("set INTAKE_LLM and INTAKE_LLM_MODEL to the model to measure", param_hint="--llm")
    with progress_bar("Loading") as update:
        runtime = build_runtime(settings, update)
    report = evaluate_conversations(
        runtime.engine, load_conversations(cases.read_text(encoding="utf-8")), runtime.cases.rank
    )
    if as_json:
        typer.echo(report.model_dump_json())
        return
    table = Table(title=f"Conversations in {cases.name}")
    columns = ["cases", "passed", "slot accuracy", "program hits", "vendor hits", "silent misreads"]
    row = [
        str(report.n),
        str(report.passed),
        f"{report.slot_accuracy:.3f}",
        "-" if report.program_hit_rate is None else f"{report.program_hit_rate:.3f}",
        "-" if report.vendor_hit_rate is None else f"{report.vendor_hit_rate:.3f}",
        str(report.silent_misreads),
    ]
    if llm:
        columns += ["model consulted", "model used", "model refused"]
        row += [str(report.model_consulted), str(report.model_used), str(report.model_refused)]
    for column in columns:
        table.add_column(column, justify="right")
    table.add_row(*row)
    stderr.print(table)
    for case in report.cases:
        if not case.passed:
            stderr.print(f"{case.id}: brief={case.brief_ready} turns={case.turns} wrong={case.wrong_slots}")
