"""Delivering the outbox over SMTP: `intake notify run`.

Each mail is claimed under a lease, sent on a connection of its own and then recorded. Several
senders may run at once (cron overlapping a worker, two workers): the claim lets one of them
have a mail at a time.

Delivery is at-least-once. A sender that dies after the server accepted a mail but before it
recorded that leaves the mail pending under its lease; when the lease runs out
(`INTAKE_NOTIFY_LEASE_SECONDS`) another sender sends it again. The resend is the same message
with the same Message-ID, derived from the outbox row, so mail systems that drop a repeated
Message-ID (Gmail, many list servers and archives) keep one copy, and a reader's client can
tell the two apart from a new mail. The opposite order (record first, then send) would lose
the mail instead; a lost notification is worse than a rare second copy. A sender slower than
its lease could likewise be overtaken, which is why the lease must be much longer than the
SMTP timeout."""

import hashlib
import logging
import smtplib
import ssl
import threading
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path

from application.notifications.errors import MailNotConfigured
from application.notifications.schemas import Outgoing, RunReport, SmtpConfig
from application.notifications.service import Clock, Notifier, Outbox
from application.settings import Settings
from application.store.models import utc_now
from prompts.notifications import load_notification_prompts

log = logging.getLogger(__name__)
# A lease shorter than this many SMTP timeouts could run out while a slow server still answers.
LEASE_PER_TIMEOUT = 4


def message_id(mail: Outgoing, domain: str) -> str:
    """The same for every attempt at one outbox row, and for no other row."""
    digest = hashlib.sha256(mail.key.encode("utf-8")).hexdigest()[:20]
    return f"<notify.{mail.id}.{digest}@{domain}>"


def build_message(mail: Outgoing, config: SmtpConfig, *, now: datetime) -> EmailMessage:
    lang = "en" if mail.lang == "en" else "ko"
    message = EmailMessage()
    username, _, domain = config.from_address.rpartition("@")
    message["From"] = Address(display_name=load_notification_prompts(lang).sender_name, username=username,
                              domain=domain)
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(mail, config.domain)
    # RFC 3834: no vacation replies or other automatic answers to a notification.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.body)
    # After set_content, which replaces every Content-* header.
    message["Content-Language"] = lang
    return message


@lru_cache(maxsize=4)
def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """Made once: loading the CA certificates takes longer than sending a mail on a local relay."""
    return ssl.create_default_context(cafile=ca_file)


def deliver(message: EmailMessage, config: SmtpConfig) -> None:
    """One connection per mail: a long-running sender holds no connection the server may have dropped."""
    smtp: smtplib.SMTP
    if config.security == "tls":
        smtp = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout, context=tls_context(config.ca_file))
    else:
        smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    with smtp:
        if config.security == "starttls":
            smtp.starttls(context=tls_context(config.ca_file))
        if config.user:
            smtp.login(config.user, config.password.get_secret_value() if config.password else "")
        smtp.send_message(message)


def is_permanent(error: Exception) -> bool:
    """The server refused this mail itself (5xx for its recipient or content): trying again
    sends the same mail to the same refusal. Anything else (the connection, a 4xx, the
    login, a 5xx to the sender address) may pass once the server or the settings are fixed."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


def describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{code} {reply.decode(errors='replace')}" for code, reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"{error.smtp_code} {reply}"
    return f"{type(error).__name__}: {error}"


class Sender:
    def __init__(self, outbox: Outbox, notifier: Notifier, config: SmtpConfig, *, clock: Clock = utc_now) -> None:
        if outbox.policy.lease_seconds < LEASE_PER_TIMEOUT * config.timeout:
            raise MailNotConfigured(f"INTAKE_NOTIFY_LEASE_SECONDS must be at least {LEASE_PER_TIMEOUT} times "
                                    "INTAKE_SMTP_TIMEOUT_SECONDS")
        self._outbox = outbox
        self._notifier = notifier
        self._config = config
        self._clock = clock

    @classmethod
    def from_settings(cls, outbox: Outbox, settings: Settings) -> "Sender":
        return cls(outbox, Notifier.from_settings(settings), SmtpConfig.from_settings(settings))

    def run_once(self, stop: threading.Event | None = None) -> RunReport:
        """Queues the day's digests when they are due, then sends every mail due now; stops
        early (between two mails) when `stop` is set."""
        report = RunReport(digests_queued=self._outbox.queue_digests(self._notifier))
        while stop is None or not stop.is_set():
            mail = self._outbox.claim()
            if mail is None:
                break
            self._send(mail, report)
        return report

    def run(self, stop: threading.Event, *, poll_seconds: float) -> None:
        """A worker: a pass every `poll_seconds` until `stop` is set. A pass that fails (the
        database restarting) is logged and tried again at the next poll."""
        while not stop.is_set():
            try:
                report = self.run_once(stop)
            except Exception:
                log.exception("notification pass failed; trying again in %s s", poll_seconds)
            else:
                if report != RunReport():
                    log.info("notifications: %s", report.summary())
            stop.wait(poll_seconds)

    def _send(self, mail: Outgoing, report: RunReport) -> None:
        try:
            deliver(build_message(mail, self._config, now=self._clock()), self._config)
        except (smtplib.SMTPException, OSError) as error:
            status = self._outbox.mark_failed(mail, describe(error), permanent=is_permanent(error))
            log.warning("notification %s attempt %s: %s (%s)", mail.id, mail.attempts, describe(error), status)
            if status == "failed":
                report.failed += 1
            else:
                report.retried += 1
            return
        if not self._outbox.mark_sent(mail):
            log.warning("notification %s was sent after its lease ran out; another sender may send it again",
                        mail.id)
        report.sent += 1
