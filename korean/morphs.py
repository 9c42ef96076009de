"""Korean morphemes from mecab-ko (python-mecab-ko ships its dictionary in the wheel: about
20 MB resident, 0.1 ms a sentence), with their character spans in the analysed text."""

from dataclasses import dataclass
from functools import lru_cache

from mecab import MeCab


@dataclass(frozen=True)
class Morph:
    surface: str
    # mecab-ko-dic tag; a fused form has several joined by "+" ("VV+EP").
    tag: str
    start: int
    end: int
    # What a compound or inflected form is made of, as (form, tag) pairs: "재택근무" is
    # 재택/NNG + 근무/NNG, "해야" 하/VV + 아야/EC. Empty for a simple morpheme.
    parts: tuple[tuple[str, str], ...] = ()

    def is_(self, *tags: str) -> bool:
        """Whether the morpheme is, or begins with, one of `tags` (NNG, VA, EF…)."""
        return self.tag.split("+")[0] in tags

    def has(self, *tags: str) -> bool:
        return any(part in tags for part in self.tag.split("+"))


@lru_cache(maxsize=1)
def _tagger() -> MeCab:
    return MeCab()


def _parts(expression: str | None) -> tuple[tuple[str, str], ...]:
    # mecab-ko-dic writes them as "재택/NNG/*+근무/NNG/행위".
    if not expression:
        return ()
    parts = []
    for piece in expression.split("+"):
        fields = piece.split("/")
        if len(fields) >= 2 and fields[0]:
            parts.append((fields[0], fields[1]))
    return tuple(parts)


def analyse(text: str) -> tuple[Morph, ...]:
    """The morphemes of `text`, left to right, not cached: for indexing many documents."""
    if not text.strip():
        return ()
    return tuple(
        Morph(m.surface, m.pos, m.span.start, m.span.end, _parts(m.feature.expression))
        for m in _tagger().parse(text)
    )


@lru_cache(maxsize=8192)
def morphs(text: str) -> tuple[Morph, ...]:
    """The morphemes of `text`, left to right; a message is read by several slot readers."""
    return analyse(text)
