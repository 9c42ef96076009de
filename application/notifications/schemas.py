"""What crosses the notifications boundary: the kinds of mail, a queued mail, a mail a sender
has claimed, the SMTP configuration, the delivery policy and what a sender run did."""

from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from application.accounts.schemas import check_email
from application.notifications.errors import MailNotConfigured
from application.notifications.models import SUBJECT_MAX
from application.settings import Settings, SmtpSecurity

Status = Literal["pending", "sent", "failed"]
STATUSES: tuple[Status, ...] = ("pending", "sent", "failed")
DEFAULT_PORTS: dict[SmtpSecurity, int] = {"none": 25, "starttls": 587, "tls": 465}


class Kind(StrEnum):
    case_received = "case_received"
    handed_over = "handed_over"  # the owner's confirmation
    assigned = "assigned"
    handed_back = "handed_back"
    expert_asked = "expert_asked"
    overdue_digest = "overdue_digest"


class Mail(BaseModel):
    """A mail as it is queued: rendered, addressed, with the key that makes it one of a kind."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(max_length=200)
    kind: Kind
    case_id: str | None
    recipient_id: str | None
    to_address: str
    personal: bool = False
    lang: str
    subject: str
    body: str

    @field_validator("subject")
    @classmethod
    def _one_short_line(cls, value: str) -> str:
        """A subject made with a company's name as the owner typed it must neither break the
        header (a line break) nor the column, nor ever fail the case event it is queued with."""
        line = " ".join(value.split())
        return line if len(line) <= SUBJECT_MAX else line[:SUBJECT_MAX - 1] + "…"


class Outgoing(BaseModel):
    """A mail a sender has claimed: the lease's token proves the claim when it records the outcome."""

    model_config = ConfigDict(frozen=True)

    id: int
    key: str
    token: str
    to_address: str
    lang: str
    subject: str
    body: str
    attempts: int


class OutboxCounts(BaseModel):
    pending: int = 0
    # Pending mails a sender holds right now (claimed, lease not over).
    sending: int = 0
    sent: int = 0
    failed: int = 0


class FailedMail(BaseModel):
    id: int
    kind: str
    case_id: str | None
    attempts: int
    last_error: str | None


class RunReport(BaseModel):
    """What one pass over the outbox did."""

    digests_queued: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0

    def summary(self) -> str:
        return (f"{self.sent} sent, {self.retried} to retry, {self.failed} failed, "
                f"{self.digests_queued} digests queued")


class SmtpConfig(BaseModel):
    model_config = ConfigDict(frozen=True)

    host: str
    port: int
    security: SmtpSecurity
    user: str | None
    password: SecretStr | None
    timeout: float
    from_address: str
    ca_file: Path | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> "SmtpConfig":
        if not settings.smtp_host:
            raise MailNotConfigured("set INTAKE_SMTP_HOST")
        if not settings.mail_from:
            raise MailNotConfigured("set INTAKE_MAIL_FROM")
        try:
            from_address = check_email(settings.mail_from)
        except ValueError:
            raise MailNotConfigured(f"INTAKE_MAIL_FROM {settings.mail_from!r} is not an address") from None
        return cls(host=settings.smtp_host, port=settings.smtp_port or DEFAULT_PORTS[settings.smtp_security],
                   security=settings.smtp_security, user=settings.smtp_user, password=settings.smtp_password,
                   timeout=settings.smtp_timeout_seconds, from_address=from_address, ca_file=settings.smtp_ca_file)

    @property
    def domain(self) -> str:
        return self.from_address.rpartition("@")[2]


class DeliveryPolicy(BaseModel):
    """Retries with exponential back-off, and how long a claim lasts."""

    model_config = ConfigDict(frozen=True)

    max_attempts: int = Field(default=8, ge=1)
    retry_seconds: int = Field(default=60, ge=1)
    retry_max_seconds: int = Field(default=6 * 3600, ge=1)
    lease_seconds: int = Field(default=300, ge=1)

    @classmethod
    def from_settings(cls, settings: Settings) -> "DeliveryPolicy":
        return cls(max_attempts=settings.notify_max_attempts, retry_seconds=settings.notify_retry_seconds,
                   retry_max_seconds=settings.notify_retry_max_seconds, lease_seconds=settings.notify_lease_seconds)

    def backoff(self, attempts: int) -> timedelta:
        """The wait after the `attempts`-th failed attempt: 1, 2, 4, … times `retry_seconds`, capped."""
        return timedelta(seconds=min(self.retry_seconds * 2 ** max(attempts - 1, 0), self.retry_max_seconds))

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.lease_seconds)
