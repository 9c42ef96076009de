"""The wiring: builds the long-lived parts (knowledge base, embedder, index, retriever, engine)
and the feature services from settings, once per process. Nothing here decides anything."""

import threading
from dataclasses import dataclass

from langchain_core.embeddings import Embeddings
from sqlalchemy import Engine as DatabaseEngine

from application.accounts import AccountService
from application.cases.service import CaseService, brief_builder
from application.casework.service import CaseworkService
from application.catalog.live import LiveKnowledge, Shipped, effective_at_start, load_effective_kb
from application.chat.service import RESUME_CODE_DAYS, ChatService
from application.insights.service import InsightsService
from application.llm import model_assist
from application.notifications.service import Notifier
from application.partners.service import PartnerService
from application.privacy.access_log import AccessLog
from application.reassessment.service import ReassessmentService
from application.settings import Settings
from application.store.database import Timeouts, session_factory
from application.store.migrate import migrated_engine
from assistant.answering import ServiceFacts, SideAnswerer
from assistant.engine import Engine
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
    # The store's engine, for the readiness probe.
    database: DatabaseEngine
    reassessment: ReassessmentService
    insights: InsightsService


def open_index(settings: Settings, embedder: Embeddings) -> VectorIndex:
    client = chroma_client(path=settings.chroma_path, url=settings.chroma_url)
    return VectorIndex(embedder, client)


def abstention(settings: Settings) -> Abstention:
    """The calibrated thresholds, or the operator's override of the answerability one."""
    calibrated = Abstention()
    if settings.abstain_threshold is None:
        return calibrated
    return Abstention(min_dense=settings.abstain_threshold, min_coverage=calibrated.min_coverage,
                      sure_dense=max(settings.abstain_threshold, calibrated.sure_dense))


def prepare(settings: Settings, progress: Progress | None = None) -> tuple[KnowledgeBase, SyncReport]:
    """What must be current before any worker serves: the database schema and the search
    index of the effective knowledge base (what `build_runtime` also does, without the rest)."""
    kb = load_effective_kb(settings)
    index = open_index(settings, load_embedder(settings.embedder, settings.embedder_path))
    return kb, index.sync(kb.entries, progress)


def build_runtime(settings: Settings, progress: Progress | None = None) -> Runtime:
    # Safe at every start: brings the database to the current schema.
    database = migrated_engine(settings.effective_database_url, database_timeouts(settings))
    writer, reader = session_factory(database), session_factory(database, read_only=True)
    # Staff edits saved in the database overlay the shipped entry and mentor files.
    shipped = Shipped.load(settings.knowledge_dir, settings.seeds_dir)
    effective = effective_at_start(shipped, reader)
    kb = KnowledgeBase(entries=effective.entries, files=shipped.kb.files)
    roster = effective.mentors
    embedder = load_embedder(settings.embedder, settings.embedder_path)
    index = open_index(settings, embedder)
    report = index.sync(kb.entries, progress)
    retriever = Retriever(kb, embedder, index, abstention(settings))
    # The process is ready without them; the first side question usually finds them loaded.
    threading.Thread(target=retriever.warm, name="warm-retriever", daemon=True).start()
    contact_days = settings.mentor_contact_working_days
    answerer = SideAnswerer(search=retriever, entries=kb, facts=service_facts(settings))
    engine = Engine(knowledge=retriever, matcher=EmbeddingOptionMatcher(embedder), answerer=answerer,
                    mentor_contact_days=contact_days, model=model_assist(settings))
    notifier = Notifier.from_settings(settings)
    cases = CaseService(writer, build=brief_builder(kb, retriever, roster), contact_days=contact_days,
                        notifier=notifier)
    chat = ChatService(engine, writer, reader, on_ready=cases.ensure_case)
    reassessment = ReassessmentService(writer, reader)
    knowledge = LiveKnowledge(shipped=shipped, effective=effective, kb=kb, roster=roster, index=index,
                              retriever=retriever, reader=reader, writer=writer,
                              preview_queries=settings.preview_queries)
    return Runtime(
        settings, kb, embedder, index, retriever, report, engine, answerer, chat, cases, roster,
        partners=PartnerService(writer, reader),
        accounts=AccountService.from_settings(writer, settings),
        knowledge=knowledge,
        casework=CaseworkService(writer, reader, replay=chat.replay_session, contact_days=contact_days,
                                 notifier=notifier),
        access_log=AccessLog(writer),
        database=database,
        reassessment=reassessment,
        insights=InsightsService(reader, contact_days=contact_days,
                                 session_retention_days=settings.session_retention_days,
                                 before_after=reassessment.before_after),
    )


def database_timeouts(settings: Settings) -> Timeouts:
    return Timeouts(sqlite_busy_ms=settings.sqlite_busy_timeout_ms, connect_s=settings.database_connect_timeout_s,
                    statement_ms=settings.database_statement_timeout_ms)


def service_facts(settings: Settings) -> ServiceFacts:
    """What the service answers about itself comes from its settings, never from the seeds."""
    return ServiceFacts(contact_days=settings.mentor_contact_working_days,
                        contact_retention_days=settings.contact_retention_days,
                        session_retention_days=settings.session_retention_days,
                        resume_days=RESUME_CODE_DAYS)
