"""Puts each validation problem next to the form field it belongs to, in Korean, keeping
the validator's own wording (as `intake kb validate` prints it) alongside."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from application.catalog.schemas import FieldProblem
from prompts.admin import load_admin_prompts


@dataclass(frozen=True)
class ShownProblem:
    text: str
    field: str
    detail: str


@dataclass
class FormErrors:
    by_field: dict[str, list[ShownProblem]] = field(default_factory=dict)
    general: list[ShownProblem] = field(default_factory=list)

    def at(self, key: str) -> list[ShownProblem]:
        return self.by_field.get(key, [])

    def __bool__(self) -> bool:
        return bool(self.by_field or self.general)

    @property
    def count(self) -> int:
        return len(self.general) + sum(len(found) for found in self.by_field.values())


def place(problems: Iterable[FieldProblem], anchors: set[str]) -> FormErrors:
    """Each problem goes to the closest field the form shows (`sources.1.quote`, else
    `sources.1`, else `sources`); problems of no shown field go at the top."""
    prompts = load_admin_prompts()
    errors = FormErrors()
    for problem in problems:
        shown = ShownProblem(prompts.explain(problem.code, problem.message), problem.field, problem.message)
        key = problem.field
        while key not in anchors and "." in key:
            key = key.rsplit(".", 1)[0]
        if key in anchors:
            errors.by_field.setdefault(key, []).append(shown)
        else:
            errors.general.append(shown)
    return errors
