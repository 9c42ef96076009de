"""Creating and reading cases: a consented conversation becomes a case holding its needs
brief; the brief is rebuilt only on request; the owner sees a short copy of it."""

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from application.cases.columns import filter_columns
from application.cases.errors import BriefsUnavailable, CaseNotFound, ConversationNotReady
from application.cases.models import CaseRow, new_case_id
from application.notifications.service import Notifier
from application.settings import Settings
from application.store.database import session_factory
from application.store.migrate import migrated_engine
from assistant.decision.brief import NeedsBrief, build_brief
from assistant.decision.owner import OwnerCopy, owner_copy
from assistant.state import DialogueState
from knowledge.loader import KnowledgeBase
from knowledge.roster import MentorEntry
from retrieval import Retriever

# Builds the brief of a finished conversation: (state, session id, case id) -> brief.
BriefBuilder = Callable[[DialogueState, str, str | None], NeedsBrief]


def brief_builder(kb: KnowledgeBase, search: Retriever, roster: list[MentorEntry]) -> BriefBuilder:
    """Briefs from the live knowledge base, search and roster (objects that staff edits update
    in place, so a brief made after an edit sees it)."""

    def build(state: DialogueState, session_id: str, case_id: str | None) -> NeedsBrief:
        consent = state.consent
        return build_brief(
            slots=state.slots,
            lang=state.lang,
            session_id=session_id,
            case_id=case_id,
            created_at=datetime.now(UTC),
            partner=state.partner,
            consent_given_at=consent.at if consent and consent.given else None,
            consent_text_version=consent.text_version if consent else None,
            consent_optional_items=state.optional_consent_given,
            kb=kb,
            search=search,
            roster=roster,
            open_load={},
        )

    return build


class CaseService:
    def __init__(self, writer: sessionmaker[Session], *, build: BriefBuilder | None = None,
                 contact_days: int, notifier: Notifier | None = None) -> None:
        self._writer = writer
        self._build = build
        # Queues the new case's mails in the transaction that creates it; None sends none.
        self._notifier = notifier
        # Working days within which a mentor contacts the owner (what the owner is told).
        self.contact_days = contact_days

    @classmethod
    def open(cls, settings: Settings) -> "CaseService":
        """For the command line: reads cases without loading the knowledge base."""
        return cls(session_factory(migrated_engine(settings.effective_database_url)),
                   contact_days=settings.mentor_contact_working_days)

    def build_brief(self, state: DialogueState, session_id: str, case_id: str | None) -> NeedsBrief:
        if self._build is None:
            raise BriefsUnavailable()
        return self._build(state, session_id, case_id)

    def ensure_case(self, session_id: str, state: DialogueState) -> str:
        """The case of a finished, consented session, created on first call. Idempotent, so
        a retry after a crash between the chat turn and this call loses nothing."""
        if not state.brief_ready:
            raise ConversationNotReady()
        existing = self.case_for_session(session_id)
        if existing is not None:
            return existing
        case_id = new_case_id()
        brief = self.build_brief(state, session_id, case_id)
        try:
            with self._writer.begin() as db:
                row = CaseRow(id=case_id, session_id=session_id, partner=state.partner, lang=state.lang,
                              kb_version=brief.kb_version, brief=brief.model_dump(mode="json"),
                              consent_version=state.consent.text_version if state.consent else None,
                              **filter_columns(brief).model_dump())
                db.add(row)
                if self._notifier:
                    self._notifier.case_received(db, row, brief)
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
                raise CaseNotFound(case_id)
            return NeedsBrief.model_validate(row.brief)

    def regenerate(self, case_id: str, state: DialogueState) -> NeedsBrief:
        """A new brief from the current knowledge base and roster, on request only."""
        with self._writer.begin() as db:
            row = db.get(CaseRow, case_id)
            if row is None:
                raise CaseNotFound(case_id)
            brief = self.build_brief(state, row.session_id, case_id)
            row.brief = brief.model_dump(mode="json")
            row.kb_version = brief.kb_version
            for column, value in filter_columns(brief).model_dump().items():
                setattr(row, column, value)
            row.updated_at = datetime.now(UTC)
        return brief

    def owner_copy(self, session_id: str, state: DialogueState) -> OwnerCopy:
        """The owner's short version: from the case's brief when one was made, otherwise
        (consent refused) from a brief built on the spot and kept nowhere."""
        case_id = self.case_for_session(session_id)
        brief = self.get_brief(case_id) if case_id else self.build_brief(state, session_id, None)
        return owner_copy(brief, contact_days=self.contact_days, handed_over=state.brief_ready)

    def rank(self, state: DialogueState) -> tuple[list[str], list[str]]:
        """Program and vendor slugs a finished conversation leads to, best first; programs
        that are ineligible are left out (the conversation evaluation's ranking)."""
        return self.build_brief(state, "evaluation", None).top_slugs()
