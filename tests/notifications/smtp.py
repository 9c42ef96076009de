"""A real SMTP server for the tests (aiosmtpd on a loopback port) that keeps what it receives
and can refuse on request: the next DATA commands with a given reply, some recipients for good."""

import socket
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def to(self) -> str:
        return str(self.message["To"])

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    @property
    def body(self) -> str:
        part = self.message.get_body(("plain",))
        assert part is not None
        return str(part.get_content())  # type: ignore[attr-defined]


@dataclass
class Inbox:
    """The server's handler: what arrived, and how to refuse."""

    received: list[Received] = field(default_factory=list)
    # Replies to the next DATA commands instead of accepting, e.g. "451 4.3.0 Try again later".
    refusals: deque[str] = field(default_factory=deque)
    # Recipients refused for good (550) at RCPT.
    refused_recipients: set[str] = field(default_factory=set)
    # Called with the message just before it is accepted; its return is ignored.
    before_accept: Callable[[Received], object] | None = None
    # Called when a client says QUIT (after reading every reply).
    on_quit: Callable[[], object] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if address in self.refused_recipients:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            if self.refusals:
                return self.refusals.popleft()
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        received = Received(mail_from=envelope.mail_from, rcpt_tos=list(envelope.rcpt_tos), message=message)
        if self.before_accept:
            self.before_accept(received)
        with self.lock:
            self.received.append(received)
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server: Any, session: Any, envelope: Any) -> str:
        if self.on_quit:
            self.on_quit()
        return "221 Bye"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class SmtpServer:
    """`options` go to aiosmtpd: ssl_context (implicit TLS), tls_context and require_starttls,
    authenticator."""

    def __init__(self, **options: Any) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **options)

    def __enter__(self) -> "SmtpServer":
        self._controller.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._controller.stop()
