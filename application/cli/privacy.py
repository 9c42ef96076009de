"""`intake privacy …`: the retention purge (meant for cron) and the personal-data access log."""

import json
from datetime import UTC, datetime
from typing import Annotated

import typer

from application.cli.progress import stderr
from application.privacy.access_log import AccessLog
from application.privacy.purge import Retention, purge
from application.settings import Settings
from application.store.database import session_factory
from application.store.migrate import migrated_engine

privacy_app = typer.Typer(help="Personal data: the retention purge and the access log", no_args_is_help=True)


def _moment(value: str, option: str) -> datetime:
    """An ISO date (midnight UTC) or date-time; a time without a zone is UTC."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date or date-time", param_hint=option) from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


@privacy_app.command("purge")
def purge_command(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would go; change nothing")] = False,
    now: Annotated[str | None, typer.Option("--now", metavar="ISO-DATETIME",
                                            help="Act as if it were this moment (for testing)")] = None,
) -> None:
    """Destroy contact data of cases closed longer than the retention, delete conversations that
    never became a case and old access-log entries. Safe to run from cron, also twice at once;
    prints one summary line, exits 1 only when some case could not be purged."""
    moment = _moment(now, "--now") if now is not None else datetime.now(UTC)
    settings = Settings()
    engine = migrated_engine(settings.effective_database_url)
    try:
        report = purge(session_factory(engine), retention=Retention.from_settings(settings), now=moment,
                       dry_run=dry_run)
    finally:
        engine.dispose()
    if dry_run:
        for case_id in report.cases:
            typer.echo(f"case {case_id}: contact data")
        for session_id in report.sessions:
            typer.echo(f"session {session_id}: no case")
    for case_id, why in report.failed.items():
        stderr.print(f"case {case_id}: {why}", markup=False)
    typer.echo(report.summary())
    if report.failed:
        raise typer.Exit(code=1)


@privacy_app.command("access-log")
def access_log_command(
    case: Annotated[str | None, typer.Option("--case", metavar="ID", help="Only this case")] = None,
    user: Annotated[str | None, typer.Option("--user", metavar="EMAIL", help="Only this user")] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE",
                                              help="From this ISO date or date-time on (UTC)")] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="DATE",
                                              help="Before this ISO date or date-time (UTC)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line")] = False,
) -> None:
    """Who viewed which case's personal data, newest first: time (UTC), user, case, what, address."""
    entries = AccessLog.open(Settings()).entries(
        case_id=case,
        user_email=user,
        since=_moment(since, "--since") if since else None,
        until=_moment(until, "--until") if until else None,
    )
    for entry in entries:
        if as_json:
            typer.echo(json.dumps(entry.model_dump(mode="json"), ensure_ascii=False))
            continue
        who = entry.user_email or entry.user_id
        name = f" ({entry.user_name})" if entry.user_name else ""
        typer.echo("\t".join([entry.at.isoformat(timespec="seconds"), who + name, entry.case_id, entry.what.value,
                              entry.client_address or "-"]))
