"""Store errors; the web layer turns them into HTTP answers, so nothing here knows about HTTP."""


class StoreError(Exception):
    pass


class SessionNotFound(StoreError):
    def __init__(self, session_id: str) -> None:
        super().__init__(f"no chat session {session_id!r}")
        self.session_id = session_id


class ConcurrentUpdate(StoreError):
    """Another writer appended to the session since its events were read; reload and try again."""

    def __init__(self, session_id: str, expected_seq: int) -> None:
        super().__init__(f"chat session {session_id!r} moved past seq {expected_seq}")
        self.session_id = session_id
        self.expected_seq = expected_seq


class DuplicateMessage(StoreError):
    """The client message was already recorded; its stored turn is the answer."""

    def __init__(self, session_id: str, client_message_id: str) -> None:
        super().__init__(f"message {client_message_id!r} already recorded in chat session {session_id!r}")
        self.session_id = session_id
        self.client_message_id = client_message_id
