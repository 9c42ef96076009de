"""BM25 over mecab-ko morphemes, one document per entry, plus how much of a question the best
entry covers — a signal for abstention that cosine scores alone give poorly."""

import math
from collections import Counter

import bm25s
import numpy as np

from knowledge.schema import Entry
from retrieval.documents import lexical_text, passages
from retrieval.tokenize import terms


class LexicalIndex:
    def __init__(self, entries: list[Entry]) -> None:
        self.ids = [e.id for e in entries]
        corpus = [terms(lexical_text(e) + "\n" + "\n".join(p.text for p in passages(e))) for e in entries]
        self._vocab = [set(doc) for doc in corpus]
        frequency: Counter[str] = Counter()
        for vocab in self._vocab:
            frequency.update(vocab)
        n = max(len(entries), 1)
        self._idf = {t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t, df in frequency.items()}
        # A term no entry uses is at least as telling as the rarest one we know.
        self._unseen_idf = math.log(1 + (n + 0.5) / 0.5)
        self._bm25 = bm25s.BM25()
        if entries:
            self._bm25.index(corpus, show_progress=False)

    def scores(self, query_terms: list[str]) -> dict[str, float]:
        known = [t for t in query_terms if t in self._idf]
        if not known or not self.ids:
            return dict.fromkeys(self.ids, 0.0)
        raw = np.asarray(self._bm25.get_scores(known), dtype=float)
        return {entry_id: float(score) for entry_id, score in zip(self.ids, raw, strict=True)}

    def coverage(self, query_terms: list[str]) -> dict[str, float]:
        """Per entry: the IDF-weighted share of the query's terms the entry contains."""
        unique = set(query_terms)
        total = sum(self._idf.get(t, self._unseen_idf) for t in unique)
        if total == 0:
            return dict.fromkeys(self.ids, 0.0)
        return {
            entry_id: sum(self._idf[t] for t in unique if t in vocab) / total
            for entry_id, vocab in zip(self.ids, self._vocab, strict=True)
        }
