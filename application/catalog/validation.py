"""Validates what staff submit with exactly the checks the files get (`intake kb validate`,
the roster loader, the partner model), reporting each problem against its field."""

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from application.catalog.errors import InvalidItem
from application.catalog.schemas import FieldProblem
from knowledge.loader import Problem, validate_entries, validation_problems
from knowledge.roster import MentorEntry, validate_roster
from knowledge.schema import Entry

# How the submitted item is named in problems, so they can be told apart from problems the
# submission causes in other items (a mentor whose lead was demoted, say).
FORM = "(form)"
# Problems found by the loaders' own checks rather than by the model.
CHECK = "check"

Model = TypeVar("Model", bound=BaseModel)


def _model_problems(error: ValidationError, whole: str) -> list[FieldProblem]:
    # The messages are the loader's (what the CLI prints); the codes come from the same
    # errors in the same order and let the page say it in Korean.
    return [
        FieldProblem(field=problem.field, message=problem.message, code=str(item["type"]))
        for problem, item in zip(validation_problems(FORM, error, whole), error.errors(), strict=True)
    ]


def _checked(problems: Iterable[Problem]) -> list[FieldProblem]:
    return [
        FieldProblem(field=p.field if p.file == FORM else f"{p.file}: {p.field}", message=p.message, code=CHECK)
        for p in problems
    ]


def parse_model(model: type[Model], data: dict[str, Any], whole: str) -> Model:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidItem(_model_problems(exc, whole)) from exc


def check_identity(item_id: str, *, editing: str | None, exists: Callable[[str], bool], field: str) -> None:
    """A new item may not take an existing id, and an edit may not change its item's id (the
    history and the links follow the id). `editing` is the id the form edits, None for a new item."""
    if editing is None and exists(item_id):
        raise InvalidItem([FieldProblem(field=field, message=f"'{item_id}' already exists", code="duplicate")])
    if editing is not None and item_id != editing:
        raise InvalidItem([FieldProblem(field=field, message=f"this form edits '{editing}'", code="immutable")])


def check_entry(data: dict[str, Any], *, seeds_dir: Path) -> Entry:
    """The entry, or InvalidItem: the schema, then the checks of `validate_entries` (its
    source quotes must occur in their seed)."""
    entry = parse_model(Entry, data, "(entry)")
    _, _, problems = validate_entries([(FORM, entry)], seeds_dir)
    if problems:
        raise InvalidItem(_checked(problems))
    return entry


def check_mentor(data: dict[str, Any], *, roster: dict[str, MentorEntry], known_tags: set[str]) -> MentorEntry:
    """The mentor, or InvalidItem: the schema, then the roster's checks over the whole roster
    with this mentor in it (leads exist and are tier 2, expertise tags are known)."""
    mentor = parse_model(MentorEntry, data, "(mentor)")
    others = [(f"mentor:{slug}", m) for slug, m in roster.items() if slug != mentor.slug]
    _, problems = validate_roster([(FORM, mentor), *others], known_tags)
    if problems:
        raise InvalidItem(_checked(problems))
    return mentor
