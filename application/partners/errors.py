"""What the partners service refuses."""

from typing import ClassVar

from application.errors import AppError


class PartnerError(AppError):
    pass


class UnknownPartner(PartnerError):
    """No partner has this key, or its widget is disabled: the two look the same to a caller."""

    code = "unknown_partner"
    status = 404
    placeholders: ClassVar[frozenset[str]] = frozenset({"key"})

    def __init__(self, key: str) -> None:
        super().__init__(f"no active partner {key!r}", values={"key": key})
        self.key = key
