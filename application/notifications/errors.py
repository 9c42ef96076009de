"""What the notification services refuse."""

from application.errors import AppError


class NotificationError(AppError):
    pass


class MailNotConfigured(NotificationError):
    """The sender needs an SMTP server and a From address; without them mail waits in the outbox."""

    code = "mail_not_configured"
    status = 503

    def __init__(self, missing: str) -> None:
        super().__init__(f"mail delivery is not configured: {missing}")
