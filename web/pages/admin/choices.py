"""The options of the admin forms' checkboxes and selects, labelled in Korean."""

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from knowledge.vocabulary import CompanyStage, Industry, Region, SupportType
from prompts import load_prompts


@dataclass(frozen=True)
class Option:
    value: str
    label: str


def _options(vocabulary: str, values: type[StrEnum]) -> list[Option]:
    prompts = load_prompts("ko")
    return [Option(value.value, prompts.value_label(vocabulary, value.value)) for value in values]


@cache
def vocabulary_options() -> dict[str, list[Option]]:
    return {
        "industries": _options("industry", Industry),
        "regions": _options("region", Region),
        "stages": _options("stage", CompanyStage),
        "support_types": _options("support_type", SupportType),
    }
