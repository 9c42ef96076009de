"""`intake notify …`: the notification sender (from cron with --once, or as a worker) and the
outbox's state."""

import logging
import signal
import threading
from types import FrameType
from typing import Annotated

import typer

from application.cli.problems import fail
from application.notifications.errors import MailNotConfigured
from application.notifications.schemas import DeliveryPolicy
from application.notifications.sender import Sender
from application.notifications.service import Outbox
from application.settings import Settings
from application.store.database import session_factory
from application.store.migrate import migrated_engine

notify_app = typer.Typer(help="Notifications by e-mail: the sender and the outbox", no_args_is_help=True)


def _outbox(settings: Settings) -> Outbox:
    engine = migrated_engine(settings.effective_database_url)
    return Outbox(session_factory(engine), policy=DeliveryPolicy.from_settings(settings))


@notify_app.command("run")
def run_command(
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit (for cron)")] = False,
    poll: Annotated[float | None, typer.Option(
        "--poll", min=0.1, metavar="SECONDS", help="Seconds between passes of the worker [INTAKE_NOTIFY_POLL_SECONDS]")
    ] = None,
) -> None:
    """Send the mails that are due over SMTP and queue the daily overdue digest. Several
    senders may run at once; none sends a mail another is sending. With --once: one pass, one
    summary line, exit 1 when a mail was given up on. Without: runs until SIGTERM or Ctrl-C,
    finishing the mail in hand."""
    settings = Settings()
    try:
        sender = Sender.from_settings(_outbox(settings), settings)
    except MailNotConfigured as exc:
        raise fail(exc.message) from None
    if once:
        report = sender.run_once()
        typer.echo(report.summary())
        if report.failed:
            # Cron mails a failing job's output: a mail given up on needs someone to look.
            raise typer.Exit(code=1)
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    stop = threading.Event()

    def _stop(_signal: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    sender.run(stop, poll_seconds=poll or settings.notify_poll_seconds)


@notify_app.command("status")
def status_command(
    failures: Annotated[bool, typer.Option("--failures", help="Also list the failed mails and why")] = False,
) -> None:
    """How many mails are pending (and being sent), sent and failed."""
    outbox = _outbox(Settings())
    counts = outbox.counts()
    typer.echo(f"pending {counts.pending} (sending {counts.sending}), sent {counts.sent}, failed {counts.failed}")
    if failures:
        for mail in outbox.failures():
            typer.echo("\t".join([str(mail.id), mail.kind, mail.case_id or "-", f"{mail.attempts} attempts",
                                  mail.last_error or "-"]))


@notify_app.command("retry")
def retry_command() -> None:
    """Put failed mails back in line (after fixing the SMTP settings or the server)."""
    typer.echo(f"{_outbox(Settings()).retry_failed()} mails queued again")
