"""Reads an owner's message for the engine: quick-reply values, the rule parsers of
`assistant.understanding`, and meaning-based matching against option descriptions when the
rules cannot tell."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from assistant.flow import STAGE_SLOT, FlowSpec, SlotSpec
from assistant.ports import OptionMatcher
from assistant.understanding import parse_answer
from assistant.understanding.contact import redact_contact
from assistant.understanding.corrections import detect_correction
from assistant.understanding.extract import extract_slots
from assistant.understanding.yesno import is_back, is_dont_know, is_skip, parse_yes_no
from prompts import LANGS, load_prompts

# A company younger than this counts as a startup (창업기업), the usual Korean line.
STARTUP_YEARS = 7
PRE_FOUNDER = "pre_founder"
FUZZY_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Reading:
    value: Any
    method: str
    confidence: float


@dataclass(frozen=True)
class Correction:
    slot: str | None
    value: Any


class Reader:
    def __init__(self, flow: FlowSpec, matcher: OptionMatcher | None) -> None:
        self.flow = flow
        self.matcher = matcher

    def read(self, spec: SlotSpec, text: str, *, today: date, allow_fuzzy: bool) -> Reading | None:
        """The value of `spec` in `text`, how it was understood and how sure that is."""
        choice = self._quick_reply(spec, text)
        if choice is not None:
            return Reading(choice, "option", 1.0)
        parsed = parse_answer(spec.id, text, today)
        if parsed is not None:
            # A pre-founder's answer to "when did you found it?" settles the stage instead.
            if parsed.slot == STAGE_SLOT:
                return Reading(None, PRE_FOUNDER, parsed.confidence)
            return Reading(parsed.value, parsed.method, parsed.confidence)
        if allow_fuzzy:
            return self._fuzzy(spec, text)
        return None

    def _quick_reply(self, spec: SlotSpec, text: str) -> Any:
        token = text.strip().lower()
        if spec.type in ("enum", "list") and token in spec.values():
            return [token] if spec.type == "list" else token
        if spec.type == "level" and token in {str(i) for i in range(6)}:
            return int(token)
        if spec.type == "bool" and token in ("yes", "no"):
            return token == "yes"
        return None

    def _fuzzy(self, spec: SlotSpec, text: str) -> Reading | None:
        if self.matcher is None or spec.type not in ("level", "enum"):
            return None
        for lang in LANGS:
            prompts = load_prompts(lang)
            if spec.type == "level" and spec.scale:
                descriptions = prompts.scales[spec.scale]
                index = self.matcher.best(text, descriptions)
                if index is not None:
                    return Reading(index, f"similar_to_option:{lang}", FUZZY_CONFIDENCE)
            elif spec.vocabulary:
                values = spec.values()
                index = self.matcher.best(text, [prompts.value_label(spec.vocabulary, v) for v in values])
                if index is not None:
                    return Reading(values[index], f"similar_to_option:{lang}", FUZZY_CONFIDENCE)
        return None

    def extract(self, text: str, today: date) -> list[tuple[str, Any, str]]:
        return [(e.slot, e.value, e.method) for e in extract_slots(text, today)]

    def correction(self, text: str) -> Correction | None:
        """A fix to an earlier answer. When the owner says something was wrong without
        saying what ("아까 답 틀렸어요"), `slot` is None."""
        found = detect_correction(text)
        if found is None:
            return None
        return Correction(slot=found.slot, value=found.value)

    def implications(self, slot: str, value: Any, this_year: int) -> list[tuple[str, Any]]:
        if slot == "company.founded_year":
            if value is None:
                return [(STAGE_SLOT, PRE_FOUNDER)]
            return [(STAGE_SLOT, "startup" if this_year - int(value) < STARTUP_YEARS else "established")]
        if slot == STAGE_SLOT and value == PRE_FOUNDER:
            return [("company.founded_year", None)]
        return []

    redact_contact = staticmethod(redact_contact)
    is_back = staticmethod(is_back)
    is_dont_know = staticmethod(is_dont_know)
    is_skip = staticmethod(is_skip)

    @staticmethod
    def yes_no(text: str) -> bool | None:
        token = text.strip().lower()
        if token in ("yes", "no"):
            return token == "yes"
        return parse_yes_no(text)
