"""What the personal-data services refuse."""

from application.errors import AppError


class PrivacyError(AppError):
    pass


class UnknownAccessKind(PrivacyError):
    """The access log records only the views it names (`AccessKind`)."""

    code = "unknown_access_kind"
    status = 422

    def __init__(self, what: str) -> None:
        super().__init__(f"no access kind {what!r}")
