"""The owner's conversation as the console shows it. Contact details are personal data shown
only on request (and logged), so until then they are cut out of the transcript too: the
owner's messages that gave a contact slot are hidden whole (a phone number typed with spaces
is stored with dashes, so searching for the stored value alone would miss it), and the
stored values and raw answers are hidden wherever else they appear, e.g. in the summary the
assistant read back."""

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from assistant.decision.brief import NeedsBrief
from assistant.events import ModelConsulted
from assistant.state import TranscriptLine

CONTACT_SLOTS = ("contact.name", "contact.email", "contact.phone")


class TextPart(BaseModel):
    text: str
    hidden: bool = False


class TranscriptEntry(BaseModel):
    role: Literal["owner", "assistant"]
    at: datetime
    parts: list[TextPart]
    # Whether and how a language model took part in reading this message or answering it.
    model_uses: list[ModelConsulted] = Field(default_factory=list)


def _contact_values(brief: NeedsBrief) -> tuple[set[str], list[str]]:
    """Message ids that gave a contact slot, and the texts to hide, longest first."""
    messages: set[str] = set()
    texts: set[str] = set()
    for slot_id in CONTACT_SLOTS:
        slot = brief.slots.get(slot_id)
        if slot is None:
            continue
        if slot.source_message:
            messages.add(slot.source_message)
        for text in (slot.raw_text, slot.value if isinstance(slot.value, str) else None):
            if text and text.strip():
                texts.add(text.strip())
    contact = brief.contact
    texts.update(v.strip() for v in (contact.name, contact.email, contact.phone) if v and v.strip())
    return messages, sorted(texts, key=len, reverse=True)


def _split(text: str, secrets: Sequence[str]) -> list[TextPart]:
    if not secrets:
        return [TextPart(text=text)]
    pattern = re.compile("|".join(re.escape(s) for s in secrets))
    parts: list[TextPart] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            parts.append(TextPart(text=text[last:match.start()]))
        parts.append(TextPart(text="", hidden=True))
        last = match.end()
    if last < len(text):
        parts.append(TextPart(text=text[last:]))
    return parts


def masked_transcript(lines: Iterable[TranscriptLine], brief: NeedsBrief, *, reveal: bool) -> list[TranscriptEntry]:
    """Hidden parts carry no text at all, so nothing of the contact reaches the page."""
    messages, secrets = ((set(), []) if reveal else _contact_values(brief))
    out = []
    for line in lines:
        if line.role == "owner" and line.message_id in messages:
            parts = [TextPart(text="", hidden=True)]
        else:
            parts = _split(line.text, secrets)
        out.append(TranscriptEntry(role=line.role, at=line.at, parts=parts, model_uses=line.model_uses))
    return out
