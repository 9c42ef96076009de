"""The one error base of the service. Every feature's `errors.py` subclasses `AppError`, and its
services raise only those subclasses, so a caller (web/, the CLI) handles one kind of failure.

Each class names its failure once: `code` is the stable, snake_case name a client sees in
`{"error": {"code", "message"}}`, `status` the HTTP status web/ answers with. `message` is the
operator's English sentence (logs, the CLI); the words a user reads come from
prompts/errors/<lang>.yaml under `text_key()` (the code, unless two classes share a code but
not a meaning), filled in with `values`."""

from collections.abc import Mapping
from typing import ClassVar


class AppError(Exception):
    code: ClassVar[str] = "error"
    status: ClassVar[int] = 400
    # The prompts/errors key when it is not the code (a code several classes answer with).
    text: ClassVar[str | None] = None
    # The {placeholders} its text may use; `values` fills them in.
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, message: str, *, values: Mapping[str, object] | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        # What the localised text's {placeholders} are filled in with.
        self.values: dict[str, object] = dict(values or {})
        # Extra HTTP headers of the answer (Retry-After, Vary).
        self.headers: dict[str, str] = dict(headers or {})

    @classmethod
    def text_key(cls) -> str:
        return cls.text or cls.code


class NaiveTime(AppError):
    """A time without a zone where the service compares times across zones (the store keeps
    UTC, working days are Korean days): a naive one could be the server's, Korea's or UTC."""

    code = "naive_time"
    status = 500

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} must be timezone-aware")
