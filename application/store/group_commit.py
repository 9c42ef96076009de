"""Group commit: the short write transactions of many threads, run as one transaction.

Every commit of the store waits for the disk (SQLite: `synchronous=FULL` syncs the WAL at each
commit, and holds the whole file's write lock meanwhile; PostgreSQL flushes its WAL). Twenty
owners posting at once would queue for twenty syncs one after another. Here the first thread
to arrive leads: it runs the work of every thread waiting at that moment in one transaction,
each piece in a savepoint of its own, commits once, and hands the lead to the next waiting
thread. A piece that raises is rolled back alone and its thread gets the error; a commit that
fails fails every piece of its batch, so nothing is acknowledged that was not committed."""

import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")
# Enough to take in every request thread of a worker at once (anyio's pool has 40).
MAX_BATCH = 64


class _Pending(Generic[T]):
    def __init__(self, work: Callable[[Session], T]) -> None:
        self.work = work
        self.result: T | None = None
        self.error: BaseException | None = None
        self.leads = False
        self.wake = threading.Event()


class GroupCommit:
    def __init__(self, writer: sessionmaker[Session], *, max_batch: int = MAX_BATCH) -> None:
        self._writer = writer
        self._max_batch = max_batch
        self._lock = threading.Lock()
        self._queue: list[_Pending[Any]] = []
        self._busy = False

    def run(self, work: Callable[[Session], T]) -> T:
        """Runs `work` in a write transaction shared with other threads' work and returns its
        result once that transaction has committed. `work` must only use the session it is
        given and must not commit it; it raises to roll back its own writes."""
        pending: _Pending[T] = _Pending(work)
        with self._lock:
            self._queue.append(pending)
            if not self._busy:
                self._busy = pending.leads = True
        if not pending.leads:
            pending.wake.wait()
        if pending.leads:
            self._lead()
        if pending.error is not None:
            raise pending.error
        return pending.result  # type: ignore[return-value]  # set whenever error is None

    def _lead(self) -> None:
        with self._lock:
            batch, self._queue = self._queue[: self._max_batch], self._queue[self._max_batch :]
        try:
            self._commit(batch)
        finally:
            with self._lock:
                if self._queue:
                    successor = self._queue[0]
                    successor.leads = True
                    successor.wake.set()
                else:
                    self._busy = False
            for pending in batch:
                pending.leads = False
                pending.wake.set()

    def _commit(self, batch: list[_Pending[Any]]) -> None:
        try:
            with self._writer.begin() as db:
                for pending in batch:
                    try:
                        with db.begin_nested():
                            pending.result = pending.work(db)
                    except Exception as exc:
                        pending.error = exc
        except BaseException as exc:
            for pending in batch:
                pending.result, pending.error = None, pending.error or exc
            if not isinstance(exc, Exception):
                raise


_SHARED: "weakref.WeakKeyDictionary[sessionmaker[Session], GroupCommit]" = weakref.WeakKeyDictionary()
_SHARED_LOCK = threading.Lock()


def group_commit(writer: sessionmaker[Session]) -> GroupCommit:
    """The one GroupCommit of this session factory in this process."""
    with _SHARED_LOCK:
        found = _SHARED.get(writer)
        if found is None:
            found = _SHARED[writer] = GroupCommit(writer)
        return found
