"""A writer process killed without warning loses nothing it had committed and leaves no half
written message behind."""

import os
import signal
import subprocess
import sys

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from application.chat import posting, repository
from application.chat.models import PostedMessageRow, SessionEventRow

WRITER = """
import sys
from application.chat import repository
from application.store.database import make_engine, session_factory

factory = session_factory(make_engine(sys.argv[1]))
with factory.begin() as db:
    session_id = repository.create_session(db, lang="ko", partner=None, token="t").id
print(session_id, flush=True)
last = 0
while True:
    with factory.begin() as db:
        events = [{"type": "user_uttered", "text": "매출 관리가 어려워요"}, {"type": "bot_uttered", "after": last}]
        last = repository.append(
            db, session_id=session_id, expected_seq=last, events=events, client_message_id=f"m{last}", turn={"n": last}
        )
    print(last, flush=True)
"""


@pytest.mark.timeout(120)
def test_killed_writer_keeps_every_committed_event(
    engine: Engine, factory: sessionmaker[Session], reader: sessionmaker[Session], database_url: str
) -> None:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, database_url], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    try:
        session_id = writer.stdout.readline().strip()
        acknowledged = 0
        while acknowledged < 40:
            line = writer.stdout.readline()
            assert line, "the writer died on its own"
            acknowledged = int(line)
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
    assert writer.returncode == -signal.SIGKILL

    with factory() as db:
        row = repository.get_session(db, session_id=session_id)
        assert row is not None
        seqs = db.scalars(select(SessionEventRow.seq).where(SessionEventRow.session_id == session_id)).all()
        posted = db.scalar(select(func.count()).select_from(PostedMessageRow))
    assert row.event_count >= acknowledged
    assert sorted(seqs) == list(range(1, row.event_count + 1))
    assert posted == row.event_count // 2

    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    # Nothing the dead writer held blocks the next message.
    turn, created = posting.post_message(
        factory,
        reader,
        session_id=session_id,
        client_message_id="after-kill",
        handle=lambda events: ([{"type": "user_uttered", "seen": len(events)}], {"seen": len(events)}),
    )
    assert created and turn == {"seen": row.event_count}
