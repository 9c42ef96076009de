"""The intake flow as validated data: which slots exist, their types, order and conditions."""

from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from knowledge.vocabulary import (
    DigitalSkills,
    FundingNeed,
    Industry,
    Region,
    RemoteStatus,
    SupportType,
    Urgency,
)

FLOW_FILE = Path(__file__).with_name("flow.yaml")

SlotType = Literal["int", "krw", "enum", "level", "bool", "text", "list"]

VOCABULARIES: dict[str, type[StrEnum]] = {
    "industry": Industry,
    "region": Region,
    "funding_need": FundingNeed,
    "digital_skills": DigitalSkills,
    "remote_status": RemoteStatus,
    "support_type": SupportType,
    "urgency": Urgency,
}

# Slot values the engine keeps besides the contract's slots: what the answers imply.
STAGE_SLOT = "company.stage"
CONSENT_SLOT = "consent.privacy"
CONTACT_SLOTS = ("contact.email", "contact.phone")


def _registered(slots: Mapping[str, Any]) -> bool:
    """A pre-founder has no revenue to report."""
    return slots.get(STAGE_SLOT) != "pre_founder"


def _remote_not_full(slots: Mapping[str, Any]) -> bool:
    return slots.get("remote.status") != "full"


def _remote_partial(slots: Mapping[str, Any]) -> bool:
    return slots.get("remote.status") == "partial"


def _contact_missing(slots: Mapping[str, Any]) -> bool:
    return not any(slots.get(slot) for slot in CONTACT_SLOTS)


def _contact_known(slots: Mapping[str, Any]) -> bool:
    """Optional contact items are worth asking only when a mentor can reach the owner."""
    return not _contact_missing(slots)


CONDITIONS: dict[str, Callable[[Mapping[str, Any]], bool]] = {
    "registered": _registered,
    "remote_not_full": _remote_not_full,
    "remote_partial": _remote_partial,
    "contact_missing": _contact_missing,
    "contact_known": _contact_known,
}


class SlotSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    type: SlotType
    topic: str
    vocabulary: str | None = None
    scale: Literal["adoption", "data"] | None = None
    optional: bool = False
    ask_if: str | None = None
    # Personal data (PIPA Art. 15): asked and stored only once this consent is given.
    consent: Literal["required", "optional"] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "SlotSpec":
        if self.type in ("enum", "list") and self.vocabulary not in VOCABULARIES:
            raise ValueError(f"needs a vocabulary, one of {sorted(VOCABULARIES)}")
        if self.type == "level" and self.scale is None:
            raise ValueError("a level slot needs a scale")
        if self.ask_if is not None and self.ask_if not in CONDITIONS:
            raise ValueError(f"unknown condition '{self.ask_if}', known: {sorted(CONDITIONS)}")
        return self

    def values(self) -> list[str]:
        if self.vocabulary is None:
            return []
        return [member.value for member in VOCABULARIES[self.vocabulary]]

    def applies(self, slots: Mapping[str, Any]) -> bool:
        return self.ask_if is None or CONDITIONS[self.ask_if](slots)


class FlowSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    topics: list[str]
    slots: list[SlotSpec]

    @model_validator(mode="after")
    def _topics_known(self) -> "FlowSpec":
        for slot in self.slots:
            if slot.topic not in self.topics:
                raise ValueError(f"slot {slot.id}: unknown topic '{slot.topic}'")
        ids = [slot.id for slot in self.slots]
        if len(ids) != len(set(ids)):
            raise ValueError("a slot id is listed twice")
        return self

    def slot(self, slot_id: str) -> SlotSpec:
        return self.by_id[slot_id]

    @property
    def by_id(self) -> dict[str, SlotSpec]:
        return {slot.id: slot for slot in self.slots}


class FlowError(Exception):
    pass


@lru_cache(maxsize=4)
def load_flow(path: Path = FLOW_FILE) -> FlowSpec:
    try:
        return FlowSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise FlowError(f"{path.name}: {details}") from exc
