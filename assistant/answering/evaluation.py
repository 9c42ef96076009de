"""Side-answer quality on a question file: the share of answers of the right kind.

A question's `expect` names the right answer: a service answer (which one), an entry answer
(one of `entries`, the asked `aspect`, and whether the material states it — an answer with
the passage when `stated`, the "not in our material" answer when not), small talk, or a
refusal. An answer is right when all of that matches. Beside it: refusal on the questions
that should be refused, false refusal on the others, and the share of entry questions whose
entry is among the search's top three (R@3)."""

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from assistant.answering.models import AnswerKind, SideAnswer
from prompts.answers import Aspect, Service

RECALL_DEPTH = 3


class Expect(BaseModel):
    kind: AnswerKind
    service: Service | None = None
    entries: list[str] = Field(default_factory=list)
    aspect: Aspect | None = None
    stated: bool | None = None


class QuestionCase(BaseModel):
    id: str
    lang: Literal["ko", "en"] = "ko"
    persona: str = ""
    question: str
    expect: Expect


Answerer = Callable[[QuestionCase], SideAnswer]


class QuestionOutcome(BaseModel):
    id: str
    expected: Expect
    kind: AnswerKind
    key: str
    stated: bool | None
    right: bool
    entry_in_top3: bool | None


class AnswerReport(BaseModel):
    n: int
    right: float = Field(description="Share of answers of the right kind")
    by_kind: dict[str, float]
    abstain_rate: float
    false_abstain_rate: float
    entry_recall_at_3: float | None
    entry_right_ignoring_aspect: float | None
    cases: list[QuestionOutcome]


def load_questions(path: Path) -> list[QuestionCase]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [QuestionCase.model_validate_json(line) for line in lines if line.strip()]


def is_right(expect: Expect, answer: SideAnswer) -> bool:
    if answer.kind != expect.kind:
        return False
    if expect.kind == "service":
        return answer.service == expect.service
    if expect.kind == "entry":
        return (answer.entry in expect.entries and answer.aspect == expect.aspect
                and answer.stated == (expect.stated if expect.stated is not None else True))
    return True


def _share(flags: Sequence[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 0.0


def evaluate_answers(answerer: Answerer, cases: Sequence[QuestionCase]) -> AnswerReport:
    outcomes = []
    for case in cases:
        answer = answerer(case)
        top = answer.candidates[:RECALL_DEPTH]
        outcomes.append(QuestionOutcome(
            id=case.id, expected=case.expect, kind=answer.kind, key=answer.key, stated=answer.stated,
            right=is_right(case.expect, answer),
            entry_in_top3=any(e in top for e in case.expect.entries) if case.expect.kind == "entry" else None,
        ))
    kinds = sorted({o.expected.kind for o in outcomes})
    refuse = [o for o in outcomes if o.expected.kind == "abstain"]
    others = [o for o in outcomes if o.expected.kind != "abstain"]
    entries = [o for o in outcomes if o.expected.kind == "entry"]
    return AnswerReport(
        n=len(outcomes),
        right=_share([o.right for o in outcomes]),
        by_kind={k: _share([o.right for o in outcomes if o.expected.kind == k]) for k in kinds},
        abstain_rate=_share([o.kind == "abstain" for o in refuse]),
        false_abstain_rate=_share([o.kind == "abstain" for o in others]),
        entry_recall_at_3=_share([bool(o.entry_in_top3) for o in entries]) if entries else None,
        entry_right_ignoring_aspect=_share([o.kind == "entry" and o.key.split("#")[0] in o.expected.entries
                                            for o in entries]) if entries else None,
        cases=outcomes,
    )
