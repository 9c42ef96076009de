"""Everything that finds knowledge-base entries for a piece of text. Nothing outside this
package talks to Chroma, the embedding model or the BM25 index."""

from retrieval.answerability import Abstention
from retrieval.embeddings import EmbedderError, load_embedder
from retrieval.models import Citation, SearchResponse, SearchResult
from retrieval.search import EntryFilter, Fusion, Retriever
from retrieval.store import IndexUnavailable, SyncReport, VectorIndex, chroma_client

__all__ = [
    "Abstention",
    "Citation",
    "EmbedderError",
    "EntryFilter",
    "Fusion",
    "IndexUnavailable",
    "Retriever",
    "SearchResponse",
    "SearchResult",
    "SyncReport",
    "VectorIndex",
    "chroma_client",
    "load_embedder",
]
