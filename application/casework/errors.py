"""Casework errors. Each carries a stable `code`; the web layer turns them into HTTP answers
and the console into a message, so nothing here knows about either."""


class CaseworkError(Exception):
    code = "casework"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CaseNotFound(CaseworkError):
    """No such case, or one the user may not see: the two look the same, so ids don't leak."""

    code = "not_found"

    def __init__(self, case_id: str) -> None:
        super().__init__(f"no case {case_id!r}")
        self.case_id = case_id


class NotAllowed(CaseworkError):
    """The user sees the case but may not do this to it."""

    code = "forbidden"


class StepRefused(CaseworkError):
    """The workflow does not allow the change (`code`: final, skip, needs_assignee, reason_required)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class InvalidInput(CaseworkError):
    """A missing note or question, or a person who cannot take the role asked of them."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class OverCapacity(CaseworkError):
    """The mentor already holds as many open cases as their capacity; the lead may confirm."""

    code = "over_capacity"

    def __init__(self, *, mentor_id: str, mentor_name: str, open_cases: int, capacity: int) -> None:
        super().__init__(f"{mentor_name} holds {open_cases} open cases of {capacity}")
        self.mentor_id = mentor_id
        self.mentor_name = mentor_name
        self.open_cases = open_cases
        self.capacity = capacity
