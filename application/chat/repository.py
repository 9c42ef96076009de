"""Repository of chat sessions and their event logs. Functions take the caller's Session and only
flush; the caller owns the transaction and commits once per request."""

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from application.chat.errors import (
    ConcurrentUpdate,
    DuplicateMessage,
    InvalidEvent,
    NoFreeResumeCode,
    SessionNotFound,
)
from application.chat.models import (
    CLIENT_MESSAGE_ID_MAX,
    ChatSessionRow,
    PostedMessageRow,
    SessionAccessRow,
    SessionEventRow,
)
from application.store.models import utc_now

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives;
# 8 symbols are 40 bits. Input folds the look-alikes back (O -> 0, I and L -> 1).
RESUME_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RESUME_CODE_LENGTH = 8
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_DASHES = "-‐‑‒–—−"
_RESUME_RETRIES = 5


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def verify_token(row: ChatSessionRow, token: str) -> bool:
    return hmac.compare_digest(row.token_hash, hash_token(token))


def grants_access(db: Session, row: ChatSessionRow, token: str) -> bool:
    """The session's first token, or one issued later to another device with the resume code."""
    if verify_token(row, token):
        return True
    extra = db.get(SessionAccessRow, hash_token(token))
    return extra is not None and extra.session_id == row.id


def new_resume_code() -> str:
    return "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_CODE_LENGTH))


def format_resume_code(code: str) -> str:
    """`K7QF92XM` as the owner sees it: `K7QF-92XM`."""
    half = RESUME_CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def normalise_resume_code(typed: str) -> str | None:
    """The code as stored, from what an owner typed (any case, dashes, spaces, look-alike
    letters); None when it cannot be a code at all."""
    code = "".join(ch for ch in typed.upper() if not ch.isspace() and ch not in _DASHES).translate(_LOOK_ALIKES)
    if len(code) != RESUME_CODE_LENGTH or any(ch not in RESUME_ALPHABET for ch in code):
        return None
    return code


def hash_resume_code(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def assign_resume_code(db: Session, *, session_id: str, generate: Callable[[], str] = new_resume_code) -> str:
    """Gives the session a fresh resume code and returns it; only its hash is stored. Codes are
    unique: on the rare clash with another session's code a new one is drawn."""
    for _ in range(_RESUME_RETRIES):
        code = generate()
        try:
            with db.begin_nested():
                db.execute(
                    update(ChatSessionRow)
                    .where(ChatSessionRow.id == session_id)
                    .values(resume_code_hash=hash_resume_code(code))
                )
        except IntegrityError:
            continue
        return code
    raise NoFreeResumeCode(_RESUME_RETRIES)


def find_by_resume_code(db: Session, *, code: str, active_since: datetime) -> ChatSessionRow | None:
    """The session with this (normalised) code, if it was last active at or after `active_since`."""
    statement = select(ChatSessionRow).where(
        ChatSessionRow.resume_code_hash == hash_resume_code(code),
        ChatSessionRow.updated_at >= active_since,
    )
    return db.scalars(statement).one_or_none()


def grant_access(db: Session, *, session_id: str, token: str) -> None:
    """Lets a further bearer token open the session; the earlier tokens keep working."""
    db.add(SessionAccessRow(token_hash=hash_token(token), session_id=session_id))
    db.flush()


def create_session(db: Session, *, lang: str, partner: str | None, token: str) -> ChatSessionRow:
    row = ChatSessionRow(lang=lang, partner=partner, token_hash=hash_token(token))
    db.add(row)
    db.flush()
    return row


def get_session(db: Session, *, session_id: str) -> ChatSessionRow | None:
    return db.get(ChatSessionRow, session_id)


def lock_session(db: Session, *, session_id: str) -> ChatSessionRow | None:
    """Holds the session's row until the transaction ends, so its writers take turns.

    PostgreSQL gets SELECT ... FOR UPDATE. SQLite renders no FOR UPDATE and needs none: the
    store's engine opens every write transaction with BEGIN IMMEDIATE, which already excludes
    all other writers of the file."""
    statement = (
        select(ChatSessionRow)
        .where(ChatSessionRow.id == session_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return db.scalars(statement).one_or_none()


def finish_session(db: Session, *, session_id: str) -> None:
    row = db.get(ChatSessionRow, session_id)
    if row is None:
        raise SessionNotFound(session_id)
    row.finished = True
    row.updated_at = utc_now()
    db.flush()


def load_events(db: Session, *, session_id: str) -> list[dict[str, Any]]:
    statement = (
        select(SessionEventRow.payload).where(SessionEventRow.session_id == session_id).order_by(SessionEventRow.seq)
    )
    return list(db.scalars(statement))


def load_log(db: Session, *, session_id: str) -> tuple[list[dict[str, Any]], int]:
    """The session's events and the seq of the last one (0 for none), read in one statement:
    on PostgreSQL each statement of a transaction may see a later commit than the one before,
    so a count read separately could disagree with the events."""
    statement = (
        select(SessionEventRow.seq, SessionEventRow.payload)
        .where(SessionEventRow.session_id == session_id)
        .order_by(SessionEventRow.seq)
    )
    rows = db.execute(statement).all()
    return [payload for _, payload in rows], rows[-1].seq if rows else 0


def find_posted(db: Session, *, session_id: str, client_message_id: str) -> dict[str, Any] | None:
    statement = select(PostedMessageRow.turn).where(
        PostedMessageRow.session_id == session_id,
        PostedMessageRow.client_message_id == client_message_id,
    )
    return db.scalars(statement).one_or_none()


def append(
    db: Session,
    *,
    session_id: str,
    expected_seq: int,
    events: list[dict[str, Any]],
    client_message_id: str,
    turn: dict[str, Any],
) -> int:
    """Records one posted message: its events get seqs expected_seq+1, ... and its turn is kept
    for replays. Returns the session's new last seq.

    Raises ConcurrentUpdate when the session's last seq is no longer `expected_seq` (the events
    the caller decided on are stale), DuplicateMessage when `client_message_id` is recorded."""
    if not 0 < len(client_message_id) <= CLIENT_MESSAGE_ID_MAX:
        raise InvalidEvent(f"client_message_id must have 1 to {CLIENT_MESSAGE_ID_MAX} characters")
    types = [_event_type(event) for event in events]
    if find_posted(db, session_id=session_id, client_message_id=client_message_id) is not None:
        raise DuplicateMessage(session_id, client_message_id)

    now = utc_now()
    new_count = expected_seq + len(events)
    # Compare and swap on event_count: on PostgreSQL a competing writer's UPDATE waits for this
    # row and then re-checks the condition against the committed count, so exactly one wins.
    swapped = db.execute(
        update(ChatSessionRow)
        .where(ChatSessionRow.id == session_id, ChatSessionRow.event_count == expected_seq)
        .values(event_count=new_count, updated_at=now)
        .returning(ChatSessionRow.id)
    ).scalar_one_or_none()
    if swapped is None:
        if get_session(db, session_id=session_id) is None:
            raise SessionNotFound(session_id)
        raise ConcurrentUpdate(session_id, expected_seq)

    db.add_all(
        SessionEventRow(session_id=session_id, seq=seq, type=type_, payload=event, created_at=now)
        for seq, (type_, event) in enumerate(zip(types, events, strict=True), start=expected_seq + 1)
    )
    db.add(
        PostedMessageRow(
            session_id=session_id,
            client_message_id=client_message_id,
            turn=turn,
            first_seq=expected_seq + 1,
            created_at=now,
        )
    )
    try:
        db.flush()
    except IntegrityError as exc:
        # Rows at these keys that the counter did not account for mean another writer
        # got there first; the caller rolls back and starts over from fresh events.
        raise ConcurrentUpdate(session_id, expected_seq) from exc
    return new_count


def _event_type(event: dict[str, Any]) -> str:
    type_ = event.get("type")
    if not isinstance(type_, str) or not type_:
        raise InvalidEvent(f"an event needs a non-empty string 'type': {event!r}")
    return type_
