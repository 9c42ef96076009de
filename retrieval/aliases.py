"""Finds an entry's exact name, alias or abbreviation in a query, whatever the spacing."""

import re
from dataclasses import dataclass

from knowledge.schema import Entry

_NOT_WORD = re.compile(r"[\s\-·•_/.,!?()\[\]'\"“”‘’]+")
_ASCII_ONLY = re.compile(r"^[a-z0-9]+$")
# Shorter Korean aliases ("특구") occur inside unrelated words too often to decide alone.
_MIN_HANGUL = 3


def squash(text: str) -> str:
    return _NOT_WORD.sub("", text.lower())


@dataclass(frozen=True)
class AliasHit:
    entry_id: str
    alias: str
    length: int


def _latin_pattern(alias: str) -> re.Pattern[str]:
    # Latin names must stand as whole words ("AS" is no hit inside "DaaS"), with any spacing
    # or hyphenation between their words.
    words = [re.escape(w) for w in _NOT_WORD.split(alias.lower()) if w]
    return re.compile(r"(?<![a-z0-9])" + r"[\s\-_.]*".join(words) + r"(?![a-z0-9])")


class AliasMatcher:
    def __init__(self, entries: list[Entry]) -> None:
        self._latin: list[tuple[str, str, int, re.Pattern[str]]] = []
        self._hangul: list[tuple[str, str, str]] = []
        for entry in entries:
            for alias in {*entry.aliases, entry.name.ko, entry.name.en}:
                key = squash(alias)
                if _ASCII_ONLY.match(key):
                    if len(key) >= 2:
                        self._latin.append((entry.id, alias, len(key), _latin_pattern(alias)))
                elif len(key) >= _MIN_HANGUL:
                    self._hangul.append((entry.id, alias, key))

    def find(self, query: str) -> list[AliasHit]:
        squashed = squash(query)
        lowered = query.lower()
        found: list[AliasHit] = [
            AliasHit(entry_id, alias, length)
            for entry_id, alias, length, pattern in self._latin
            if pattern.search(lowered)
        ]
        found += [
            AliasHit(entry_id, alias, len(key))
            for entry_id, alias, key in self._hangul
            if key in squashed
        ]
        best: dict[str, AliasHit] = {}
        for hit in found:
            if hit.entry_id not in best or hit.length > best[hit.entry_id].length:
                best[hit.entry_id] = hit
        return sorted(best.values(), key=lambda hit: -hit.length)
