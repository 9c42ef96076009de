"""What the chat service and its store refuse; web/ answers each with its status."""

from typing import ClassVar

from application.errors import AppError


class ChatError(AppError):
    pass


class SessionNotFound(ChatError):
    code = "not_found"
    status = 404

    def __init__(self, session_id: str) -> None:
        super().__init__(f"no chat session {session_id!r}")
        self.session_id = session_id


class TokenRefused(ChatError):
    """The bearer token does not open this session."""

    code = "forbidden"
    status = 403

    def __init__(self) -> None:
        super().__init__("This token does not belong to the session.")


class NotFinished(ChatError):
    code = "not_ready"
    status = 409

    def __init__(self) -> None:
        super().__init__("The conversation has not finished yet.")


class UnknownResumeCode(ChatError):
    """No session active within `days` has this code (or it cannot be a code at all)."""

    code = "unknown_resume_code"
    status = 404
    placeholders: ClassVar[frozenset[str]] = frozenset({"days"})

    def __init__(self, days: int) -> None:
        super().__init__("No active chat session has this resume code.", values={"days": days})


class NoFreeResumeCode(ChatError):
    code = "no_free_resume_code"
    status = 503

    def __init__(self, draws: int) -> None:
        super().__init__(f"no free resume code after {draws} draws")


class InvalidEvent(ChatError):
    """A message id or an event the store cannot record (the API checks both before)."""

    code = "invalid_input"
    status = 422
    text = "invalid_event"


class ConcurrentUpdate(ChatError):
    """Another writer appended to the session since its events were read; reload and try again."""

    code = "concurrent_update"
    status = 409

    def __init__(self, session_id: str, expected_seq: int) -> None:
        super().__init__(f"chat session {session_id!r} moved past seq {expected_seq}")
        self.session_id = session_id
        self.expected_seq = expected_seq


class DuplicateMessage(ChatError):
    """The client message was already recorded; its stored turn is the answer."""

    code = "duplicate_message"
    status = 409

    def __init__(self, session_id: str, client_message_id: str) -> None:
        super().__init__(f"message {client_message_id!r} already recorded in chat session {session_id!r}")
        self.session_id = session_id
        self.client_message_id = client_message_id
