"""Reads an owner's message for the engine: quick-reply values, the rule parsers of
`assistant.understanding`, and meaning-based matching against option descriptions when the
rules cannot tell."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import Any, Literal

from assistant.flow import STAGE_SLOT, FlowSpec, SlotSpec
from assistant.ports import OptionMatcher
from assistant.understanding import parse_answer
from assistant.understanding.contact import redact_contact
from assistant.understanding.corrections import detect_correction
from assistant.understanding.extract import extract_slots
from assistant.understanding.industries import find_industry
from assistant.understanding.text import clause_spans, normalize
from assistant.understanding.yesno import is_back, is_dont_know, is_skip, parse_yes_no
from prompts import LANGS, Say, load_prompts

# A company younger than this counts as a startup (창업기업), the usual Korean line.
STARTUP_YEARS = 7
PRE_FOUNDER = "pre_founder"
FUZZY_CONFIDENCE = 0.5
# The embedder's cost grows with the text (a 2,000-character message took ≈3 s), and an
# answer says what it means up front: only the first clauses, up to this many characters, are
# compared with the options.
FUZZY_MAX_CHARS = 160
_FUZZY_CACHE = 512
# Quick-reply values that mean the same in every language.
SKIP, UNKNOWN = "skip", "unknown"
OptionKind = Literal["value", "unknown", "skip"]
_LABEL_NOISE = re.compile(r"[\s.,!?~·:()\-]+")


def _pair_option(text: str, labels: Callable[[Say], tuple[str, str]]) -> bool | None:
    """A yes/no pair of buttons in either language, or their values "yes" and "no"."""
    key = _label_key(text)
    for lang in LANGS:
        yes, no = labels(load_prompts(lang).say)
        if key in ("yes", _label_key(yes)):
            return True
        if key in ("no", _label_key(no)):
            return False
    return None


def _label_key(text: str) -> str:
    """Typed labels match however they are spaced or punctuated ("0 · 안 써요" = "0안써요")."""
    return _LABEL_NOISE.sub("", text).lower()


def fuzzy_window(text: str) -> str:
    """The part of a message meaning-based matching looks at: whole clauses from the start
    while they fit in FUZZY_MAX_CHARS, or the first FUZZY_MAX_CHARS characters of a longer
    first clause."""
    norm = normalize(text)
    end = 0
    for _, clause_end in clause_spans(norm):
        if clause_end > FUZZY_MAX_CHARS:
            break
        end = clause_end
    return norm[:end or FUZZY_MAX_CHARS].strip()


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
        # A message is read more than once on its way through (the answer, then a read-back).
        self._similar = lru_cache(maxsize=_FUZZY_CACHE)(self._similar_reading)

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

    @cached_property
    def _labels(self) -> dict[str, dict[str, tuple[OptionKind, Any]]]:
        """Per slot, every quick-reply label of both languages → what it stands for, so an owner
        who types a button's text ("모름", "건너뛰기", "일부 업무에 써요") is understood."""
        table: dict[str, dict[str, tuple[OptionKind, Any]]] = {}
        for spec in self.flow.slots:
            labels: dict[str, tuple[OptionKind, Any]] = {}
            for lang in LANGS:
                prompts = load_prompts(lang)
                labels[_label_key(prompts.word("unknown"))] = ("unknown", None)
                labels[_label_key(prompts.word("skip"))] = ("skip", None)
                if spec.type in ("enum", "list") and spec.vocabulary:
                    for value in spec.values():
                        shown = prompts.value_label(spec.vocabulary, value)
                        labels[_label_key(shown)] = ("value", [value] if spec.type == "list" else value)
                elif spec.type == "level" and spec.scale:
                    for i, description in enumerate(prompts.scales[spec.scale]):
                        labels[_label_key(f"{i} · {description}")] = ("value", i)
                        labels[_label_key(description)] = ("value", i)
                elif spec.type == "bool":
                    labels[_label_key(prompts.word("yes"))] = ("value", True)
                    labels[_label_key(prompts.word("no"))] = ("value", False)
            table[spec.id] = labels
        return table

    def typed_option(self, spec: SlotSpec, text: str) -> tuple[OptionKind, Any] | None:
        """A quick-reply value or label, typed or pressed: (what kind, the value)."""
        token = text.strip().lower()
        if token == UNKNOWN:
            return ("unknown", None)
        if token == SKIP:
            return ("skip", None)
        choice = self._quick_reply(spec, text)
        if choice is not None:
            return ("value", choice)
        return self._labels.get(spec.id, {}).get(_label_key(text))

    def consent_option(self, text: str) -> bool | None:
        """The consent buttons, typed or pressed: True for "동의해요", False for "동의하지 않아요"."""
        return _pair_option(text, lambda say: (say.consent_yes, say.consent_no))

    def confirm_option(self, text: str) -> bool | None:
        """The read-back's buttons: True for "맞아요", False for "고칠게요"."""
        return _pair_option(text, lambda say: (say.confirm_yes, say.confirm_fix))

    def _fuzzy(self, spec: SlotSpec, text: str) -> Reading | None:
        if self.matcher is None or spec.type not in ("level", "enum"):
            return None
        return self._similar(spec.id, fuzzy_window(text))

    def _similar_reading(self, slot: str, text: str) -> Reading | None:
        spec, matcher = self.flow.slot(slot), self.matcher
        if matcher is None:
            return None
        for lang in LANGS:
            prompts = load_prompts(lang)
            if spec.type == "level" and spec.scale:
                descriptions = prompts.scales[spec.scale]
                index = matcher.best(text, descriptions)
                if index is not None:
                    return Reading(index, f"similar_to_option:{lang}", FUZZY_CONFIDENCE)
            elif spec.vocabulary:
                values = spec.values()
                index = matcher.best(text, [prompts.value_label(spec.vocabulary, v) for v in values])
                if index is not None:
                    return Reading(values[index], f"similar_to_option:{lang}", FUZZY_CONFIDENCE)
        return None

    def extract(self, text: str, today: date) -> list[tuple[str, Any, str]]:
        return [(e.slot, e.value, e.method) for e in extract_slots(text, today)]

    def extract_with_spans(self, text: str, today: date) -> list[tuple[str, Any, str, str]]:
        return [(e.slot, e.value, e.method, e.matched) for e in extract_slots(text, today)]

    def correction(self, text: str) -> Correction | None:
        """A fix to an earlier answer. When the owner says something was wrong without
        saying what ("아까 답 틀렸어요"), `slot` is None."""
        found = detect_correction(text)
        if found is None:
            return None
        return Correction(slot=found.slot, value=found.value)

    @staticmethod
    def alternatives(slot: str, text: str, value: Any) -> list[Any]:
        """Other values the words behind a guessed reading point to ("농업용 드론 만드는":
        agri-food, or manufacturing), offered beside "맞아요" when it is read back."""
        if slot != "company.industry":
            return []
        match = find_industry(text)
        return [i.value for i in (match.industry, *match.others) if i.value != value] if match else []

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
