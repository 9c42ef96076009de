"""Text helpers every parser shares: one normalisation so all rules see the same
characters, clause spans for negation scope, and Korean-aware word boundaries (Korean
glues particles to nouns, so a regex word boundary cannot tell 부산에 from 부산물)."""

import re
import unicodedata
from collections.abc import Iterable

_SPACE = re.compile(r"\s+")
# Compatibility jamo (ㅇㅇ, ㄴㄴ) are words in chat Korean; NFKC would turn them into
# conjoining jamo that no pattern expects, so they are left out of it.
_NOT_JAMO = re.compile(r"[^\u3130-\u318f]+")

# Separators after which a negation no longer applies: punctuation, English conjunctions
# and the Korean connective endings that start a new predicate (…지만, …는데, …고), but
# not the -고 of 하고 있다 / 하고 싶다, which belongs to the same predicate.
# A slash separates clauses, except in a rate ("500k/month", "50만/월").
_CLAUSE_BREAK = re.compile(
    r"(?:(?<![0-9])[.,]|[.,](?![0-9])|[;!?\n]|/(?!\s*(?:(?:month|mo|year|yr|week)\b|월|년|달)))+|\s+(?:but|and|however|though|although)\s+|(?<=지만)\s*|(?<=[는은인]데)\s*|(?<=[고며])(?<!라고)\s+(?!있|계|"
    r"싶|말)|"
    r"(?<=아니라)\s*|(?<=말고)\s*|\s+(?=그리고\s)",
    re.IGNORECASE | re.ASCII,
)

# Particles and copulas that may follow a noun inside the same eojeol.
PARTICLES: tuple[str, ...] = (
    "에서", "에", "이에요", "이예요", "예요", "이요", "입니다", "이고", "인데", "이라", "이며", "이랑",
    "이", "은", "는", "가", "을", "를", "의", "도", "로", "으로", "와", "과", "랑", "하고", "까지",
    "부터", "만", "쪽", "요", "지역", "근처", "인근", "부근", "시내", "권", "소재", "이서", "뿐", "밖에",
)


def normalize(text: str) -> str:
    """NFKC folds full-width digits and compatibility characters (㈜ → (주)) into what the
    patterns expect; whitespace runs collapse so spacing variants match alike."""
    folded = _NOT_JAMO.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _SPACE.sub(" ", folded).strip()


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def terms_pattern(terms: Iterable[str]) -> str:
    """An alternation that tries longer terms first, so 부산진 wins over 부산."""
    return "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))


def clause_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = max(start, m.end())
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def starts_word(text: str, index: int) -> bool:
    """True when a Korean noun may start here: not glued to a preceding Hangul syllable."""
    return index == 0 or not is_hangul(text[index - 1])


def ends_word(text: str, index: int) -> bool:
    """True when what follows position `index` is nothing, a non-Hangul character or a
    particle, i.e. the noun that ended there is a whole word."""
    if index >= len(text) or not is_hangul(text[index]):
        return True
    return text.startswith(PARTICLES, index)


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Blank out spans with spaces, keeping offsets, so a later rule cannot reuse them."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
