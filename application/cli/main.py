"""Top-level `intake` command: the service and the sub-command groups."""

import os
from typing import Annotated

import typer

from application.cli.brief import brief_app
from application.cli.chat import chat
from application.cli.eval import eval_app
from application.cli.kb import kb_app
from application.cli.notify import notify_app
from application.cli.partners import partners_app
from application.cli.privacy import privacy_app
from application.cli.progress import progress_bar, stderr
from application.cli.report import report_app
from application.cli.users import users_app
from application.runtime import build_runtime
from application.settings import Settings

app = typer.Typer(help="디지털전환 상담 도우미 — SME digital-transformation intake", no_args_is_help=True)
app.add_typer(kb_app, name="kb")
app.add_typer(eval_app, name="eval")
app.add_typer(brief_app, name="brief")
app.add_typer(users_app, name="users")
app.add_typer(partners_app, name="partners")
app.add_typer(privacy_app, name="privacy")
app.add_typer(notify_app, name="notify")
app.add_typer(report_app, name="report")
app.command()(chat)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes")] = 1,
) -> None:
    """Run the web service (builds the search index first if it is missing or stale)."""
    import uvicorn

    settings = Settings()
    with progress_bar("Indexing knowledge base") as update:
        runtime = build_runtime(settings, update)
    report = runtime.sync_report
    stderr.print(
        f"Knowledge base {runtime.kb.version}: {len(runtime.kb.entries)} entries "
        f"({len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed)"
    )
    stderr.print(f"Serving on http://{host}:{port}")
    if workers == 1:
        from web.app import create_app

        uvicorn.run(create_app(settings, runtime=runtime), host=host, port=port)
        return
    if settings.chroma_url is None:
        # An embedded Chroma belongs to one process: vectors another worker writes for a
        # knowledge-base edit break this one's searches. A Chroma server is shared safely.
        stderr.print("Warning: with several workers, set INTAKE_CHROMA_URL to a Chroma server before "
                     "editing the knowledge base on the admin pages.")
    # Worker processes read the same settings from the environment; the index is built.
    os.environ.setdefault("INTAKE_DATA_DIR", str(settings.data_dir))
    uvicorn.run("web.app:app_from_environment", factory=True, host=host, port=port, workers=workers)
