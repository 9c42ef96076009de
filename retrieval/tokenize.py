"""Turns Korean and English text into the terms BM25 counts.

Korean glues particles and endings to words ("재택근무하고싶은데"), so whitespace tokens
rarely match; Kiwi's morphemes do, and Kiwi also repairs missing spaces."""

from functools import lru_cache

from kiwipiepy import Kiwi

# Nouns, verb/adjective stems, roots, foreign words, numbers and hanja carry the meaning;
# particles and endings only add noise to term matching.
_CONTENT_TAGS = ("NNG", "NNP", "NR", "SL", "SH", "SN", "XR", "VV", "VA", "MAG")
# A few very common stems that appear in nearly every question add nothing to ranking.
_STOP_STEMS = frozenset({"하", "있", "되", "없", "같", "싶", "주", "보", "좋", "것", "수", "등", "때"})


@lru_cache(maxsize=1)
def kiwi() -> Kiwi:
    return Kiwi()


def terms(text: str) -> list[str]:
    out: list[str] = []
    for token in kiwi().tokenize(text):
        tag = str(token.tag)
        if not tag.startswith(_CONTENT_TAGS):
            continue
        form = token.form.lower()
        if form in _STOP_STEMS:
            continue
        out.append(form)
    return out
