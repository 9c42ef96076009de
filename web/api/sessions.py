"""The chat API (contracts.md §5): create a session, post a message, read the state."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Path
from pydantic import BaseModel, Field

from assistant.decision.owner import OwnerCopy
from assistant.turns import Turn
from intake.chat import ChatError, ChatService
from web.deps import RuntimeDep
from web.errors import ApiError

router = APIRouter(prefix="/api/sessions")

MAX_TEXT = 2000
SessionId = Annotated[str, Path(min_length=1, max_length=64)]
_STATUS = {"not_found": 404, "forbidden": 403, "not_ready": 409}


class NewSession(BaseModel):
    lang: Literal["ko", "en"] = "ko"
    partner: str | None = Field(default=None, max_length=64)


class Created(BaseModel):
    session_id: str
    token: str
    turn: Turn


class NewMessage(BaseModel):
    client_message_id: str = Field(min_length=1, max_length=100)
    text: str


class Answer(BaseModel):
    turn: Turn


class SlotView(BaseModel):
    value: Any
    status: str
    raw_text: str
    source_message: str | None


class TranscriptView(BaseModel):
    role: str
    text: str
    at: str


class SessionView(BaseModel):
    lang: str
    slots: dict[str, SlotView]
    expecting: str | None
    brief_ready: bool
    transcript: list[TranscriptView]


def _bearer(authorization: str | None) -> str:
    if not authorization or not authorization.lower().startswith("bearer ") or not authorization[7:].strip():
        raise ApiError(401, "unauthorized", "Send the session token as 'Authorization: Bearer <token>'.")
    return authorization[7:].strip()


def _call(chat: ChatService, method: str, **kwargs: Any) -> Any:
    try:
        return getattr(chat, method)(**kwargs)
    except ChatError as exc:
        raise ApiError(_STATUS.get(exc.code, 400), exc.code, exc.message) from exc


@router.post("", status_code=201, response_model=Created)
def create_session(runtime: RuntimeDep, body: NewSession) -> Created:
    started = runtime.chat.start(lang=body.lang, partner=body.partner)
    return Created(session_id=started.session_id, token=started.token, turn=started.turn)


@router.post("/{session_id}/messages", response_model=Answer)
def post_message(
    runtime: RuntimeDep,
    session_id: SessionId,
    body: NewMessage,
    authorization: Annotated[str | None, Header()] = None,
) -> Answer:
    token = _bearer(authorization)
    if len(body.text) > MAX_TEXT:
        raise ApiError(413, "too_large", f"A message can be at most {MAX_TEXT} characters.")
    turn = _call(runtime.chat, "post", session_id=session_id, token=token,
                 client_message_id=body.client_message_id, text=body.text)
    return Answer(turn=turn)


@router.get("/{session_id}", response_model=SessionView)
def read_session(
    runtime: RuntimeDep,
    session_id: SessionId,
    authorization: Annotated[str | None, Header()] = None,
) -> SessionView:
    state = _call(runtime.chat, "state", session_id=session_id, token=_bearer(authorization))
    expecting = None if state.finished else state.expecting
    return SessionView(
        lang=state.lang,
        slots={
            slot: SlotView(value=v.value, status=v.status, raw_text=v.raw_text, source_message=v.source_message)
            for slot, v in state.slots.items()
        },
        expecting=expecting,
        brief_ready=state.brief_ready,
        transcript=[TranscriptView(role=t.role, text=t.text, at=t.at.isoformat()) for t in state.transcript],
    )


@router.get("/{session_id}/owner-copy", response_model=OwnerCopy)
def read_owner_copy(
    runtime: RuntimeDep,
    session_id: SessionId,
    authorization: Annotated[str | None, Header()] = None,
) -> OwnerCopy:
    """The owner's own short result: readiness, the best programs with why, the next step.
    No contact data, no mentors, nothing about other firms."""
    state = _call(runtime.chat, "finished_state", session_id=session_id, token=_bearer(authorization))
    return runtime.owner_copy(session_id, state)
