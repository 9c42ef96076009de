"""`intake users …`: staff and mentor accounts from the command line (the first admin is
made here; further accounts usually from the admin page /admin/users)."""

import sys
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from application.accounts import AccountError, AccountService, NewUser, Profile, Role, User
from application.accounts.passwords import MIN_LENGTH
from application.accounts.schemas import DEFAULT_CAPACITY
from application.cli.problems import fail, option_problems, required
from application.settings import Settings

users_app = typer.Typer(help="Staff and mentor accounts", no_args_is_help=True)

_OPTION = {"email": "--email", "name": "--name", "role": "--role", "team": "--team", "capacity": "--capacity"}

PasswordStdin = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from the first line of standard input (for scripts)")]


def _open() -> AccountService:
    return AccountService.open(Settings())


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt(f"Password (at least {MIN_LENGTH} characters)", hide_input=True,
                                 confirmation_prompt="Repeat the password")
    return password


def _existing(accounts: AccountService, email: str) -> User:
    return required(accounts.find_by_email(email), f"No account with the email {email}. `intake users list` shows them all.")


@users_app.command()
def create(
    email: Annotated[str, typer.Option(help="Sign-in address; unique, compared case-insensitively")],
    name: Annotated[str, typer.Option(help="Name shown to colleagues")],
    role: Annotated[Role, typer.Option(help="admin, staff, lead (mentor tier 2), mentor (tier 1), expert (tier 3)")],
    team: Annotated[str | None, typer.Option(help="Team name; a lead and their mentors share one")] = None,
    capacity: Annotated[int, typer.Option(min=0, max=1000, help="Open cases a mentor can hold")] = DEFAULT_CAPACITY,
    password_stdin: PasswordStdin = False,
) -> None:
    """Create an account. The password is asked for twice (hidden) unless --password-stdin."""
    try:
        new = NewUser(email=email, name=name, role=role, team=team, capacity=capacity)
    except ValidationError as exc:
        raise fail(option_problems(exc, _OPTION)) from None
    accounts = _open()
    if accounts.find_by_email(new.email) is not None:
        raise fail(f"An account with the email {new.email} already exists.")
    try:
        user = accounts.create_user(new, password=_read_password(password_stdin))
    except AccountError as exc:
        raise fail(exc.message) from None
    typer.echo(f"Created {user.role.value} account {user.email} ({user.name}), id {user.id}.")


@users_app.command("list")
def list_users() -> None:
    """Every account: email, name, role, team, capacity, whether it is active, last sign-in."""
    table = Table("email", "name", "role", "team", "capacity", "active", "last sign-in", box=None)
    for user in _open().list_users():
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_login_at else "never"
        table.add_row(user.email, user.name, user.role.value, user.team or "-",
                      str(user.capacity) if user.tier else "-", "yes" if user.active else "no", last)
    Console(width=200).print(table, markup=False)


@users_app.command()
def update(
    email: Annotated[str, typer.Argument(help="The account's email")],
    role: Annotated[Role | None, typer.Option(help="admin, staff, lead, mentor or expert")] = None,
    team: Annotated[str | None, typer.Option(help="Team name; an empty value takes the account out of its team")]
    = None,
    capacity: Annotated[int | None, typer.Option(min=0, max=1000, help="Open cases a mentor can hold")] = None,
) -> None:
    """Change an account's role, team or capacity (what is not given stays). The last active
    admin keeps the admin role."""
    accounts = _open()
    user = _existing(accounts, email)
    try:
        profile = Profile(name=user.name, role=role or user.role, team=user.team if team is None else team,
                          capacity=user.capacity if capacity is None else capacity)
    except ValidationError as exc:
        raise fail(option_problems(exc, _OPTION)) from None
    try:
        changed = accounts.update_profile(user.id, profile)
    except AccountError as exc:
        raise fail(exc.message) from None
    typer.echo(f"{changed.email}: {changed.role.value}, team {changed.team or '-'}, capacity {changed.capacity}.")


@users_app.command("set-password")
def set_password(
    email: Annotated[str, typer.Argument(help="The account's email")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Set an account's password; every open login of the account ends."""
    accounts = _open()
    user = _existing(accounts, email)
    try:
        accounts.set_password(user.id, _read_password(password_stdin))
    except AccountError as exc:
        raise fail(exc.message) from None
    typer.echo(f"Password of {user.email} changed; its open logins have ended.")


@users_app.command()
def deactivate(email: Annotated[str, typer.Argument(help="The account's email")]) -> None:
    """Stop an account from signing in; its open logins end at once."""
    accounts = _open()
    user = _existing(accounts, email)
    try:
        accounts.deactivate(user.id)
    except AccountError as exc:
        raise fail(exc.message) from None
    typer.echo(f"Deactivated {user.email}.")
