"""T0 and T1 on one scale. T1 is scored by the intake's own formula
(assistant.decision.readiness.dimension_scores) from the levels the mentor recorded, so a
level means the same points at both ends; T0 is the score the brief was made with."""

from collections.abc import Mapping

from application.reassessment.schemas import DimensionChange, Reassessment
from assistant.decision.brief import NeedsBrief
from assistant.decision.readiness import LEVEL_DIMENSIONS, Readiness, dimension_scores


def slot_of(dimension: str) -> str:
    return f"readiness.{dimension}"


def before_levels(brief: NeedsBrief) -> dict[str, int | None]:
    """The 0–5 level the owner gave at intake per re-assessed dimension; None when unknown."""
    levels: dict[str, int | None] = {}
    for dimension in LEVEL_DIMENSIONS:
        slot = brief.slots.get(slot_of(dimension))
        value = slot.value if slot is not None and slot.status == "answered" else None
        levels[dimension] = value if isinstance(value, int) and not isinstance(value, bool) else None
    return levels


def after_scores(levels: Mapping[str, int | None]) -> dict[str, int | None]:
    """T1 score per re-assessed dimension."""
    scores = dimension_scores({slot_of(d): level for d, level in levels.items() if level is not None})
    return {d: scores[d] for d in LEVEL_DIMENSIONS}


def before_scores(readiness: Readiness) -> dict[str, int | None]:
    return {name: result.score for name, result in readiness.dimensions.items()}


def changes(readiness: Readiness, after: Reassessment | None) -> list[DimensionChange]:
    """Every dimension of the brief, in its order, with T1 where it was re-assessed."""
    t1 = after.scores if after is not None else {}
    return [DimensionChange(dimension=name, before=result.score, after=t1.get(name),
                            reassessed=after is not None and name in t1)
            for name, result in readiness.dimensions.items()]
