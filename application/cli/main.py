"""Top-level `intake` command: the service and the sub-command groups."""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
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
from application.runtime import build_runtime, prepare
from application.settings import Settings
from retrieval import SyncReport

# How long uvicorn's supervisor waits for a worker to answer its health check, and for a new one
# to finish starting, before it kills and replaces it. Its default, 5 s, is less than a worker
# needs to load the model and the index on a busy machine: they were killed and restarted in an
# endless loop.
WORKER_HEALTHCHECK_SECONDS = 120

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
    if workers == 1:
        with progress_bar("Indexing knowledge base") as update:
            runtime = build_runtime(settings, update)
        _print_prepared(runtime.kb.version, len(runtime.kb.entries), runtime.sync_report)
        stderr.print(f"Serving on http://{host}:{port}")
        from web.app import create_app

        uvicorn.run(create_app(settings, runtime=runtime), host=host, port=port)
        return
    if settings.chroma_url is None:
        # An embedded Chroma belongs to one process: vectors another worker writes for a
        # knowledge-base edit break this one's searches. A Chroma server is shared safely.
        stderr.print("Warning: with several workers, set INTAKE_CHROMA_URL to a Chroma server before "
                     "editing the knowledge base on the admin pages.")
    # The schema and the index are brought up to date once, before the workers start, in a
    # process of its own: the supervisor then stays small instead of keeping a model and an
    # index that only the workers use.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        _print_prepared(*pool.submit(_prepare).result())
    stderr.print(f"Serving on http://{host}:{port} with {workers} workers")
    # Worker processes read the same settings from the environment; the index is built.
    os.environ.setdefault("INTAKE_DATA_DIR", str(settings.data_dir))
    uvicorn.run("web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS)


def _prepare() -> tuple[str, int, SyncReport]:
    with progress_bar("Indexing knowledge base") as update:
        kb, report = prepare(Settings(), update)
    return kb.version, len(kb.entries), report


def _print_prepared(version: str, entries: int, report: SyncReport) -> None:
    stderr.print(
        f"Knowledge base {version}: {entries} entries "
        f"({len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed)"
    )
