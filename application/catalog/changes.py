"""What changed between two versions of an item, field by field, as the history page says it
("요약 (summary.ko): 이전 … → 지금 …") instead of a YAML diff."""

from typing import Any

from pydantic import BaseModel

from application.catalog.versions import Content


class FieldChange(BaseModel):
    field: str  # a dotted path; list items are counted from 1: "sources.2.quote"
    before: str | None  # None: the field was empty or absent
    after: str | None  # None: the field is now empty or gone


def _flatten(value: Any, path: str, into: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(inner, f"{path}.{key}" if path else str(key), into)
    elif isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        for index, inner in enumerate(value, start=1):
            _flatten(inner, f"{path}.{index}", into)
    elif isinstance(value, list):
        if value:
            into[path] = ", ".join(str(item) for item in value)
    elif value is not None and value != "":
        into[path] = str(value)


def field_changes(before: Content | None, after: Content) -> list[FieldChange]:
    """Every field whose value differs, in the newer version's field order, then the fields
    that were removed."""
    old: dict[str, str] = {}
    new: dict[str, str] = {}
    _flatten(before or {}, "", old)
    _flatten(after, "", new)
    changed = [FieldChange(field=name, before=old.get(name), after=value)
               for name, value in new.items() if old.get(name) != value]
    removed = [FieldChange(field=name, before=value, after=None) for name, value in old.items() if name not in new]
    return changed + removed
