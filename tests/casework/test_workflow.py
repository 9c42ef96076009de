"""The workflow's rules on their own: one step at a time in the seed's order, rejection with a
reason from any open step, closed and rejected final, a mentor needed from 멘토 지정 on."""

from typing import get_args

import pytest

from application.casework.errors import StepRefused
from application.casework.schemas import EventKind
from application.casework.workflow import (
    FINAL,
    OPEN,
    STATUSES,
    STEPS,
    advance,
    next_step,
    normalise,
    reject,
)
from prompts.console import load_console_prompts


def test_steps_follow_the_knowledge_mentoring_process() -> None:
    assert STEPS == ("received", "selected", "mentor_assigned", "interview", "site_visit", "solving", "report",
                     "closed")
    status = "received"
    seen = [status]
    while (following := next_step(status)) is not None:
        status = advance(status, to=following, has_assignee=True)
        seen.append(status)
    assert tuple(seen) == STEPS


@pytest.mark.parametrize("start", OPEN)
def test_no_step_can_be_skipped_or_repeated_or_undone(start: str) -> None:
    here = STEPS.index(start)
    for target in STEPS:
        if STEPS.index(target) == here + 1:
            continue
        with pytest.raises(StepRefused) as refused:
            advance(start, to=target, has_assignee=True)  # type: ignore[arg-type]
        assert refused.value.code == "skip"


def test_mentor_assigned_and_later_need_someone_holding_the_case() -> None:
    assert advance("received", to="selected", has_assignee=False) == "selected"
    with pytest.raises(StepRefused) as refused:
        advance("selected", to="mentor_assigned", has_assignee=False)
    assert refused.value.code == "needs_assignee"
    with pytest.raises(StepRefused):
        advance("interview", to="site_visit", has_assignee=False)


@pytest.mark.parametrize("start", OPEN)
def test_any_open_step_can_be_rejected_with_a_reason(start: str) -> None:
    assert reject(start, reason="지원 대상 업종이 아니에요") == "rejected"
    for blank in ("", "   \n"):
        with pytest.raises(StepRefused) as refused:
            reject(start, reason=blank)
        assert refused.value.code == "reason_required"


@pytest.mark.parametrize("final", sorted(FINAL))
def test_closed_and_rejected_are_final(final: str) -> None:
    assert next_step(final) is None  # type: ignore[arg-type]
    for target in STEPS:
        with pytest.raises(StepRefused) as refused:
            advance(final, to=target, has_assignee=True)  # type: ignore[arg-type]
        assert refused.value.code == "final"
    with pytest.raises(StepRefused):
        reject(final, reason="다시 반려")  # type: ignore[arg-type]


def test_cases_from_before_the_workflow_are_received() -> None:
    assert normalise("new") == "received"
    assert normalise("solving") == "solving"
    with pytest.raises(StepRefused):
        normalise("lost")


def test_every_status_and_history_entry_has_a_korean_name() -> None:
    text = load_console_prompts()
    assert set(text.statuses) == set(STATUSES)
    assert set(text.events) == set(get_args(EventKind))
