"""What crosses the chat boundary: a started or resumed session and a session shown again."""

from pydantic import BaseModel, ConfigDict

from assistant.state import DialogueState
from assistant.turns import Turn


class StartedSession(BaseModel):
    model_config = ConfigDict(frozen=True)

    session_id: str
    token: str
    turn: Turn
    resume_code: str


class ResumedSession(BaseModel):
    model_config = ConfigDict(frozen=True)

    session_id: str
    token: str


class SessionSnapshot(BaseModel):
    """What a page needs to show a session again: its state and the assistant's last turn
    exactly as it was sent (with its options)."""

    model_config = ConfigDict(frozen=True)

    state: DialogueState
    turn: Turn | None
