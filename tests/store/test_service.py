import threading
import time
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from application.chat import posting, repository
from application.chat.errors import ConcurrentUpdate, SessionNotFound
from application.chat.models import PostedMessageRow

Event = dict[str, Any]


def new_session(factory: sessionmaker[Session]) -> str:
    with factory.begin() as db:
        return repository.create_session(db, lang="ko", partner=None, token="t").id


def echo(text: str, calls: list[int] | None = None) -> posting.Handler:
    """A stand-in dialog engine: records the user's text and answers with how much it had seen."""

    def handle(events: list[Event]) -> tuple[list[Event], dict[str, Any]]:
        if calls is not None:
            calls.append(len(events))
        new: list[Event] = [{"type": "user_uttered", "text": text}, {"type": "bot_uttered", "seen": len(events)}]
        return new, {"messages": [f"{text} 잘 받았습니다."], "seen": len(events), "options": [{"label": "예"}]}

    return handle


def stored(factory: sessionmaker[Session], session_id: str) -> tuple[list[Event], int]:
    with factory() as db:
        row = repository.get_session(db, session_id=session_id)
        assert row is not None
        return repository.load_events(db, session_id=session_id), row.event_count


def test_posting_the_same_message_twice_records_one_turn(
    factory: sessionmaker[Session], reader: sessionmaker[Session]
) -> None:
    session_id = new_session(factory)
    calls: list[int] = []
    handle = echo("안녕하세요", calls)

    first, created = posting.post_message(factory, reader, session_id=session_id, client_message_id="c-1", handle=handle)
    again, created_again = posting.post_message(factory, reader, session_id=session_id, client_message_id="c-1", handle=handle)

    assert (created, created_again) == (True, False)
    assert again == first and first["messages"] == ["안녕하세요 잘 받았습니다."]
    assert calls == [0]
    events, count = stored(factory, session_id)
    assert count == len(events) == 2


def test_next_message_sees_the_earlier_events(factory: sessionmaker[Session], reader: sessionmaker[Session]) -> None:
    session_id = new_session(factory)
    posting.post_message(factory, reader, session_id=session_id, client_message_id="a", handle=echo("하나"))
    turn, _ = posting.post_message(factory, reader, session_id=session_id, client_message_id="b", handle=echo("둘"))
    assert turn["seen"] == 2
    events, _ = stored(factory, session_id)
    assert [event.get("text") for event in events] == ["하나", None, "둘", None]


def run_together(count: int, target: Any) -> list[Any]:
    """Runs target(i) on `count` threads released at the same moment; re-raises their errors."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = target(index)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def test_concurrent_messages_of_one_session_take_turns(
    factory: sessionmaker[Session], reader: sessionmaker[Session]
) -> None:
    session_id = new_session(factory)

    def post(index: int) -> tuple[dict[str, Any], bool]:
        def handle(events: list[Event]) -> tuple[list[Event], dict[str, Any]]:
            time.sleep(0.02)  # widens the window in which an interleaving writer would slip in
            return [{"type": "probe", "seen": len(events), "thread": index}], {"thread": index}

        return posting.post_message(factory, reader, session_id=session_id, client_message_id=f"m{index}", handle=handle)

    results = run_together(8, post)

    assert all(created for _, created in results)
    events, count = stored(factory, session_id)
    assert count == len(events) == 8
    assert [event["seen"] for event in events] == list(range(8))
    assert sorted(event["thread"] for event in events) == list(range(8))
    with factory() as db:
        first_seqs = {row.client_message_id: row.first_seq for row in db.scalars(select(PostedMessageRow))}
    assert {first_seqs[f"m{event['thread']}"] for event in events} == set(range(1, 9))


def test_one_message_sent_from_four_tabs_is_recorded_once(
    factory: sessionmaker[Session], reader: sessionmaker[Session]
) -> None:
    session_id = new_session(factory)
    results = run_together(
        4,
        lambda index: posting.post_message(factory, reader, session_id=session_id, client_message_id="same", handle=echo("네")),
    )
    assert sorted(created for _, created in results) == [False, False, False, True]
    assert all(turn == results[0][0] for turn, _ in results)
    events, count = stored(factory, session_id)
    assert count == len(events) == 2


def test_a_lost_race_is_rolled_back_and_retried(
    factory: sessionmaker[Session], reader: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = new_session(factory)
    real_append = repository.append
    appends: list[int] = []

    def append_then_lose(db: Session, **kwargs: Any) -> int:
        # The first attempt writes everything and then loses, as if another writer had won.
        last = real_append(db, **kwargs)
        appends.append(last)
        if len(appends) == 1:
            raise ConcurrentUpdate(session_id, kwargs["expected_seq"])
        return last

    monkeypatch.setattr(repository, "append", append_then_lose)
    calls: list[int] = []
    turn, created = posting.post_message(
        factory, reader, session_id=session_id, client_message_id="a", handle=echo("재시도", calls)
    )

    assert created and turn["seen"] == 0
    assert calls == [0, 0] and appends == [2, 2]
    events, count = stored(factory, session_id)
    assert count == len(events) == 2


def test_retries_are_bounded(
    factory: sessionmaker[Session], reader: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = new_session(factory)

    def always_lose(db: Session, **kwargs: Any) -> int:
        raise ConcurrentUpdate(session_id, kwargs["expected_seq"])

    monkeypatch.setattr(repository, "append", always_lose)
    calls: list[int] = []
    with pytest.raises(ConcurrentUpdate):
        posting.post_message(
            factory, reader, session_id=session_id, client_message_id="a", handle=echo("x", calls), max_retries=2
        )
    assert len(calls) == 3


def test_a_failing_handler_records_nothing(factory: sessionmaker[Session], reader: sessionmaker[Session]) -> None:
    session_id = new_session(factory)

    def broken(events: list[Event]) -> tuple[list[Event], dict[str, Any]]:
        raise RuntimeError("engine bug")

    with pytest.raises(RuntimeError):
        posting.post_message(factory, reader, session_id=session_id, client_message_id="a", handle=broken)
    assert stored(factory, session_id) == ([], 0)
    turn, created = posting.post_message(factory, reader, session_id=session_id, client_message_id="a", handle=echo("다시"))
    assert created and turn["seen"] == 0


def test_unknown_session(factory: sessionmaker[Session], reader: sessionmaker[Session]) -> None:
    with pytest.raises(SessionNotFound):
        posting.post_message(factory, reader, session_id="0" * 32, client_message_id="a", handle=echo("x"))


def test_a_slow_turn_holds_up_no_other_session(factory: sessionmaker[Session], reader: sessionmaker[Session]) -> None:
    slow_session, other_session = new_session(factory), new_session(factory)
    computing, other_done = threading.Event(), threading.Event()

    def slow(events: list[Event]) -> tuple[list[Event], dict[str, Any]]:
        # Deliberately slow, standing in for an expensive turn (a 2,000-character message):
        # it keeps computing until the other session's post has come back, or 30 s have passed.
        computing.set()
        other_done.wait(timeout=30)
        return [{"type": "probe", "slow": True}], {"slow": True}

    slow_post = threading.Thread(
        target=posting.post_message,
        args=(factory, reader),
        kwargs={"session_id": slow_session, "client_message_id": "long", "handle": slow},
    )
    slow_post.start()
    try:
        assert computing.wait(timeout=10)
        started = time.monotonic()
        turn, created = posting.post_message(
            factory, reader, session_id=other_session, client_message_id="short", handle=echo("네")
        )
        elapsed = time.monotonic() - started
        assert slow_post.is_alive(), "the slow turn must still be computing"
    finally:
        other_done.set()
        slow_post.join(timeout=30)
    assert created and turn["seen"] == 0
    assert elapsed < 2
    assert stored(factory, slow_session)[1] == 1


def test_a_twin_committed_while_computing_is_the_answer(
    factory: sessionmaker[Session], reader: sessionmaker[Session]
) -> None:
    """Another process records the same client message while this one computes it: the twin's
    turn is returned and nothing more is recorded."""
    session_id = new_session(factory)
    calls: list[int] = []

    def racing(events: list[Event]) -> tuple[list[Event], dict[str, Any]]:
        calls.append(len(events))
        with factory.begin() as db:
            repository.append(db, session_id=session_id, expected_seq=0, events=[{"type": "probe", "by": "twin"}],
                              client_message_id="same", turn={"by": "twin"})
        return [{"type": "probe", "by": "me"}], {"by": "me"}

    turn, created = posting.post_message(factory, reader, session_id=session_id, client_message_id="same",
                                         handle=racing)

    assert (turn, created, calls) == ({"by": "twin"}, False, [0])
    events, count = stored(factory, session_id)
    assert count == 1 and events == [{"type": "probe", "by": "twin"}]


def test_a_message_committed_while_computing_makes_the_turn_recomputed(
    factory: sessionmaker[Session], reader: sessionmaker[Session]
) -> None:
    session_id = new_session(factory)
    calls: list[int] = []

    def overtaken(events: list[Event]) -> tuple[list[Event], dict[str, Any]]:
        calls.append(len(events))
        if len(calls) == 1:
            with factory.begin() as db:
                repository.append(db, session_id=session_id, expected_seq=0, events=[{"type": "probe"}],
                                  client_message_id="other", turn={})
        return [{"type": "probe", "seen": len(events)}], {"seen": len(events)}

    turn, created = posting.post_message(factory, reader, session_id=session_id, client_message_id="mine",
                                         handle=overtaken)

    assert created and turn == {"seen": 1} and calls == [0, 1]
    events, count = stored(factory, session_id)
    assert count == 2 and events[1] == {"type": "probe", "seen": 1}
