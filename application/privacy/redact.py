"""Finding and blanking out an owner's contact details in stored text.

Two strengths: the owner's own words get every e-mail address and phone number the intake's
contact parsers recognise blanked out, plus the contact values the owner gave; text the
assistant wrote gets only those values blanked out, because it quotes knowledge-base passages
whose agency phone numbers are public facts, not the owner's data."""

import re
from collections.abc import Callable, Iterable
from typing import Any

from assistant.understanding.contact import redact_contact
from assistant.understanding.text import normalize

CONTACT_PREFIX = "contact."
# A contact value shorter than this could be any syllable of any sentence.
MIN_LITERAL = 2

Json = Any


def is_contact_slot(slot: object) -> bool:
    return isinstance(slot, str) and slot.startswith(CONTACT_PREFIX)


class Redactor:
    """Blanks contact data out with `marker`, the same words the intake puts where it withheld
    contact details given before consent."""

    def __init__(self, literals: Iterable[str], marker: str) -> None:
        kept = sorted({v.strip() for v in literals if len(v.strip()) >= MIN_LITERAL}, key=len, reverse=True)
        self.literals = tuple(kept)
        self.marker = marker
        # Longest first, so a whole answer goes before the name inside it; case-blind for e-mail.
        self._pattern = re.compile("|".join(re.escape(v) for v in kept), re.IGNORECASE) if kept else None

    def known(self, text: str) -> str:
        """Only the contact values the owner gave: for text the assistant wrote."""
        if self._pattern is None:
            return text
        out = self._pattern.sub(self.marker, text)
        # A value typed with full-width characters or odd spacing matches only once normalised.
        if self._pattern.search(normalize(out)):
            out = self._pattern.sub(self.marker, normalize(out))
        return out

    def owner(self, text: str) -> str:
        """The owner's own words: the known values and anything the intake's contact parsers
        read as an e-mail address or a phone number."""
        return redact_contact(self.known(text), self.marker)


def map_strings(value: Json, change: Callable[[str], str]) -> Json:
    """The same JSON tree with every string changed."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [map_strings(item, change) for item in value]
    if isinstance(value, dict):
        return {key: map_strings(item, change) for key, item in value.items()}
    return value


def contact_literals_of_events(events: Iterable[dict[str, Any]]) -> list[str]:
    """Every contact value the owner gave in a conversation, including ones corrected later,
    and the words they were given in. Don't-know answers are no contact data."""
    found: list[str] = []
    for event in events:
        if event.get("type") != "slot_set" or not is_contact_slot(event.get("slot")):
            continue
        if event.get("status") == "unknown":
            continue
        found.extend(v for v in (event.get("value"), event.get("raw_text")) if isinstance(v, str))
    return found


def contact_literals_of_brief(brief: dict[str, Any]) -> list[str]:
    found = [v for v in (brief.get("contact") or {}).values() if isinstance(v, str)]
    for slot, entry in (brief.get("slots") or {}).items():
        if is_contact_slot(slot) and isinstance(entry, dict) and entry.get("status") != "unknown":
            found.extend(v for v in (entry.get("value"), entry.get("raw_text")) if isinstance(v, str))
    return found
