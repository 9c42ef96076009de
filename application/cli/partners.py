"""`intake partners …`: register the portals that embed the chat widget, with their theme and
the exact origins allowed to embed it."""

import json
from typing import Annotated

import typer
from pydantic import ValidationError

from application.cli.problems import fail, option_problems, required
from application.partners.schemas import Partner
from application.partners.service import PartnerService
from application.settings import Settings

partners_app = typer.Typer(help="Partner portals that embed the chat widget", no_args_is_help=True)

# Names of the command-line parameters, for error messages about the fields they fill.
_OPTION = {
    "key": "KEY",
    "name": "--name",
    "title": "--title",
    "greeting": "--greeting",
    "title_en": "--title-en",
    "greeting_en": "--greeting-en",
    "colour": "--colour",
    "allowed_origins": "--origin",
}
_HINT = {
    "key": "use 2 to 64 characters: lower-case letters, digits, '-' or '_', starting with a letter or digit",
    "colour": "use a hex colour like #1f5fbf",
}


def open_partners(settings: Settings) -> PartnerService:
    from application.store.database import session_factory  # imported here: opens the database
    from application.store.migrate import migrated_engine

    return PartnerService(session_factory(migrated_engine(settings.effective_database_url)))


def _existing(service: PartnerService, key: str) -> Partner:
    return required(service.get(key), f"No partner '{key}'. `intake partners list` shows the registered ones.")


@partners_app.command()
def add(
    key: Annotated[str, typer.Argument(help="The widget's data-partner value, e.g. daejeon-portal")],
    name: Annotated[str, typer.Option(help="The partner organisation's name (for staff)")],
    title: Annotated[str, typer.Option(help="Chat panel title (Korean)")],
    greeting: Annotated[str, typer.Option(help="First line in the chat panel (Korean)")],
    origin: Annotated[list[str], typer.Option(
        help="An origin allowed to embed the widget, e.g. https://portal.example.kr; repeat for several")],
    title_en: Annotated[str | None, typer.Option(help="Chat panel title in English")] = None,
    greeting_en: Annotated[str | None, typer.Option(help="First line in English")] = None,
    colour: Annotated[str, typer.Option(help="Theme colour, #rrggbb")] = "#1f5fbf",
    replace: Annotated[bool, typer.Option(help="Overwrite a partner with this key")] = False,
) -> None:
    """Register a partner portal (or, with --replace, change one)."""
    try:
        partner = Partner(key=key, name=name, title=title, greeting=greeting, title_en=title_en,
                          greeting_en=greeting_en, colour=colour, allowed_origins=origin)
    except ValidationError as exc:
        raise fail(option_problems(exc, _OPTION, _HINT), code=2) from None
    service = open_partners(Settings())
    if not replace and service.get(key) is not None:
        raise fail(f"A partner '{key}' exists already; add --replace to overwrite it.")
    created = service.save(partner)
    typer.echo(f"{'Added' if created else 'Replaced'} partner '{key}' for {', '.join(partner.allowed_origins)}")


@partners_app.command("list")
def list_() -> None:
    """One line per partner: key, state, name, allowed origins."""
    for partner in open_partners(Settings()).registered():
        state = "active" if partner.active else "disabled"
        typer.echo(f"{partner.key}\t{state}\t{partner.name}\t{' '.join(partner.allowed_origins)}")


@partners_app.command()
def show(key: Annotated[str, typer.Argument(help="The partner's key")]) -> None:
    """Everything registered for one partner, as JSON."""
    partner = _existing(open_partners(Settings()), key)
    typer.echo(json.dumps(partner.model_dump(), ensure_ascii=False, indent=2))


@partners_app.command()
def remove(key: Annotated[str, typer.Argument(help="The partner's key")]) -> None:
    """Delete a partner; its widget stops loading at once. Its past cases keep the key."""
    if not open_partners(Settings()).remove(key):
        raise fail(f"No partner '{key}'. `intake partners list` shows the registered ones.")
    typer.echo(f"Removed partner '{key}'")


def _set_active(key: str, active: bool) -> None:
    service = open_partners(Settings())
    partner = _existing(service, key)
    service.save(partner.model_copy(update={"active": active}))
    typer.echo(f"Partner '{key}' is {'active' if active else 'disabled'}")


@partners_app.command()
def disable(key: Annotated[str, typer.Argument(help="The partner's key")]) -> None:
    """Stop the partner's widget (and new chats with its key) without deleting it."""
    _set_active(key, False)


@partners_app.command()
def enable(key: Annotated[str, typer.Argument(help="The partner's key")]) -> None:
    """Let a disabled partner's widget work again."""
    _set_active(key, True)
