"""Posting a message to a chat session: exactly once per client message id, one at a time per
session."""

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from application.chat import repository
from application.chat.errors import ConcurrentUpdate, SessionNotFound

Event = dict[str, Any]
Turn = dict[str, Any]
# Gets the session's events so far and returns the new events and the turn to answer with.
# It may run more than once for one message (after a ConcurrentUpdate), so it must not have
# side effects outside its return value.
Handler = Callable[[list[Event]], tuple[list[Event], Turn]]


def post_message(
    session_factory: sessionmaker[Session],
    *,
    session_id: str,
    client_message_id: str,
    handle: Handler,
    max_retries: int = 5,
) -> tuple[Turn, bool]:
    """Returns the turn and whether it is new. A client_message_id seen before returns its
    stored turn and records nothing, so a client may resend after a lost answer.

    Raises SessionNotFound, or ConcurrentUpdate when other writers won max_retries + 1 times."""
    failures = 0
    while True:
        try:
            return _post_once(session_factory, session_id, client_message_id, handle)
        except ConcurrentUpdate:
            failures += 1
            if failures > max_retries:
                raise


def _post_once(
    session_factory: sessionmaker[Session], session_id: str, client_message_id: str, handle: Handler
) -> tuple[Turn, bool]:
    # begin() commits on success and rolls back on any exception, ConcurrentUpdate included.
    with session_factory.begin() as db:
        row = repository.lock_session(db, session_id=session_id)
        if row is None:
            raise SessionNotFound(session_id)
        stored = repository.find_posted(db, session_id=session_id, client_message_id=client_message_id)
        if stored is not None:
            return stored, False
        new_events, turn = handle(repository.load_events(db, session_id=session_id))
        repository.append(
            db,
            session_id=session_id,
            expected_seq=row.event_count,
            events=new_events,
            client_message_id=client_message_id,
            turn=turn,
        )
    return turn, True
