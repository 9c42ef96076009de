"""Turns Korean and English text into the terms BM25 counts.

Korean glues particles and endings to words ("재택근무하고싶은데"), so whitespace tokens
rarely match; morphemes do. They come from mecab-ko, the analyser the assistant reads
answers with, which does not depend on spacing either."""

from korean.morphs import Morph, analyse

# Nouns, verb/adjective stems, roots, foreign words, numbers and hanja carry the meaning;
# particles and endings only add noise to term matching.
_CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "SL", "SH", "SN", "XR", "VV", "VA", "MAG"})
# Particles, endings, suffixes, the copula, auxiliaries and punctuation: where a word's stem ends.
_FUNCTION_TAGS = ("J", "E", "XS", "VCP", "VCN", "VX", "SF", "SC", "SE", "SS", "SY")
# A few very common stems that appear in nearly every question add nothing to ranking.
_STOP_STEMS = frozenset({"하", "있", "되", "없", "같", "싶", "주", "보", "좋", "것", "수", "등", "때"})


def _pieces(morph: Morph) -> tuple[tuple[str, str], ...]:
    if not morph.parts:
        return ((morph.surface, morph.tag),)
    if "+" in morph.tag:
        # An inflected form ("해야" = 하/VV + 아야/EC) counts as its stem.
        return morph.parts
    # A compound noun ("재택근무" = 재택 + 근무) counts as its words, so "재택" alone matches it;
    # one-syllable parts ("전문가" = 전문 + 가) are suffixes more often than words.
    words = tuple(part for part in morph.parts if len(part[0]) > 1)
    return words or ((morph.surface, morph.tag),)


def _words(morphs: tuple[Morph, ...]) -> list[list[Morph]]:
    """The morphemes grouped by the written word (no space between them)."""
    words: list[list[Morph]] = []
    for morph in morphs:
        if words and words[-1][-1].end == morph.start:
            words[-1].append(morph)
        else:
            words.append([morph])
    return words


def _stem(text: str, word: list[Morph]) -> str | None:
    """A word without its particles and endings, when mecab-ko read it as several pieces: its
    dictionary lacks some words and splits them ("엑셀" → 엑 + 셀, "저장소" → 저 + 장소), and
    the whole word then still matches."""
    lead = 0
    while lead < len(word) and not word[lead].tag.startswith(_FUNCTION_TAGS):
        lead += 1
    return text[word[0].start:word[lead - 1].end].lower() if lead > 1 else None


def terms(text: str) -> list[str]:
    out: list[str] = []
    for word in _words(analyse(text)):
        for morph in word:
            for form, tag in _pieces(morph):
                if tag in _CONTENT_TAGS and form.lower() not in _STOP_STEMS:
                    out.append(form.lower())
        stem = _stem(text, word)
        if stem is not None:
            out.append(stem)
    return out
