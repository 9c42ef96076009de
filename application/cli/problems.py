"""How a command refuses: the message on stderr, and validation problems named by the
command-line parameter that filled the field, so the reader knows which option to fix."""

from collections.abc import Mapping
from typing import TypeVar

import typer
from pydantic import ValidationError

from application.cli.progress import stderr


def fail(message: str, code: int = 1) -> typer.Exit:
    # markup=False: messages quote what the user typed, which may contain [brackets].
    stderr.print(message, markup=False)
    return typer.Exit(code=code)


Found = TypeVar("Found")


def required(found: Found | None, missing: str) -> Found:
    """What a command's argument names, or the refusal `missing` when there is no such thing."""
    if found is None:
        raise fail(missing)
    return found


def option_problems(exc: ValidationError, options: Mapping[str, str], hints: Mapping[str, str] | None = None) -> str:
    """One line per problem: the option (`options` maps field to option name) and the reason,
    where `hints` may say more than Pydantic's message does."""
    lines = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        reason = error.get("ctx", {}).get("error") or (hints or {}).get(field) or error["msg"]
        lines.append(f"{options.get(field, field)}: {reason}")
    return "\n".join(lines)
