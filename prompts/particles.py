"""Korean particles chosen by rule, and English counts with their plural.

A Korean particle depends on how the word before it is *read*: whether its last syllable
ends in a consonant (받침), and for 으로/로 whether that consonant is ㄹ. Numbers are read in
Sino-Korean (2 이 → "2가", 3 삼 → "3으로", 10 십 → "10이에요"), Latin letters of an
abbreviation by their Korean names (AI 에이아이 → "AI가", ERP 이알피 → "ERP를", URL 유알엘 →
"URL로"), other Latin words by the sound of their ending ("Excel" → "Excel을").

`tossi` (PyPI) does the same job but has seen no release since 2018, so the few rules live
here, in one place, with their tests (tests/prompts/test_particles.py).

In prompt files a placeholder names its particle as a format spec, `{version:으로}`, or an
English noun's two forms, `{score:pt|pts}`, and is filled with `format_text`; templates use
the filters `{{ version | josa("으로") }}` and `{{ n | plural("pt", "pts") }}`.
"""

import string
from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_FINALS_PER_SYLLABLE = 28
_RIEUL_FINAL = 8  # ㄹ's index among the final consonants


class Final(Enum):
    """How the word before a particle ends, as far as the particle cares."""

    none = "none"  # a vowel: 가, 는, 를, 로, 예요
    rieul = "rieul"  # ㄹ: 이, 은, 을, but 로
    other = "other"  # any other consonant: 이, 은, 을, 으로, 이에요


# Each particle: the form after a consonant, the form after a vowel. 으로/로 also takes the
# vowel form after ㄹ.
_PAIRS: dict[str, tuple[str, str]] = {
    "은": ("은", "는"),
    "이": ("이", "가"),
    "을": ("을", "를"),
    "과": ("과", "와"),
    "으로": ("으로", "로"),
    "이에요": ("이에요", "예요"),
    "이었어요": ("이었어요", "였어요"),
    "이나": ("이나", "나"),
    "이라고": ("이라고", "라고"),
    "아": ("아", "야"),
}
# Either form (or "은/는", "은(는)") names the same particle.
_NAMES: dict[str, str] = {}
for _key, (_after_consonant, _after_vowel) in _PAIRS.items():
    for _spelling in (_after_consonant, _after_vowel, f"{_after_consonant}/{_after_vowel}",
                      f"{_after_consonant}({_after_vowel})"):
        _NAMES[_spelling] = _key

# Sino-Korean readings: the last non-zero digit, or the unit a run of zeros ends in.
_DIGIT_FINAL = {"0": Final.other, "1": Final.rieul, "2": Final.none, "3": Final.other, "4": Final.none,
                "5": Final.none, "6": Final.other, "7": Final.rieul, "8": Final.rieul, "9": Final.none}
_ZEROS_OF_JO = 12  # 조 (10¹²)
_LETTER_FINAL = {letter: Final.none for letter in "abcdefghijkopqstuvwxyz"}
_LETTER_FINAL.update({"l": Final.rieul, "r": Final.rieul, "m": Final.other, "n": Final.other})
# What a word that is not an abbreviation sounds like at its end (Excel → 엑셀, Zoom → 줌, Google → 구글).
_WORD_ENDINGS = (("ng", Final.other), ("le", Final.rieul), ("l", Final.rieul), ("m", Final.other),
                 ("n", Final.other), ("ck", Final.other), ("k", Final.other), ("t", Final.other),
                 ("p", Final.other), ("b", Final.other))
# Marks read as nothing at the end of a word: closing quotes and brackets, a full stop.
_SILENT = "\"'’”)]}>」』〉》.,!? "


def _number_final(digits: str) -> Final:
    """A number read in Sino-Korean: its last non-zero digit (…2 이, …3 삼), or the unit its
    zeros make (십 백 천 만 억 end in a consonant, 조 in a vowel; 0 alone is 영)."""
    whole, _, fraction = digits.partition(".")
    if fraction.strip("0") or whole.strip("0") == "":
        return _DIGIT_FINAL[(fraction.rstrip("0") or whole)[-1]]
    zeros = len(whole) - len(whole.rstrip("0"))
    if zeros == 0:
        return _DIGIT_FINAL[whole[-1]]
    return Final.none if zeros >= _ZEROS_OF_JO else Final.other


def _latin_final(word: str) -> Final:
    letters = "".join(char for char in word if char.isascii() and char.isalpha())
    tail = letters[-4:]
    if tail.isupper() or len(letters) <= 1:
        return _LETTER_FINAL[letters[-1].lower()]
    lower = letters.lower()
    return next((final for ending, final in _WORD_ENDINGS if lower.endswith(ending)), Final.none)


def final_of(word: object) -> Final | None:
    """How `word` ends when read aloud in Korean; None when it cannot be told (no letters)."""
    text = str(word).rstrip(_SILENT)
    if not text:
        return None
    last = text[-1]
    if _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        index = (ord(last) - _HANGUL_FIRST) % _FINALS_PER_SYLLABLE
        return Final.none if index == 0 else Final.rieul if index == _RIEUL_FINAL else Final.other
    if last.isdigit():
        start = len(text)
        while start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".,"):
            start -= 1
        return _number_final(text[start:].replace(",", "").strip("."))
    if last.isascii() and last.isalpha():
        return _latin_final(text.split()[-1])
    if last == "%":
        return Final.none  # 퍼센트
    return None


def particle(word: object, name: str) -> str:
    """The form of particle `name` (either spelling: "은", "는", "은/는") that fits after `word`."""
    key = _NAMES.get(name)
    if key is None:
        raise ValueError(f"unknown particle {name!r}; known: {', '.join(_PAIRS)}")
    after_consonant, after_vowel = _PAIRS[key]
    final = final_of(word)
    if final is None:
        return f"{after_consonant}({after_vowel})"
    if final is Final.none or (final is Final.rieul and key == "으로"):
        return after_vowel
    return after_consonant


def josa(word: object, name: str) -> str:
    """`word` with the fitting form of particle `name` attached: josa(2, "으로") == "2로"."""
    return f"{word}{particle(word, name)}"


def is_particle(spec: str) -> bool:
    return spec in _NAMES


class _ParticleFormatter(string.Formatter):
    """str.format, except that a format spec naming a particle attaches it ({n:으로} → "2로")
    and one of the form `one|many` counts ({n:pt|pts} → "1 pt", "2 pts")."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in _NAMES:
            return josa(value, format_spec)
        one, bar, many = format_spec.partition("|")
        if bar and isinstance(value, int):
            return count(value, one, many)
        return str(super().format_field(value, format_spec))


_FORMATTER = _ParticleFormatter()


def format_text(template: str, /, **values: object) -> str:
    """Fills a prompt line's placeholders; `{version:으로}` becomes "2로" or "3으로"."""
    return _FORMATTER.vformat(template, (), values)


def format_mapping(template: str, values: Mapping[str, object]) -> str:
    return _FORMATTER.vformat(template, (), values)


def count(number: int, one: str, many: str) -> str:
    """An English count with its noun: count(1, "pt", "pts") == "1 pt", count(2, ...) == "2 pts"."""
    return f"{number} {one if number == 1 else many}"


def add_particle_filters(environment: "Environment") -> None:
    """`{{ version | josa("으로") }}` and `{{ n | plural("pt", "pts") }}` in a Jinja environment."""
    environment.filters["josa"] = josa
    environment.filters["plural"] = count
