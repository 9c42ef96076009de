"""Notification sender throughput: mails a second from the outbox to an SMTP server on
loopback (aiosmtpd, the test extra), with one or several senders at once.

    .venv/bin/python bench/notify_throughput.py [--mails 300] [--senders 1 4] [--database-url URL]

Without --database-url the outbox is a fresh SQLite file; a PostgreSQL URL should name an
empty database or schema (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3Dbench).
Each mail is one SMTP connection (how the sender works), so the figure is bound by connection
set-up and the claim/record transactions, not by the mail's size."""

import argparse
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import delete

from application.notifications.models import NotificationRow
from application.notifications.schemas import DeliveryPolicy, Kind, Mail, SmtpConfig
from application.notifications.sender import Sender
from application.notifications.service import Notifier, Outbox, queue
from application.store.database import make_engine, session_factory
from application.store.migrate import upgrade_database


class Sink:
    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            self.count += 1
        return "250 OK"


def run(url: str, mails: int, senders: int, port: int, sink: Sink) -> float:
    engine = make_engine(url)
    writer = session_factory(engine)
    with writer.begin() as db:
        db.execute(delete(NotificationRow))
        queue(db, [Mail(key=f"bench:{senders}:{n}", kind=Kind.assigned, case_id=None, recipient_id=None,
                        to_address=f"mentor{n}@example.kr", lang="ko", subject=f"사례 {n}", body="본문\n" * 20)
                   for n in range(mails)])
    config = SmtpConfig(host="127.0.0.1", port=port, security="none", user=None, password=None, timeout=10,
                        from_address="noreply@example.kr")
    before = sink.count

    def one() -> None:
        own = make_engine(url)
        try:
            Sender(Outbox(session_factory(own), policy=DeliveryPolicy()), Notifier(console_url="http://x", contact_days=2),
                   config).run_once()
        finally:
            own.dispose()

    threads = [threading.Thread(target=one) for _ in range(senders)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    engine.dispose()
    assert sink.count - before == mails, f"{sink.count - before} mails arrived, {mails} queued"
    return mails / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=300)
    parser.add_argument("--senders", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--database-url")
    args = parser.parse_args()
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=8925)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            url = args.database_url or f"sqlite:///{Path(folder) / 'intake.sqlite3'}"
            upgrade_database(url)
            print(f"outbox: {url.split(':', 1)[0]}, {args.mails} mails, SMTP on loopback")
            for senders in args.senders:
                rate = run(url, args.mails, senders, 8925, sink)
                print(f"{senders} sender(s): {rate:.0f} mails/s, each mail sent exactly once")
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
