"""Chat sessions: the engine's steps, stored durably. Every acknowledged turn is committed
before it is returned, so a restart resumes exactly where the owner left off."""

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from application.chat import repository
from application.chat.errors import NotFinished, SessionNotFound, TokenRefused, UnknownResumeCode
from application.chat.posting import post_message
from application.chat.schemas import ResumedSession, SessionSnapshot, StartedSession
from application.store.group_commit import group_commit
from application.store.models import utc_now
from assistant.engine import Engine, Step
from assistant.events import BotUttered, event_from_dict, event_to_dict
from assistant.state import DialogueState
from assistant.turns import Turn
from prompts import Lang

START_MESSAGE_ID = "__start__"
# Language switches are stored like messages; their ids cannot clash with a client's uuids.
LANGUAGE_MESSAGE_PREFIX = "__language__"
# A resume code opens a session only while its conversation was active within this many days:
# the code is all it takes to read the transcript, contact details included.
RESUME_CODE_DAYS = 30


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
        token = repository.new_token()

        def record(db: Session) -> tuple[str, str]:
            row = repository.create_session(db, lang=lang, partner=partner, token=token)
            repository.append(
                db,
                session_id=row.id,
                expected_seq=0,
                events=[event_to_dict(e) for e in step.events],
                client_message_id=START_MESSAGE_ID,
                turn=step.turn.model_dump(mode="json"),
            )
            return row.id, repository.assign_resume_code(db, session_id=row.id)

        session_id, code = group_commit(self._writer).run(record)
        return StartedSession(session_id=session_id, token=token, turn=step.turn,
                              resume_code=repository.format_resume_code(code))

    def resume(self, *, code: str) -> ResumedSession:
        """A new bearer token for the session a resume code belongs to (another device); the
        tokens issued before keep working."""
        normalised = repository.normalise_resume_code(code)
        if normalised is None:
            raise UnknownResumeCode(RESUME_CODE_DAYS)
        token = repository.new_token()
        with self._writer.begin() as db:
            row = repository.find_by_resume_code(
                db, code=normalised, active_since=utc_now() - timedelta(days=RESUME_CODE_DAYS)
            )
            if row is None:
                raise UnknownResumeCode(RESUME_CODE_DAYS)
            repository.grant_access(db, session_id=row.id, token=token)
            session_id = row.id
        return ResumedSession(session_id=session_id, token=token)

    def authorise(self, *, session_id: str, token: str) -> str | None:
        """Checks the token and returns the session's partner key."""
        with self._reader() as db:
            row = repository.get_session(db, session_id=session_id)
            if row is None:
                raise SessionNotFound(session_id)
            if not repository.grants_access(db, row, token):
                raise TokenRefused()
            return row.partner

    def post(self, *, session_id: str, token: str, client_message_id: str, text: str) -> Turn:
        self.authorise(session_id=session_id, token=token)
        answer = self._record(session_id, client_message_id,
                              lambda state: self.engine.advance(state, text, message_id=client_message_id))
        # After the turn is committed, so the slow brief never holds the session's write lock;
        # a resend of the same message after a crash here creates the case then.
        if answer.brief_ready and self._on_ready is not None:
            self._on_ready(session_id, self.replay_session(session_id))
        return answer

    def change_language(self, *, session_id: str, token: str, lang: Lang) -> Turn:
        """Switches the conversation's language; slots and transcript stay as they are."""
        self.authorise(session_id=session_id, token=token)
        message_id = f"{LANGUAGE_MESSAGE_PREFIX}{uuid.uuid4().hex}"
        return self._record(session_id, message_id, lambda state: self.engine.change_language(state, lang))

    def _record(self, session_id: str, message_id: str, step: Callable[[DialogueState], Step]) -> Turn:
        def handle(stored: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
            taken = step(self.replay(stored))
            return [event_to_dict(e) for e in taken.events], taken.turn.model_dump(mode="json")

        turn, _ = post_message(self._writer, self._reader, session_id=session_id, client_message_id=message_id, handle=handle)
        return Turn.model_validate(turn)

    def state(self, *, session_id: str, token: str) -> DialogueState:
        self.authorise(session_id=session_id, token=token)
        with self._reader() as db:
            return self.replay(repository.load_events(db, session_id=session_id))

    def snapshot(self, *, session_id: str, token: str) -> SessionSnapshot:
        self.authorise(session_id=session_id, token=token)
        with self._reader() as db:
            events = [event_from_dict(e) for e in repository.load_events(db, session_id=session_id)]
        last = next((e for e in reversed(events) if isinstance(e, BotUttered)), None)
        return SessionSnapshot(state=DialogueState.replay(events),
                               turn=Turn.model_validate(last.turn) if last is not None else None)

    def finished_state(self, *, session_id: str, token: str) -> DialogueState:
        """The state of a conversation that has ended (consent given or refused)."""
        state = self.state(session_id=session_id, token=token)
        if not state.finished:
            raise NotFinished()
        return state

    def replay_session(self, session_id: str) -> DialogueState:
        """The state of a session without its token: for the agency's own tools."""
        with self._reader() as db:
            return self.replay(repository.load_events(db, session_id=session_id))

    @staticmethod
    def replay(stored: list[dict[str, Any]]) -> DialogueState:
        return DialogueState.replay(event_from_dict(e) for e in stored)
