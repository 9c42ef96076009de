"""What re-assessment refuses. A case the user may not see is
`application.cases.errors.CaseNotFound`; the console says each in Korean (prompts/errors)."""

from application.errors import AppError


class ReassessmentError(AppError):
    pass


class ReassessmentForbidden(ReassessmentError):
    """The user sees the case but is neither the mentor holding it nor its team's lead."""

    code = "reassessment_forbidden"
    status = 403


class NotAtReport(ReassessmentError):
    """T1 is recorded at 성과 리포트 and stays editable until the case is closed."""

    code = "reassessment_step"
    status = 409


class InvalidReassessment(ReassessmentError):
    """The form as sent cannot be stored: `fields` names each field and what is wrong with it
    (an error code of this module), so the form can show it under the field."""

    code = "reassessment_invalid"
    status = 422

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("invalid re-assessment: " + ", ".join(f"{k}: {v}" for k, v in sorted(fields.items())))
        self.fields = fields
