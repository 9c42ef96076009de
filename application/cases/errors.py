"""What the cases service refuses."""

from application.errors import AppError


class CaseError(AppError):
    pass


class CaseNotFound(CaseError):
    """No such case, or one the user may not see: the two look the same, so ids don't leak."""

    code = "not_found"
    status = 404
    text = "case_not_found"

    def __init__(self, case_id: str) -> None:
        super().__init__(f"no case {case_id!r}")
        self.case_id = case_id


class ConversationNotReady(CaseError):
    """A case is made only from a conversation that finished with consent."""

    code = "not_ready"
    status = 409
    text = "case_not_ready"

    def __init__(self) -> None:
        super().__init__("a case needs a finished conversation with consent")


class BriefsUnavailable(CaseError):
    """This service was opened to read cases only (the CLI's `brief show`), without the
    knowledge base a brief is built from."""

    code = "briefs_unavailable"
    status = 503

    def __init__(self) -> None:
        super().__init__("this case service cannot build briefs")
