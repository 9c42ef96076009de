"""Builds the long-lived parts (knowledge base, embedder, index, retriever) from settings,
once per process."""

from dataclasses import dataclass
from datetime import UTC, datetime

from langchain_core.embeddings import Embeddings

from assistant.answering import ServiceFacts, SideAnswerer
from assistant.decision.brief import NeedsBrief, build_brief
from assistant.decision.owner import OwnerCopy, owner_copy
from assistant.engine import Engine
from assistant.state import DialogueState
from intake.accounts import AccountService
from intake.cases import BriefBuilder, CaseService
from intake.casework.service import CaseworkService
from intake.chat import RESUME_CODE_DAYS, ChatService
from intake.kbadmin.live import LiveKnowledge, Shipped, effective_at_start
from intake.partners import PartnerService
from intake.privacy.access_log import AccessLog
from intake.settings import Settings
from intake.store.database import make_engine, session_factory
from intake.store.migrate import upgrade_database
from knowledge.loader import KnowledgeBase
from knowledge.roster import MentorEntry
from retrieval import Abstention, Retriever, SyncReport, VectorIndex, chroma_client, load_embedder
from retrieval.similarity import EmbeddingOptionMatcher
from retrieval.store import Progress


@dataclass
class Runtime:
    settings: Settings
    kb: KnowledgeBase
    embedder: Embeddings
    index: VectorIndex
    retriever: Retriever
    sync_report: SyncReport
    engine: Engine
    answerer: SideAnswerer
    chat: ChatService
    cases: CaseService
    roster: list[MentorEntry]
    partners: PartnerService
    accounts: AccountService
    knowledge: LiveKnowledge
    casework: CaseworkService
    access_log: AccessLog

    def brief(self, state: DialogueState, session_id: str, case_id: str | None) -> NeedsBrief:
        return brief_builder(self.kb, self.retriever, self.roster)(state, session_id, case_id)

    def owner_copy(self, session_id: str, state: DialogueState) -> OwnerCopy:
        """The owner's short version: from the case's brief when one was made, otherwise
        (consent refused) from a brief built on the spot and kept nowhere."""
        case_id = self.cases.case_for_session(session_id)
        brief = self.cases.get_brief(case_id) if case_id else self.brief(state, session_id, None)
        return owner_copy(brief, contact_days=self.engine.mentor_contact_days, handed_over=state.brief_ready)

    def rank(self, state: DialogueState) -> tuple[list[str], list[str]]:
        """Program and vendor slugs a finished conversation leads to, best first; programs
        that are ineligible are left out."""
        return self.brief(state, "evaluation", None).top_slugs()


def open_index(settings: Settings, embedder: Embeddings) -> VectorIndex:
    client = chroma_client(path=settings.chroma_path, url=settings.chroma_url)
    return VectorIndex(embedder, client)


def build_runtime(settings: Settings, progress: Progress | None = None) -> Runtime:
    url = settings.effective_database_url
    # Safe at every start: brings the database to the current schema.
    upgrade_database(url)
    database = make_engine(url)
    writer, reader = session_factory(database), session_factory(database, read_only=True)
    # Staff edits saved in the database overlay the shipped entry and mentor files.
    shipped = Shipped.load(settings.knowledge_dir, settings.seeds_dir)
    effective = effective_at_start(shipped, reader)
    kb = KnowledgeBase(entries=effective.entries, files=shipped.kb.files)
    roster = effective.mentors
    embedder = load_embedder(settings.embedder, settings.embedder_path)
    index = open_index(settings, embedder)
    report = index.sync(kb.entries, progress)
    abstention = Abstention()
    if settings.abstain_threshold is not None:
        abstention = Abstention(
            min_dense=settings.abstain_threshold,
            min_coverage=abstention.min_coverage,
            sure_dense=max(settings.abstain_threshold, abstention.sure_dense),
        )
    retriever = Retriever(kb, embedder, index, abstention)
    answerer = SideAnswerer(search=retriever, entries=kb, facts=service_facts(settings))
    engine = Engine(knowledge=retriever, matcher=EmbeddingOptionMatcher(embedder), answerer=answerer,
                    mentor_contact_days=settings.mentor_contact_days)
    cases = CaseService(writer, brief_builder(kb, retriever, roster))
    chat = ChatService(engine, writer, reader, on_ready=cases.ensure_case)
    return Runtime(settings, kb, embedder, index, retriever, report, engine, answerer, chat, cases, roster,
                   PartnerService(writer), AccountService.from_settings(writer, settings),
                   LiveKnowledge(shipped=shipped, effective=effective, kb=kb, roster=roster, index=index,
                                 retriever=retriever, reader=reader, writer=writer),
                   casework=CaseworkService(writer, reader, replay=chat.replay_session,
                                            contact_days=engine.mentor_contact_days),
                   access_log=AccessLog(writer))


def service_facts(settings: Settings) -> ServiceFacts:
    return ServiceFacts(contact_days=settings.mentor_contact_days,
                        contact_retention_days=settings.contact_retention_days,
                        session_retention_days=settings.session_retention_days,
                        resume_days=RESUME_CODE_DAYS)


def brief_builder(kb: KnowledgeBase, search: Retriever, roster: list[MentorEntry]) -> BriefBuilder:
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
