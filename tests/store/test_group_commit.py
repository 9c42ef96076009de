"""Group commit: the writes of threads arriving together share one transaction and one commit,
and a piece that fails is rolled back alone."""

import threading
import time
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from application.chat import repository
from application.store.group_commit import GroupCommit


def new_session(factory: sessionmaker[Session]) -> str:
    with factory.begin() as db:
        return repository.create_session(db, lang="ko", partner=None, token="t").id


def test_a_batch_commits_once_and_a_failing_piece_alone_is_rolled_back(
    engine: Engine, factory: sessionmaker[Session]
) -> None:
    first, second, third = (new_session(factory) for _ in range(3))
    commits: list[int] = []
    event.listen(engine, "commit", lambda _connection: commits.append(1))
    writes = GroupCommit(factory)
    results: dict[str, Any] = {}

    def appender(session_id: str, fail: bool = False) -> Any:
        def work(db: Session) -> int:
            last = repository.append(db, session_id=session_id, expected_seq=0, events=[{"type": "probe"}],
                                     client_message_id="m", turn={})
            if fail:
                raise ValueError("this piece fails after writing")
            return last

        return work

    def follow(name: str, session_id: str, fail: bool) -> None:
        try:
            results[name] = writes.run(appender(session_id, fail))
        except ValueError as exc:
            results[name] = exc

    followers = [threading.Thread(target=follow, args=("second", second, True)),
                 threading.Thread(target=follow, args=("third", third, False))]

    def lead(db: Session) -> int:
        for thread in followers:
            thread.start()
        # Looks at the queue itself: the followers must be waiting before this batch ends,
        # or they would get a batch of their own.
        deadline = time.monotonic() + 10
        while len(writes._queue) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        return int(appender(first)(db))

    commits.clear()
    results["first"] = writes.run(lead)
    for thread in followers:
        thread.join(timeout=30)

    assert results["first"] == 1 and results["third"] == 1
    assert isinstance(results["second"], ValueError)
    assert len(commits) == 2  # the leader's batch, then the two followers together
    with factory() as db:
        counts = {sid: repository.load_log(db, session_id=sid)[1] for sid in (first, second, third)}
    assert counts == {first: 1, second: 0, third: 1}


def test_errors_reach_the_caller(factory: sessionmaker[Session]) -> None:
    writes = GroupCommit(factory)

    def broken(_: Session) -> None:
        raise LookupError("no such thing")

    with pytest.raises(LookupError):
        writes.run(broken)
    assert writes.run(new_session_in)


def new_session_in(db: Session) -> str:
    return repository.create_session(db, lang="en", partner=None, token="u").id
