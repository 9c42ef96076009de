"""What casework refuses. Each class has its stable code; the console says it in Korean
(prompts/errors) and the API answers with its status, so nothing here knows about either.
A case the user may not see is `application.cases.errors.CaseNotFound`."""

from typing import ClassVar

from application.errors import AppError


class CaseworkError(AppError):
    pass


class NotAllowed(CaseworkError):
    """The user sees the case but may not do this to it."""

    code = "forbidden"
    status = 403
    text = "case_forbidden"


class StepRefused(CaseworkError):
    """The workflow does not allow the status change."""

    status = 409


class CaseFinal(StepRefused):
    code = "final"


class StepSkipped(StepRefused):
    """Not the one next step (or no step at all)."""

    code = "skip"


class NeedsAssignee(StepRefused):
    code = "needs_assignee"


class ReasonRequired(StepRefused):
    code = "reason_required"


class Unacceptable(CaseworkError):
    """A missing or too long text, or a person who cannot take the role asked of them."""

    status = 422


class TooLong(Unacceptable):
    code = "too_long"


class NoteRequired(Unacceptable):
    code = "note_required"


class QuestionRequired(Unacceptable):
    code = "question_required"


class AnswerRequired(Unacceptable):
    code = "answer_required"


class UnknownMentor(Unacceptable):
    code = "unknown_mentor"


class UnknownExpert(Unacceptable):
    code = "unknown_expert"


class WrongTeam(Unacceptable):
    code = "wrong_team"


class AlreadyAssigned(Unacceptable):
    code = "already_assigned"


class UnknownRequest(Unacceptable):
    code = "unknown_request"


class AlreadyAnswered(Unacceptable):
    code = "already_answered"


class OverCapacity(CaseworkError):
    """The mentor already holds as many open cases as their capacity; the lead may confirm."""

    code = "over_capacity"
    status = 409
    placeholders: ClassVar[frozenset[str]] = frozenset({"name", "open", "capacity"})

    def __init__(self, *, mentor_id: str, mentor_name: str, open_cases: int, capacity: int) -> None:
        super().__init__(f"{mentor_name} holds {open_cases} open cases of {capacity}",
                         values={"name": mentor_name, "open": open_cases, "capacity": capacity})
        self.mentor_id = mentor_id
        self.mentor_name = mentor_name
        self.open_cases = open_cases
        self.capacity = capacity
