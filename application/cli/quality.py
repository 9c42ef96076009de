"""`intake eval answers` and `intake eval ranking`: side-answer kinds on a question file and
programme/vendor ranking on graded firm profiles."""

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from application.cli.progress import progress_bar, stderr
from application.runtime import Runtime, build_runtime
from application.settings import Settings
from assistant.answering.evaluation import QuestionCase, evaluate_answers, load_questions
from assistant.answering.models import SideAnswer
from assistant.decision.ranking_evaluation import (
    FirmCase,
    Ranking,
    evaluate_ranking,
    load_firm_cases,
    profile_slots,
)
from assistant.state import DialogueState

CasesFile = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Case file (JSONL)")]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object")]
Details = Annotated[bool, typer.Option(help="With --json, include every case")]


def _runtime() -> Runtime:
    with progress_bar("Loading") as update:
        return build_runtime(Settings(), update)


def _print_table(title: str, row: dict[str, float | int | None]) -> None:
    table = Table(title=title)
    for column in row:
        table.add_column(column, justify="right")
    table.add_row(*("-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v) for v in row.values()))
    stderr.print(table)


def answers(cases: CasesFile, as_json: AsJson = False, details: Details = False) -> None:
    """Share of side answers of the right kind (service, entry and aspect, small talk, refusal)."""
    runtime = _runtime()

    def answer(case: QuestionCase) -> SideAnswer:
        return runtime.answerer.answer(case.question, lang=case.lang)

    report = evaluate_answers(answer, load_questions(cases))
    if as_json:
        typer.echo(report.model_dump_json(exclude=None if details else {"cases"}))
        return
    _print_table(f"Side answers on {cases.name}", {
        "questions": report.n, "right kind": report.right, "abstain": report.abstain_rate,
        "false abstain": report.false_abstain_rate, "entry R@3": report.entry_recall_at_3,
    })
    for kind, share in report.by_kind.items():
        stderr.print(f"{kind}: {share:.3f}")


def ranking(cases: CasesFile, as_json: AsJson = False, details: Details = False) -> None:
    """NDCG@5, top-1 accuracy and contradicted stated "no"s of the brief's rankings on graded firms."""
    runtime = _runtime()

    def rank(case: FirmCase) -> Ranking:
        state = DialogueState(lang=case.lang, slots=profile_slots(case.profile))
        brief = runtime.cases.build_brief(state, "evaluation", None)
        return Ranking(programs=[p.id.split(":", 1)[1] for p in brief.programs if p.eligibility != "ineligible"],
                       vendors=[v.id.split(":", 1)[1] for v in brief.vendors])

    report = evaluate_ranking(rank, load_firm_cases(cases))
    if as_json:
        typer.echo(report.model_dump_json(exclude=None if details else {"cases"}))
        return
    _print_table(f"Ranking on {cases.name}", {
        "firms": report.n, "NDCG@5": report.program_ndcg_at_5, "top-1": report.program_top1,
        "first contradicts a no": report.program_first_contradicts, "hit@5 (old)": report.program_hit_at_5,
        "vendor NDCG@5": report.vendor_ndcg_at_5, "vendor top-1": report.vendor_top1,
        "vendor hit@3": report.vendor_hit_at_3,
    })
