"""The re-assessment's questions are the intake's: the same slots, the same wording
(prompts/<lang>.yaml) and the same 0–5 scale descriptions the chat offers as quick replies."""

from dataclasses import dataclass

from application.reassessment.scores import slot_of
from assistant.decision.readiness import LEVEL_DIMENSIONS
from assistant.display import format_value
from assistant.flow import load_flow
from prompts import Lang, load_prompts


@dataclass(frozen=True)
class Choice:
    value: int
    label: str  # "시범적으로 써 봐요", as the chat's summary says it


@dataclass(frozen=True)
class Question:
    dimension: str
    slot_id: str
    label: str
    question: str
    choices: tuple[Choice, ...]


def questions(lang: Lang = "ko") -> tuple[Question, ...]:
    prompts = load_prompts(lang)
    flow = load_flow()
    out = []
    for dimension in LEVEL_DIMENSIONS:
        spec = flow.slot(slot_of(dimension))
        if spec.scale is None:
            raise ValueError(f"{spec.id} has no scale")
        levels = range(len(prompts.scales[spec.scale]))
        out.append(Question(dimension=dimension, slot_id=spec.id, label=prompts.label(spec.id),
                            question=prompts.slots[spec.id].question,
                            choices=tuple(Choice(level, format_value(spec, level, prompts)) for level in levels)))
    return tuple(out)
