"""Builds the long-lived parts (knowledge base, embedder, index, retriever) from settings,
once per process."""

from dataclasses import dataclass

from langchain_core.embeddings import Embeddings

from assistant.engine import Engine
from assistant.state import DialogueState
from intake.chat import ChatService
from intake.settings import Settings
from intake.store.database import make_engine, session_factory
from intake.store.migrate import upgrade_database
from knowledge.loader import KnowledgeBase, load_knowledge_base
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
    chat: ChatService

    def rank(self, state: DialogueState) -> tuple[list[str], list[str]]:
        """Program and vendor slugs a finished conversation leads to, best first; programs
        that are ineligible are left out."""
        return [], []


def load_kb(settings: Settings) -> KnowledgeBase:
    kb, _ = load_knowledge_base(settings.knowledge_dir, settings.seeds_dir, strict=True)
    return kb


def open_index(settings: Settings, embedder: Embeddings) -> VectorIndex:
    client = chroma_client(path=settings.chroma_path, url=settings.chroma_url)
    return VectorIndex(embedder, client)


def build_runtime(settings: Settings, progress: Progress | None = None) -> Runtime:
    kb = load_kb(settings)
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
    engine = Engine(knowledge=retriever, matcher=EmbeddingOptionMatcher(embedder))
    return Runtime(settings, kb, embedder, index, retriever, report, engine, open_chat(settings, engine))


def open_chat(settings: Settings, engine: Engine) -> ChatService:
    """Migrates the database to the current schema (safe at every start) and opens it."""
    url = settings.effective_database_url
    upgrade_database(url)
    database = make_engine(url)
    return ChatService(engine, session_factory(database), session_factory(database, read_only=True))
