"""The sender against a real SMTP server on SQLite and PostgreSQL: retries with exponential
back-off while the server refuses, giving up after the last attempt or a permanent refusal,
several senders at once sending each mail once, and a sender killed between the server's
acceptance and the record losing no mail (the resend carries the same Message-ID)."""

import os
import signal
import ssl
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
import trustme
from aiosmtpd.smtp import AuthResult, LoginPassword
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from application.cli import app
from application.notifications.models import NotificationRow
from application.notifications.schemas import Kind, Mail, RunReport
from application.notifications.sender import Sender, message_id
from application.notifications.service import Notifier, Outbox, queue
from application.settings import SmtpSecurity
from application.store.database import make_engine, session_factory
from tests.notifications.conftest import CONSOLE, POLICY, SenderClock, smtp_config
from tests.notifications.smtp import Received, SmtpServer, free_port


def mail(n: int, *, personal: bool = False) -> Mail:
    return Mail(key=f"test:{n}", kind=Kind.assigned, case_id=None, recipient_id=None,
                to_address=f"mentor{n}@example.kr", personal=personal, lang="ko", subject=f"사례 {n}",
                body=f"본문 {n}\n{CONSOLE}/console")


def put(writer: sessionmaker[Session], *mails: Mail) -> None:
    with writer.begin() as db:
        queue(db, list(mails))


def rows(writer: sessionmaker[Session]) -> list[NotificationRow]:
    with writer() as db:
        return list(db.scalars(select(NotificationRow).order_by(NotificationRow.id)))


def sender(outbox: Outbox, port: int, clock: SenderClock) -> Sender:
    return Sender(outbox, Notifier(console_url=CONSOLE, contact_days=2), smtp_config(port), clock=clock)


def test_a_refusing_server_is_retried_with_exponential_back_off(smtp: SmtpServer, writer: sessionmaker[Session],
                                                                outbox: Outbox, sender_clock: SenderClock) -> None:
    put(writer, mail(1))
    smtp.inbox.refusals.extend(["451 4.3.0 Try again later"] * 3)
    send = sender(outbox, smtp.port, sender_clock)
    waits = []
    for attempt in range(1, 4):
        assert send.run_once() == RunReport(retried=1)
        [row] = rows(writer)
        assert (row.status, row.attempts) == ("pending", attempt) and "451" in (row.last_error or "")
        waits.append(row.next_attempt_at - sender_clock())
        # Nothing is due before the back-off is over.
        assert send.run_once() == RunReport()
        sender_clock.advance(seconds=waits[-1].total_seconds() + 1)
    expected = [POLICY.backoff(n) for n in (1, 2, 3)]
    assert expected == [timedelta(seconds=60), timedelta(seconds=120), timedelta(seconds=240)]
    for wait, backoff in zip(waits, expected, strict=True):
        assert backoff - timedelta(seconds=5) < wait <= backoff

    assert send.run_once() == RunReport(sent=1)
    [row] = rows(writer)
    assert (row.status, row.attempts, row.last_error) == ("sent", 4, None) and row.sent_at is not None
    assert [r.subject for r in smtp.inbox.received] == ["사례 1"]


def test_an_unreachable_server_is_retried(writer: sessionmaker[Session], outbox: Outbox,
                                          sender_clock: SenderClock) -> None:
    put(writer, mail(1))
    assert sender(outbox, free_port(), sender_clock).run_once() == RunReport(retried=1)
    [row] = rows(writer)
    assert row.status == "pending" and "ConnectionRefusedError" in (row.last_error or "")


def test_after_the_last_attempt_a_mail_fails_until_put_back(smtp: SmtpServer, writer: sessionmaker[Session],
                                                            outbox: Outbox, sender_clock: SenderClock) -> None:
    put(writer, mail(1))
    smtp.inbox.refusals.extend(["421 4.7.0 Too busy"] * POLICY.max_attempts)
    send = sender(outbox, smtp.port, sender_clock)
    for _ in range(POLICY.max_attempts - 1):
        assert send.run_once() == RunReport(retried=1)
        sender_clock.advance(seconds=POLICY.retry_max_seconds)
    assert send.run_once() == RunReport(failed=1)
    assert outbox.counts().failed == 1 and outbox.failures()[0].last_error == "421 4.7.0 Too busy"
    sender_clock.advance(seconds=POLICY.retry_max_seconds)
    assert send.run_once() == RunReport()

    assert outbox.retry_failed() == 1
    assert send.run_once() == RunReport(sent=1)
    assert len(smtp.inbox.received) == 1 and outbox.counts().sent == 1


def test_a_refused_recipient_fails_at_once_and_the_owners_address_is_erased(
        smtp: SmtpServer, writer: sessionmaker[Session], outbox: Outbox, sender_clock: SenderClock) -> None:
    refused, kept = mail(1, personal=True), mail(2, personal=True)
    put(writer, refused, kept)
    smtp.inbox.refused_recipients.add(refused.to_address)
    assert sender(outbox, smtp.port, sender_clock).run_once() == RunReport(sent=1, failed=1)
    first, second = rows(writer)
    assert (first.status, first.attempts, first.to_address) == ("failed", 1, None)
    assert "550" in (first.last_error or "")
    # Sent to the owner: the address is kept no longer than the mail needed it.
    assert (second.status, second.to_address) == ("sent", None)
    assert [r.rcpt_tos for r in smtp.inbox.received] == [[kept.to_address]]
    # An erased address cannot be retried.
    assert outbox.retry_failed() == 0


def test_senders_at_once_send_every_mail_exactly_once(smtp: SmtpServer, writer: sessionmaker[Session],
                                                      database_url: str, sender_clock: SenderClock) -> None:
    count, senders = 40, 4
    put(writer, *(mail(n) for n in range(count)))
    smtp.inbox.before_accept = lambda _: threading.Event().wait(0.005)
    start = threading.Barrier(senders)
    reports: list[RunReport] = []

    def run() -> None:
        # Each sender its own engine, so its own connections: as separate processes would be.
        engine = make_engine(database_url)
        try:
            own = sender(Outbox(session_factory(engine), policy=POLICY, clock=sender_clock), smtp.port, sender_clock)
            start.wait()
            reports.append(own.run_once())
        finally:
            engine.dispose()

    threads = [threading.Thread(target=run) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(reports) == senders
    assert sum(r.sent for r in reports) == count and sum(r.retried + r.failed for r in reports) == 0
    received = smtp.inbox.received
    assert len(received) == count and len({r.message_id for r in received}) == count
    assert sorted(r.subject for r in received) == sorted(f"사례 {n}" for n in range(count))
    # No mail was even claimed twice.
    assert {(r.status, r.attempts) for r in rows(writer)} == {("sent", 1)}


def test_a_sender_killed_after_sending_before_recording_loses_no_mail(
        smtp: SmtpServer, writer: sessionmaker[Session], outbox: Outbox, database_url: str,
        sender_clock: SenderClock) -> None:
    put(writer, mail(1))
    # While the server accepts the mail, the test takes the database (SQLite's write lock; the
    # row's lock on PostgreSQL), so the sender cannot record the delivery until it is killed.
    engine = make_engine(database_url)
    holder = engine.connect()
    quit_seen = threading.Event()

    def hold_the_row(_: Received) -> None:
        holder.begin()
        holder.execute(select(NotificationRow).with_for_update())

    smtp.inbox.before_accept = hold_the_row
    smtp.inbox.on_quit = quit_seen.set
    env = {**os.environ, "INTAKE_DATABASE_URL": database_url, "INTAKE_SMTP_HOST": "127.0.0.1",
           "INTAKE_SMTP_PORT": str(smtp.port), "INTAKE_SMTP_SECURITY": "none",
           "INTAKE_MAIL_FROM": "noreply@agency.example.kr", "INTAKE_SMTP_TIMEOUT_SECONDS": "10",
           "INTAKE_NOTIFY_LEASE_SECONDS": str(POLICY.lease_seconds), "HF_HUB_OFFLINE": "1"}
    intake = Path(sys.executable).parent / "intake"
    process = subprocess.Popen([str(intake), "notify", "run", "--once"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    try:
        # QUIT comes after the client has read the server's acceptance of the mail.
        assert quit_seen.wait(timeout=240), "the sender never finished its SMTP session"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        holder.rollback()
        holder.close()
        engine.dispose()
    assert process.returncode == -signal.SIGKILL
    [row] = rows(writer)
    assert (row.status, row.attempts, row.sent_at) == ("pending", 1, None)
    first = smtp.inbox.received[0]

    smtp.inbox.before_accept = smtp.inbox.on_quit = None
    send = sender(outbox, smtp.port, sender_clock)
    # The dead sender's lease still holds the mail: nobody sends it twice in the meantime.
    assert send.run_once() == RunReport()
    sender_clock.advance(seconds=POLICY.lease_seconds + 1)
    assert send.run_once() == RunReport(sent=1)

    [row] = rows(writer)
    assert (row.status, row.attempts) == ("sent", 2)
    assert len(smtp.inbox.received) == 2
    second = smtp.inbox.received[1]
    # The same message again, recognisable as such.
    assert second.message_id == first.message_id
    assert (second.subject, second.body) == (first.subject, first.body)


def test_message_ids_are_stable_per_row_and_distinct_between_rows(outbox: Outbox, writer: sessionmaker[Session],
                                                                   sender_clock: SenderClock) -> None:
    put(writer, mail(1), mail(2))
    first = outbox.claim()
    second = outbox.claim()
    assert first is not None and second is not None and outbox.claim() is None
    domain = "agency.example.kr"
    assert message_id(first, domain) != message_id(second, domain)
    sender_clock.advance(seconds=POLICY.lease_seconds + 1)
    again = outbox.claim()
    assert again is not None and again.id == first.id and again.token != first.token
    assert message_id(again, domain) == message_id(first, domain)


def test_the_command_line_sends_and_reports(smtp: SmtpServer, writer: sessionmaker[Session],
                                            database_url: str) -> None:
    put(writer, mail(1), mail(2))
    runner = CliRunner()
    base = {"INTAKE_DATABASE_URL": database_url}
    unconfigured = runner.invoke(app, ["notify", "run", "--once"], env=base)
    assert unconfigured.exit_code == 1 and "INTAKE_SMTP_HOST" in unconfigured.output
    assert runner.invoke(app, ["notify", "status"], env=base).output.strip() == (
        "pending 2 (sending 0), sent 0, failed 0")

    smtp.inbox.refused_recipients.add(mail(2).to_address)
    env = {**base, "INTAKE_SMTP_HOST": "127.0.0.1", "INTAKE_SMTP_PORT": str(smtp.port),
           "INTAKE_SMTP_SECURITY": "none", "INTAKE_MAIL_FROM": "noreply@agency.example.kr"}
    sent = runner.invoke(app, ["notify", "run", "--once"], env=env)
    # A mail given up on makes the cron job fail, so that someone looks.
    assert sent.exit_code == 1 and sent.output.strip() == "1 sent, 0 to retry, 1 failed, 0 digests queued"
    status = runner.invoke(app, ["notify", "status", "--failures"], env=base)
    lines = status.output.strip().splitlines()
    assert lines[0] == "pending 0 (sending 0), sent 1, failed 1"
    assert lines[1].split("\t")[1:4] == [Kind.assigned.value, "-", "1 attempts"] and "550" in lines[1]
    [received] = smtp.inbox.received
    assert received.message["From"].addresses[0].display_name == "디지털전환 상담 도우미"
    assert received.message["Auto-Submitted"] == "auto-generated"


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_the_configured_port_follows_the_security(security: str) -> None:
    from application.notifications.schemas import SmtpConfig
    from application.settings import Settings

    config = SmtpConfig.from_settings(Settings(smtp_host="mail.example.kr", smtp_security=security,
                                               mail_from="noreply@example.kr", _env_file=None))
    assert config.port == {"starttls": 587, "tls": 465}[security] and config.domain == "example.kr"


def test_a_worker_sends_what_arrives_until_it_is_stopped(smtp: SmtpServer, writer: sessionmaker[Session],
                                                         outbox: Outbox, sender_clock: SenderClock) -> None:
    arrived = threading.Event()
    smtp.inbox.before_accept = lambda _: arrived.set()
    stop = threading.Event()
    worker = threading.Thread(target=sender(outbox, smtp.port, sender_clock).run, args=(stop,),
                              kwargs={"poll_seconds": 0.1})
    worker.start()
    try:
        put(writer, mail(1))
        assert arrived.wait(timeout=30)
    finally:
        stop.set()
        worker.join(timeout=30)
    assert not worker.is_alive()
    assert [r.subject for r in smtp.inbox.received] == ["사례 1"] and outbox.counts().sent == 1


PASSWORD = "relay-secret-2026"


def login(server: object, session: object, envelope: object, mechanism: str, data: object) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"intake", PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


# The implicit-TLS server takes AUTH without STARTTLS, which aiosmtpd warns about; it is TLS all along.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_delivery_over_verified_tls_with_a_login(security: SmtpSecurity, writer: sessionmaker[Session],
                                                 outbox: Outbox, sender_clock: SenderClock, tmp_path: Path) -> None:
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    # aiosmtpd offers AUTH only after STARTTLS unless told the implicit-TLS transport is safe.
    tls = ({"tls_context": context, "require_starttls": True} if security == "starttls"
           else {"ssl_context": context, "auth_require_tls": False})
    put(writer, mail(1))
    with SmtpServer(authenticator=login, auth_required=True, **tls) as server:
        base = smtp_config(server.port).model_copy(update={"security": security, "user": "intake"})
        for password, ca, expected in [
            (PASSWORD, None, RunReport(retried=1)),  # the system's CAs do not know the test's
            ("wrong", ca_file, RunReport(retried=1)),
            (PASSWORD, ca_file, RunReport(sent=1)),
        ]:
            config = base.model_copy(update={"password": SecretStr(password), "ca_file": ca})
            sender_clock.advance(seconds=POLICY.retry_max_seconds)
            assert Sender(outbox, Notifier(console_url=CONSOLE, contact_days=2), config,
                          clock=sender_clock).run_once() == expected
        assert [r.subject for r in server.inbox.received] == ["사례 1"]
    [row] = rows(writer)
    assert (row.status, row.attempts, row.last_error) == ("sent", 3, None)


def test_queuing_a_key_again_keeps_one_row(writer: sessionmaker[Session]) -> None:
    with writer.begin() as db:
        assert queue(db, [mail(1), mail(2)]) == 2
    with writer.begin() as db:
        assert queue(db, [mail(2), mail(3)]) == 1
    assert [row.key for row in rows(writer)] == ["test:1", "test:2", "test:3"]
