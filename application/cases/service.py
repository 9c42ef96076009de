"""Cases: a consented conversation becomes a case (status `new`) holding its needs brief."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from application.cases.columns import filter_columns
from application.cases.models import CaseRow, new_case_id
from application.settings import Settings
from application.store.database import make_engine, session_factory
from application.store.migrate import upgrade_database
from assistant.decision.brief import NeedsBrief
from assistant.state import DialogueState

# Builds the brief of a finished conversation: (state, session id, case id) -> brief.
BriefBuilder = Callable[[DialogueState, str, str | None], NeedsBrief]


class CaseService:
    def __init__(self, writer: sessionmaker[Session], build: BriefBuilder | None = None) -> None:
        self._writer = writer
        self._build = build

    @classmethod
    def open(cls, settings: Settings, build: BriefBuilder | None = None) -> "CaseService":
        url = settings.effective_database_url
        upgrade_database(url)
        return cls(session_factory(make_engine(url)), build)

    def ensure_case(self, session_id: str, state: DialogueState) -> str:
        """The case of a finished, consented session, created on first call. Idempotent, so
        a retry after a crash between the chat turn and this call loses nothing."""
        if not state.brief_ready:
            raise ValueError("a case needs a finished conversation with consent")
        existing = self.case_for_session(session_id)
        if existing is not None:
            return existing
        if self._build is None:
            raise RuntimeError("this case service cannot build briefs")
        case_id = new_case_id()
        brief = self._build(state, session_id, case_id)
        try:
            with self._writer.begin() as db:
                db.add(CaseRow(id=case_id, session_id=session_id, partner=state.partner, lang=state.lang,
                               kb_version=brief.kb_version, brief=brief.model_dump(mode="json"),
                               consent_version=state.consent.text_version if state.consent else None,
                               **filter_columns(brief).model_dump()))
        except IntegrityError:
            # Another request created it first; that one is the case.
            found = self.case_for_session(session_id)
            if found is None:
                raise
            return found
        return case_id

    def case_for_session(self, session_id: str) -> str | None:
        with self._writer() as db:
            return db.scalar(select(CaseRow.id).where(CaseRow.session_id == session_id))

    def get_brief(self, case_id: str) -> NeedsBrief:
        with self._writer() as db:
            row = db.get(CaseRow, case_id)
            if row is None:
                raise KeyError(case_id)
            return NeedsBrief.model_validate(row.brief)

    def regenerate(self, case_id: str, state: DialogueState) -> NeedsBrief:
        """A new brief from the current knowledge base and roster, on request only."""
        if self._build is None:
            raise RuntimeError("this case service cannot build briefs")
        with self._writer.begin() as db:
            row = db.get(CaseRow, case_id)
            if row is None:
                raise KeyError(case_id)
            brief = self._build(state, row.session_id, case_id)
            row.brief = brief.model_dump(mode="json")
            row.kb_version = brief.kb_version
            for column, value in filter_columns(brief).model_dump().items():
                setattr(row, column, value)
            row.updated_at = datetime.now(UTC)
        return brief

    def list_cases(self) -> list[dict[str, Any]]:
        with self._writer() as db:
            rows = db.scalars(select(CaseRow).order_by(CaseRow.created_at)).all()
            return [{"id": r.id, "session_id": r.session_id, "status": r.status, "created_at": r.created_at,
                     "kb_version": r.kb_version, "partner": r.partner} for r in rows]
