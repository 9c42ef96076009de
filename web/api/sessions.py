"""The chat API (contracts.md §5): create or resume a session, post a message, switch the
language, read the state.

Every request that changes state is checked in this order: the bearer token, the Origin
(only this service's pages or the session's partner), the size, the rate limit. Error
messages an owner may see are in the session's language (prompts/errors)."""

from collections.abc import Callable, Collection
from typing import Annotated

from fastapi import APIRouter, Header, Path, Request

from application.partners.schemas import Partner
from application.runtime import Runtime
from assistant.decision.owner import OwnerCopy
from assistant.state import DialogueState
from prompts import Lang
from web.api.session_schemas import (
    MAX_TEXT,
    Answer,
    Created,
    LanguageChange,
    NewMessage,
    NewSession,
    Resumed,
    ResumeRequest,
    SessionView,
    SlotView,
    TranscriptView,
)
from web.deps import RuntimeDep
from web.errors import (
    BearerMissing,
    MessagesRateLimited,
    OriginNotAllowed,
    RateLimited,
    ResumeRateLimited,
    SessionsRateLimited,
    TooLarge,
    error_responses,
)
from web.locale import answer_in, request_lang
from web.ratelimit import RateLimiter, RateLimiterDep, Scope, client_address
from web.security import refused_origin

router = APIRouter(prefix="/api/sessions", responses=error_responses(400, 422))

SessionId = Annotated[str, Path(min_length=1, max_length=64)]
Authorization = Annotated[str | None, Header()]
_THROTTLED: dict[Scope, type[RateLimited]] = {
    "sessions": SessionsRateLimited, "messages": MessagesRateLimited, "resume": ResumeRateLimited,
}


def bearer(authorization: str | None) -> str:
    if not authorization or not authorization.lower().startswith("bearer ") or not authorization[7:].strip():
        raise BearerMissing()
    return authorization[7:].strip()


def _refuse_foreign(request: Request, partner: Partner | None) -> None:
    """403 for a state change sent from a foreign page (a browser names it in Origin)."""
    refused = refused_origin(request, partner)
    if refused is not None:
        raise OriginNotAllowed(refused)


def _throttle(request: Request, limiter: RateLimiter, scope: Scope, key: str, lang: Callable[[], Lang]) -> None:
    """429 with Retry-After once `key` is past the scope's limit; `lang` is asked only then,
    since finding a session's language means replaying it."""
    retry_after = limiter.hit(scope, key)
    if retry_after is not None:
        answer_in(request, lang())
        raise _THROTTLED[scope](retry_after)


def _session_lang(runtime: Runtime, session_id: str) -> Callable[[], Lang]:
    return lambda: runtime.chat.replay_session(session_id).lang


def _authorised(request: Request, runtime: Runtime, session_id: str, authorization: str | None) -> str:
    """The bearer token, once it opens the session and the request's Origin may use it."""
    token = bearer(authorization)
    partner_key = runtime.chat.authorise(session_id=session_id, token=token)
    if request.headers.get("origin") is not None:
        _refuse_foreign(request, runtime.partners.get(partner_key) if partner_key else None)
    return token


@router.post("", status_code=201, response_model=Created, responses=error_responses(403, 404, 413, 429))
def create_session(request: Request, runtime: RuntimeDep, limiter: RateLimiterDep, body: NewSession) -> Created:
    lang = body.lang if "lang" in body.model_fields_set else request_lang(request)
    answer_in(request, lang)
    _throttle(request, limiter, "sessions", client_address(request), lambda: lang)
    partner = runtime.partners.active(body.partner) if body.partner else None
    _refuse_foreign(request, partner)
    started = runtime.chat.start(lang=body.lang, partner=body.partner)
    return Created(session_id=started.session_id, token=started.token, turn=started.turn,
                   resume_code=started.resume_code)


@router.post("/resume", response_model=Resumed, responses=error_responses(403, 404, 413, 429, 503))
def resume_session(request: Request, runtime: RuntimeDep, limiter: RateLimiterDep, body: ResumeRequest) -> Resumed:
    """A new token for the session a resume code belongs to. Only this service's own pages
    may send it: a code opens the whole transcript."""
    lang = request_lang(request, body.lang)
    answer_in(request, lang)
    _refuse_foreign(request, None)
    _throttle(request, limiter, "resume", client_address(request), lambda: lang)
    resumed = runtime.chat.resume(code=body.code)
    return Resumed(session_id=resumed.session_id, token=resumed.token)


@router.post("/{session_id}/messages", response_model=Answer,
             responses=error_responses(401, 403, 404, 409, 413, 429))
def post_message(
    request: Request,
    runtime: RuntimeDep,
    limiter: RateLimiterDep,
    session_id: SessionId,
    body: NewMessage,
    authorization: Authorization = None,
) -> Answer:
    token = _authorised(request, runtime, session_id, authorization)
    if len(body.text) > MAX_TEXT:
        answer_in(request, _session_lang(runtime, session_id)())
        raise TooLarge(MAX_TEXT)
    _throttle(request, limiter, "messages", session_id, _session_lang(runtime, session_id))
    turn = runtime.chat.post(session_id=session_id, token=token, client_message_id=body.client_message_id,
                             text=body.text)
    return Answer(turn=turn)


@router.post("/{session_id}/language", response_model=Answer,
             responses=error_responses(401, 403, 404, 409, 413, 429))
def change_language(
    request: Request,
    runtime: RuntimeDep,
    limiter: RateLimiterDep,
    session_id: SessionId,
    body: LanguageChange,
    authorization: Authorization = None,
) -> Answer:
    """Switches the conversation to `lang`; everything said and answered so far stays."""
    token = _authorised(request, runtime, session_id, authorization)
    _throttle(request, limiter, "messages", session_id, _session_lang(runtime, session_id))
    answer_in(request, body.lang)
    turn = runtime.chat.change_language(session_id=session_id, token=token, lang=body.lang)
    return Answer(turn=turn)


def _transcript(state: DialogueState, askable: Collection[str]) -> list[TranscriptView]:
    """Each owner message with the slots it set, so a page can offer `fix:<slot>` on it. Only
    slots the intake asks about: a value implied from an answer (the firm's stage from its
    founding year) is fixed by fixing that answer."""
    set_by: dict[str, list[str]] = {}
    for slot, value in state.slots.items():
        if value.source_message is not None and slot in askable:
            set_by.setdefault(value.source_message, []).append(slot)
    return [
        TranscriptView(
            role=line.role,
            text=line.text,
            at=line.at.isoformat(),
            message_id=line.message_id if line.role == "owner" else None,
            slots=set_by.get(line.message_id, []) if line.role == "owner" and line.message_id else [],
        )
        for line in state.transcript
    ]


@router.get("/{session_id}", response_model=SessionView, responses=error_responses(401, 403, 404))
def read_session(runtime: RuntimeDep, session_id: SessionId, authorization: Authorization = None) -> SessionView:
    snapshot = runtime.chat.snapshot(session_id=session_id, token=bearer(authorization))
    state: DialogueState = snapshot.state
    return SessionView(
        lang=state.lang,
        slots={
            slot: SlotView(value=v.value, status=v.status, raw_text=v.raw_text, source_message=v.source_message)
            for slot, v in state.slots.items()
        },
        expecting=None if state.finished else state.expecting,
        brief_ready=state.brief_ready,
        transcript=_transcript(state, runtime.engine.flow.by_id),
        turn=snapshot.turn,
        partner=state.partner,
        finished=state.finished,
    )


@router.get("/{session_id}/owner-copy", response_model=OwnerCopy, responses=error_responses(401, 403, 404, 409))
def read_owner_copy(runtime: RuntimeDep, session_id: SessionId, authorization: Authorization = None) -> OwnerCopy:
    """The owner's own short result: readiness, the best programs with why, the next step.
    No contact data, no mentors, nothing about other firms."""
    state = runtime.chat.finished_state(session_id=session_id, token=bearer(authorization))
    return runtime.cases.owner_copy(session_id, state)
