"""Posting a message to a chat session: exactly once per client message id, one at a time per
session.

A turn is computed outside any write transaction: the session's events are read from a
snapshot, the handler runs on them with no lock held, and the result is committed only if the
session still has the events it was computed on (a compare and swap on its event count). A slow
turn therefore holds up its own session and no other; on SQLite, whose write lock covers the
whole file, the write transaction lasts only as long as the inserts, and the inserts of
messages posted at the same moment share one transaction and one sync to disk
(store.group_commit)."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from application.chat import repository
from application.chat.errors import ConcurrentUpdate, SessionNotFound
from application.store.group_commit import group_commit

Event = dict[str, Any]
Turn = dict[str, Any]
# Gets the session's events so far and returns the new events and the turn to answer with.
# It may run more than once for one message (after a ConcurrentUpdate), so it must not have
# side effects outside its return value.
Handler = Callable[[list[Event]], tuple[list[Event], Turn]]


class KeyedLocks:
    """One lock per key, kept only while a thread holds or waits for it."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, tuple[threading.Lock, int]] = {}

    @contextmanager
    def hold(self, key: str) -> Iterator[None]:
        with self._guard:
            lock, users = self._locks.get(key, (threading.Lock(), 0))
            self._locks[key] = (lock, users + 1)
        try:
            with lock:
                yield
        finally:
            with self._guard:
                lock, users = self._locks[key]
                if users == 1:
                    del self._locks[key]
                else:
                    self._locks[key] = (lock, users - 1)


# Messages of one session posted to this process queue here instead of computing turns that
# the compare and swap would throw away; writers in other processes are caught by the swap.
_SESSIONS = KeyedLocks()


def post_message(
    writer: sessionmaker[Session],
    reader: sessionmaker[Session],
    *,
    session_id: str,
    client_message_id: str,
    handle: Handler,
    max_retries: int = 5,
) -> tuple[Turn, bool]:
    """Returns the turn and whether it is new. A client_message_id seen before returns its
    stored turn and records nothing, so a client may resend after a lost answer.

    `reader` must not take the write lock (store.database.session_factory(read_only=True)).
    Raises SessionNotFound, or ConcurrentUpdate when writers in other processes won
    max_retries + 1 times."""
    with _SESSIONS.hold(session_id):
        failures = 0
        while True:
            try:
                return _post_once(writer, reader, session_id, client_message_id, handle)
            except ConcurrentUpdate:
                failures += 1
                if failures > max_retries:
                    raise


def _post_once(
    writer: sessionmaker[Session],
    reader: sessionmaker[Session],
    session_id: str,
    client_message_id: str,
    handle: Handler,
) -> tuple[Turn, bool]:
    with reader() as db:
        stored = repository.find_posted(db, session_id=session_id, client_message_id=client_message_id)
        if stored is not None:
            return stored, False
        if repository.get_session(db, session_id=session_id) is None:
            raise SessionNotFound(session_id)
        events, last_seq = repository.load_log(db, session_id=session_id)

    new_events, turn = handle(events)

    def record(db: Session) -> tuple[Turn, bool]:
        # A twin of this message (another tab, a resend) may have committed meanwhile.
        stored = repository.find_posted(db, session_id=session_id, client_message_id=client_message_id)
        if stored is not None:
            return stored, False
        repository.append(
            db,
            session_id=session_id,
            expected_seq=last_seq,
            events=new_events,
            client_message_id=client_message_id,
            turn=turn,
        )
        return turn, True

    # Rolled back alone on any exception, ConcurrentUpdate included; returns once committed.
    return group_commit(writer).run(record)
