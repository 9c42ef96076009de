"""`intake kb …`: validate, reindex, import and export the knowledge base."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from application.catalog.live import load_effective_kb
from application.cli.progress import progress_bar, stderr
from application.runtime import open_index
from application.settings import Settings
from knowledge.loader import load_knowledge_base
from knowledge.required import REQUIRED_IDS
from knowledge.transfer import parse_jsonl, to_jsonl, write_entry
from retrieval import load_embedder

kb_app = typer.Typer(help="Manage the knowledge base", no_args_is_help=True)


@kb_app.command()
def validate() -> None:
    """Check every entry file; print each problem as `file: field: message`."""
    settings = Settings()
    kb, problems = load_knowledge_base(settings.knowledge_dir, settings.seeds_dir, strict=False)
    for problem in problems:
        typer.echo(str(problem))
    missing = [entry_id for entry_id in REQUIRED_IDS if entry_id not in kb.entries]
    for entry_id in missing:
        typer.echo(f"{settings.knowledge_dir}: {entry_id}: required entry is missing")
    if problems or missing:
        raise typer.Exit(code=1)
    typer.echo(f"OK: {len(kb.entries)} entries, version {kb.version}")


@kb_app.command()
def reindex() -> None:
    """Re-embed changed entries, add new ones and drop deleted ones."""
    settings = Settings()
    _, problems = load_knowledge_base(settings.knowledge_dir, settings.seeds_dir, strict=False)
    if problems:
        for problem in problems:
            stderr.print(str(problem), markup=False)
        stderr.print("Fix these first (`intake kb validate`); nothing was indexed.")
        raise typer.Exit(code=1)
    index = open_index(settings, load_embedder(settings.embedder, settings.embedder_path))
    with progress_bar("Reindexing") as update:
        report = index.sync(load_effective_kb(settings).entries, update)
    typer.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged"
    )


@kb_app.command("export")
def export_(
    output: Annotated[Path | None, typer.Argument(help="JSON Lines file; standard output if omitted")] = None,
) -> None:
    """Write every entry (with the edits saved on the admin pages) as one JSON object a line."""
    settings = Settings()
    kb = load_effective_kb(settings)
    lines = "\n".join(to_jsonl(kb)) + "\n"
    if output is None:
        sys.stdout.write(lines)
    else:
        output.write_text(lines, encoding="utf-8")
        stderr.print(f"Exported {len(kb.entries)} entries to {output}")


@kb_app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSON Lines file")],
    replace: Annotated[bool, typer.Option(help="Delete entries that are not in the file")] = False,
) -> None:
    """Validate a JSON Lines file and write its entries as YAML files; nothing is written
    unless every line is valid."""
    settings = Settings()
    entries, problems = parse_jsonl(source.read_text(encoding="utf-8"), str(source), settings.seeds_dir)
    if problems:
        for problem in problems:
            typer.echo(str(problem))
        raise typer.Exit(code=1)
    kb, _ = load_knowledge_base(settings.knowledge_dir, settings.seeds_dir, strict=False)
    for entry in entries:
        write_entry(settings.knowledge_dir, entry)
    removed = 0
    if replace:
        imported = {e.id for e in entries}
        for entry_id, path in kb.files.items():
            if entry_id not in imported:
                path.unlink()
                removed += 1
    typer.echo(f"Imported {len(entries)} entries" + (f", removed {removed}" if replace else ""))
    typer.echo("Run `intake kb reindex` (or restart the service) to update the search index.")
