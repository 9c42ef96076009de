"""Every sentence the assistant says, per language, loaded from prompts/<lang>.yaml and
checked against the intake flow so a missing question is caught at start, not mid-chat."""

import string
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")
PROMPTS_DIR = Path(__file__).resolve().parent


class SlotText(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    question: str
    example: str
    # The question asked instead when a flow condition (assistant/flow.py) holds, first match wins.
    question_if: dict[str, str] = {}
    # What an answer to this question must say, for a re-ask that names what was unclear.
    hint: str = ""


class Units(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    people: str
    year: str
    per_year: str
    won: str
    man: str
    eok: str


class Say(BaseModel):
    """Sentences the engine composes turns from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    example: str
    reprompt: str
    unclear: str
    noted: str
    note_range: str
    note_sum: str
    note_current: str
    readback: str
    confirm_yes: str
    confirm_fix: str
    confirmed: str
    noted_unknown: str
    noted_skip: str
    noted_raw: str
    corrected: str
    correction_ask: str
    back: str
    back_none: str
    side_source: str
    resume: str
    empty: str
    summary_header: str
    summary_line: str
    summary_skipped: str
    summary_unknown: str
    fix_option: str
    contact_required: str
    consent_notice: str
    consent_yes: str
    consent_no: str
    consent_thanks: str
    consent_optional_question: str
    consent_optional_notice: str
    consent_optional_given: str
    consent_optional_refused: str
    consent_refused: str
    contact_marker: str
    contact_after_consent: str
    handed_over: str
    finished: str
    no_contact_finish: str
    speaker_assistant: str
    speaker_owner: str
    source_label: str


class Prompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Lang = "ko"
    greeting: str
    topics: dict[str, str]
    slots: dict[str, SlotText]
    values: dict[str, dict[str, str] | str]
    scales: dict[str, list[str]] = Field(description="Six descriptions, level 0 to 5, per scale")
    units: Units
    say: Say

    def label(self, slot_id: str) -> str:
        return self.slots[slot_id].label

    def value_label(self, vocabulary: str, value: str) -> str:
        table = self.values.get(vocabulary)
        if isinstance(table, dict):
            return table.get(value, value)
        return value

    def word(self, key: Literal["yes", "no", "unknown", "skip"]) -> str:
        value = self.values[key]
        return value if isinstance(value, str) else key


class PromptsError(Exception):
    pass


Model = TypeVar("Model", bound=BaseModel)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def check_placeholders(texts: Iterable[tuple[str, object]], allowed: Mapping[str, frozenset[str]],
                       prefix: str = "") -> None:
    """Refuses a text (a string or a list of them; other values are not texts) using a
    placeholder its name does not allow, so a typo in a prompt file stops the service at start
    instead of failing a `format` call in front of a user. Raises ValueError, as Pydantic
    model validators must."""
    for name, value in texts:
        lines = value if isinstance(value, list) else [value]
        for text in (line for line in lines if isinstance(line, str)):
            unknown = placeholders(text) - allowed.get(name, frozenset())
            if unknown:
                raise ValueError(f"{prefix}{name}: unknown placeholder(s) {sorted(unknown)}")


def load_prompt_file(path: Path, model: type[Model], extra: dict[str, Any], name: str) -> Model:
    """A prompt file validated as `model`; every problem is named by file and field, so a
    missing sentence stops the service at start instead of mid-conversation."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return model.model_validate({**data, **extra})
    except (OSError, yaml.YAMLError) as exc:
        raise PromptsError(f"{name}: {exc}") from exc
    except ValidationError as exc:
        details = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise PromptsError(f"{name}: {details}") from exc


@lru_cache(maxsize=len(LANGS))
def load_prompts(lang: Lang) -> Prompts:
    path = PROMPTS_DIR / f"{lang}.yaml"
    return load_prompt_file(path, Prompts, {"lang": lang}, path.name)
