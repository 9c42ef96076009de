"""What rendering a brief refuses."""

from application.errors import AppError


class UnknownFormat(AppError):
    code = "unknown_format"
    status = 422

    def __init__(self, format: str, known: tuple[str, ...]) -> None:
        super().__init__(f"unknown format {format!r}; expected one of {', '.join(known)}")
