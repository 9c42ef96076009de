"""The case workflow, after KISTI's knowledge mentoring (seed 003): 접수 → 대상 선정 → 멘토
지정 → CEO·CTO 면담(욕구 확인) → 현장 방문·업무 협약 → 욕구 해결 → 성과 리포트 → 종료.
A case moves one step at a time, never skipping; from any open step it can be rejected (반려)
with a reason. Closed and rejected are final.

Cases made before the workflow existed carry the status `new`; migration 0005 renames it to
`received`, and `normalise` reads a stray one the same way."""

from typing import Literal, get_args

from application.casework.errors import CaseFinal, NeedsAssignee, ReasonRequired, StepSkipped

Status = Literal[
    "received", "selected", "mentor_assigned", "interview", "site_visit", "solving", "report", "closed", "rejected"
]
STEPS: tuple[Status, ...] = (
    "received", "selected", "mentor_assigned", "interview", "site_visit", "solving", "report", "closed"
)
STATUSES: tuple[Status, ...] = get_args(Status)
# A new case's status.
FIRST_STATUS: Status = STEPS[0]
FINAL: frozenset[Status] = frozenset({"closed", "rejected"})
OPEN: tuple[Status, ...] = tuple(s for s in STEPS if s not in FINAL)
LEGACY_RECEIVED = "new"
# From this step on someone must hold the case: a mentor is named at 멘토 지정.
NEEDS_ASSIGNEE: frozenset[Status] = frozenset(STEPS[STEPS.index("mentor_assigned"):]) - FINAL
# Reaching the interview means the owner has been spoken to, whether or not 연락함 was pressed.
CONTACTED_FROM: Status = "interview"


def normalise(status: str) -> Status:
    if status == LEGACY_RECEIVED:
        return "received"
    if status not in STATUSES:
        raise StepSkipped(f"unknown case status {status!r}")
    return status


def is_open(status: Status) -> bool:
    return status not in FINAL


def next_step(status: Status) -> Status | None:
    """The one status a case may move forward to, or None when it is final."""
    if status in FINAL:
        return None
    return STEPS[STEPS.index(status) + 1]


def advance(status: Status, *, to: Status, has_assignee: bool) -> Status:
    """Checks a forward move and returns the new status."""
    if status in FINAL:
        raise CaseFinal(f"the case is {status}; nothing follows")
    expected = next_step(status)
    if to != expected:
        raise StepSkipped(f"from {status} the next step is {expected}, not {to}")
    if to in NEEDS_ASSIGNEE and not has_assignee:
        raise NeedsAssignee(f"{to} needs a mentor holding the case")
    return to


def reject(status: Status, *, reason: str) -> Status:
    if status in FINAL:
        raise CaseFinal(f"the case is {status}; it cannot be rejected")
    if not reason.strip():
        raise ReasonRequired("a rejection needs a reason")
    return "rejected"

