"""Chat sessions: the engine's steps, stored durably. Every acknowledged turn is committed
before it is returned, so a restart resumes exactly where the owner left off."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from assistant.engine import Engine
from assistant.events import event_from_dict, event_to_dict
from assistant.state import DialogueState
from assistant.turns import Turn
from intake.store import sessions
from intake.store.errors import SessionNotFound
from intake.store.service import post_message
from prompts import Lang

START_MESSAGE_ID = "__start__"


class ChatError(Exception):
    """A chat request that cannot be served; `code` names why (see web/errors.py)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class StartedSession:
    session_id: str
    token: str
    turn: Turn


# Called once a conversation has finished with consent: (session id, state) -> case id.
OnReady = Callable[[str, DialogueState], str]


class ChatService:
    def __init__(
        self,
        engine: Engine,
        writer: sessionmaker[Session],
        reader: sessionmaker[Session],
        on_ready: OnReady | None = None,
    ) -> None:
        self.engine = engine
        self._writer = writer
        self._reader = reader
        self._on_ready = on_ready

    def start(self, *, lang: Lang, partner: str | None) -> StartedSession:
        step = self.engine.start(lang, partner)
        token = sessions.new_token()
        with self._writer.begin() as db:
            row = sessions.create_session(db, lang=lang, partner=partner, token=token)
            sessions.append(
                db,
                session_id=row.id,
                expected_seq=0,
                events=[event_to_dict(e) for e in step.events],
                client_message_id=START_MESSAGE_ID,
                turn=step.turn.model_dump(mode="json"),
            )
            session_id = row.id
        return StartedSession(session_id=session_id, token=token, turn=step.turn)

    def _authorise(self, session_id: str, token: str) -> None:
        with self._reader() as db:
            row = sessions.get_session(db, session_id=session_id)
            if row is None:
                raise ChatError("not_found", "No such chat session.")
            if not sessions.verify_token(row, token):
                raise ChatError("forbidden", "This token does not belong to the session.")

    def post(self, *, session_id: str, token: str, client_message_id: str, text: str) -> Turn:
        self._authorise(session_id, token)

        def handle(stored: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
            state = self.replay(stored)
            step = self.engine.advance(state, text, message_id=client_message_id)
            return [event_to_dict(e) for e in step.events], step.turn.model_dump(mode="json")

        try:
            turn, _ = post_message(
                self._writer, session_id=session_id, client_message_id=client_message_id, handle=handle
            )
        except SessionNotFound as exc:
            raise ChatError("not_found", "No such chat session.") from exc
        answer = Turn.model_validate(turn)
        # After the turn is committed, so the slow brief never holds the session's write lock;
        # a resend of the same message after a crash here creates the case then.
        if answer.brief_ready and self._on_ready is not None:
            self._on_ready(session_id, self.replay_session(session_id))
        return answer

    def state(self, *, session_id: str, token: str) -> DialogueState:
        self._authorise(session_id, token)
        with self._reader() as db:
            return self.replay(sessions.load_events(db, session_id=session_id))

    def finished_state(self, *, session_id: str, token: str) -> DialogueState:
        """The state of a conversation that has ended (consent given or refused)."""
        state = self.state(session_id=session_id, token=token)
        if not state.finished:
            raise ChatError("not_ready", "The conversation has not finished yet.")
        return state

    def replay_session(self, session_id: str) -> DialogueState:
        """The state of a session without its token: for the agency's own tools."""
        with self._reader() as db:
            return self.replay(sessions.load_events(db, session_id=session_id))

    @staticmethod
    def replay(stored: list[dict[str, Any]]) -> DialogueState:
        return DialogueState.replay(event_from_dict(e) for e in stored)
