"""What the answers say about the firm, read once from the dialogue's slots.

Only `answered` slots count as facts; `unknown` and `raw` answers are kept apart so that no
rule ever mistakes "I don't know" for zero. The owner's own words (goals, pressures) are
taken from the answer text when the value itself is empty."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.flow import STAGE_SLOT
from assistant.reading import STARTUP_YEARS
from assistant.state import SlotValue


def owner_words(slot: SlotValue | None) -> str:
    """The owner's text for a free-text slot, whatever its status."""
    if slot is None or slot.status == "unknown":
        return ""
    if isinstance(slot.value, str) and slot.value.strip():
        return slot.value.strip()
    return slot.raw_text.strip()


def derive_stage(known: Mapping[str, Any], slots: Mapping[str, SlotValue], today: date) -> str | None:
    """The stage the engine recorded, else one computed from the founding year."""
    stage = known.get(STAGE_SLOT)
    if isinstance(stage, str):
        return stage
    year = known.get("company.founded_year")
    if isinstance(year, int):
        return "startup" if today.year - year < STARTUP_YEARS else "established"
    founded = slots.get("company.founded_year")
    if founded is not None and founded.status == "answered" and founded.value is None:
        return "pre_founder"
    return None


@dataclass(frozen=True)
class Firm:
    known: dict[str, Any]
    stage: str | None
    goals: str
    pressures: str
    # What the owner typed for each answered slot (a refusal quotes it).
    said: dict[str, str] = field(default_factory=dict)

    def get(self, slot: str) -> Any:
        return self.known.get(slot)

    def int_of(self, slot: str) -> int | None:
        value = self.known.get(slot)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def str_of(self, slot: str) -> str | None:
        value = self.known.get(slot)
        return value if isinstance(value, str) and value else None

    def bool_of(self, slot: str) -> bool | None:
        value = self.known.get(slot)
        return value if isinstance(value, bool) else None

    def list_of(self, slot: str) -> list[str]:
        value = self.known.get(slot)
        return [str(v) for v in value] if isinstance(value, list) else []

    @property
    def text(self) -> str:
        """Goals and pressures together: what retrieval and the need lexicon read."""
        return "\n".join(t for t in (self.goals, self.pressures) if t)


def read_firm(slots: Mapping[str, SlotValue], today: date) -> Firm:
    known = {k: v.value for k, v in slots.items() if v.status == "answered"}
    return Firm(
        known=known,
        stage=derive_stage(known, slots, today),
        goals=owner_words(slots.get("needs.goals")),
        pressures=owner_words(slots.get("costs.pressures")),
        said={k: v.raw_text for k, v in slots.items() if v.status == "answered" and v.raw_text},
    )
