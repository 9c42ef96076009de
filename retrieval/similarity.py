"""Picks the option whose description is closest in meaning to an answer: the fallback the
dialog uses when its rules cannot read a readiness level or a choice."""

from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings


class EmbeddingOptionMatcher:
    """Answers only when one option is clearly closest: a close call is worse than asking
    again, because a wrong readiness level silently skews the brief."""

    def __init__(self, embedder: Embeddings, *, min_similarity: float = 0.85, min_margin: float = 0.01) -> None:
        self._embedder = embedder
        self.min_similarity = min_similarity
        self.min_margin = min_margin
        self._options = lru_cache(maxsize=256)(self._embed_options)
        # The same text is compared with each language's options in turn.
        self._query = lru_cache(maxsize=64)(self._embed_query)

    def _embed_options(self, options: tuple[str, ...]) -> np.ndarray:
        return np.asarray(self._embedder.embed_documents(list(options)))

    def _embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._embedder.embed_query(text))

    def best(self, text: str, options: list[str]) -> int | None:
        if not options or not text.strip():
            return None
        matrix = self._options(tuple(options))
        query = self._query(text)
        scores = matrix @ query / (np.linalg.norm(matrix, axis=1) * np.linalg.norm(query) + 1e-9)
        order = np.argsort(-scores)
        top = float(scores[order[0]])
        runner_up = float(scores[order[1]]) if len(order) > 1 else -1.0
        if top < self.min_similarity or top - runner_up < self.min_margin:
            return None
        return int(order[0])
