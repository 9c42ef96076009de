"""The version store: reading and appending rows of `kb_versions` inside the caller's
transaction."""

import difflib
from datetime import datetime
from enum import StrEnum
from typing import Any

import yaml
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from application.catalog.errors import StaleEdit, UnknownItem
from application.catalog.models import ItemVersionRow
from prompts.admin import load_admin_prompts

Content = dict[str, Any]


class ItemKind(StrEnum):
    ENTRY = "entry"
    MENTOR = "mentor"
    PARTNER = "partner"


class Action(StrEnum):
    # The content before the first saved version: a shipped file, or a partner as it was.
    ORIGINAL = "original"
    CREATE = "create"
    EDIT = "edit"
    RESTORE = "restore"
    IMPORT = "import"


class Author(BaseModel):
    """Who made a change, as the history shows it."""

    id: str | None
    name: str


class Version(BaseModel):
    kind: ItemKind
    item_id: str
    version: int
    content: Content
    action: Action
    diff: str
    author: Author
    created_at: datetime
    revision: int


def _version(row: ItemVersionRow) -> Version:
    return Version(
        kind=ItemKind(row.kind), item_id=row.item_id, version=row.version, content=row.content,
        action=Action(row.action), diff=row.diff, author=Author(id=row.author_id, name=row.author_name),
        created_at=row.created_at, revision=row.id,
    )


def content_text(content: Content) -> str:
    """The content as staff read it in a diff: YAML, fields in their model order."""
    return yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=100)


def text_diff(before: Content | None, after: Content) -> str:
    old = content_text(before).splitlines() if before is not None else []
    names = load_admin_prompts().notices
    return "\n".join(difflib.unified_diff(old, content_text(after).splitlines(), names["diff_before"],
                                         names["diff_after"], n=2, lineterm=""))


def latest_revision(db: Session) -> int:
    return db.scalar(select(func.max(ItemVersionRow.id))) or 0


def latest_of_kind(db: Session, kind: ItemKind) -> dict[str, Version]:
    """The newest version of every item of one kind."""
    newest = (
        select(func.max(ItemVersionRow.id))
        .where(ItemVersionRow.kind == kind.value)
        .group_by(ItemVersionRow.item_id)
    )
    rows = db.scalars(select(ItemVersionRow).where(ItemVersionRow.id.in_(newest)))
    return {row.item_id: _version(row) for row in rows}


def history(db: Session, kind: ItemKind, item_id: str) -> list[Version]:
    """Every version of an item, newest first."""
    rows = db.scalars(
        select(ItemVersionRow)
        .where(ItemVersionRow.kind == kind.value, ItemVersionRow.item_id == item_id)
        .order_by(ItemVersionRow.version.desc())
    )
    return [_version(row) for row in rows]


def get_version(db: Session, kind: ItemKind, item_id: str, version: int) -> Version | None:
    row = db.scalar(
        select(ItemVersionRow).where(
            ItemVersionRow.kind == kind.value, ItemVersionRow.item_id == item_id, ItemVersionRow.version == version
        )
    )
    return _version(row) if row is not None else None


def require_version(db: Session, kind: ItemKind, item_id: str, version: int) -> Version:
    """A version a page or a restore names, UnknownItem when there is no such version."""
    found = get_version(db, kind, item_id, version)
    if found is None:
        raise UnknownItem(kind.value, item_id, version)
    return found


def latest(db: Session, kind: ItemKind, item_id: str) -> Version | None:
    row = db.scalar(
        select(ItemVersionRow)
        .where(ItemVersionRow.kind == kind.value, ItemVersionRow.item_id == item_id)
        .order_by(ItemVersionRow.version.desc())
        .limit(1)
    )
    return _version(row) if row is not None else None


def append(
    db: Session,
    *,
    kind: ItemKind,
    item_id: str,
    content: Content,
    action: Action,
    author: Author,
    original: Content | None,
    expected_version: int | None = None,
) -> Version:
    """Adds the next version of an item. An item without history first gets `original` (the
    shipped or pre-existing content) as version 0, so it can be restored. With
    `expected_version`, the item must still be at that version (the one the editor started
    from), or StaleEdit is raised and nothing is written."""
    previous = latest(db, kind, item_id)
    current = previous.version if previous is not None else (0 if original is not None else None)
    if expected_version is not None and expected_version != (current if current is not None else 0):
        raise StaleEdit(kind.value, item_id)
    before = previous.content if previous is not None else original
    rows: list[ItemVersionRow] = []
    if previous is None and original is not None:
        rows.append(ItemVersionRow(kind=kind.value, item_id=item_id, version=0, content=original,
                                   action=Action.ORIGINAL.value, diff=text_diff(None, original),
                                   author_id=None, author_name=""))
    number = (current + 1) if current is not None else 1
    rows.append(ItemVersionRow(kind=kind.value, item_id=item_id, version=number, content=content,
                               action=action.value, diff=text_diff(before, content),
                               author_id=author.id, author_name=author.name))
    db.add_all(rows)
    try:
        db.flush()
    except IntegrityError as exc:
        # Another writer took this version number between our read and our insert.
        raise StaleEdit(kind.value, item_id) from exc
    return _version(rows[-1])
