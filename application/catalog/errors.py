"""What the admin services raise; web/ turns these into pages with messages."""

from pydantic import BaseModel

from knowledge.loader import Problem


class FieldProblem(BaseModel):
    """One validation problem: the dotted field it belongs to (as `intake kb validate`
    prints it), the validator's message, and a code naming the kind of problem."""

    field: str
    message: str
    code: str


class AdminError(Exception):
    pass


class InvalidItem(AdminError):
    """The submitted content fails validation; nothing was saved."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


class StaleEdit(AdminError):
    """Someone saved the item after the editor opened it; saving would lose their change."""

    def __init__(self, kind: str, item_id: str) -> None:
        self.kind = kind
        self.item_id = item_id
        super().__init__(f"{kind} {item_id} was changed by someone else")


class UnknownItem(AdminError):
    def __init__(self, kind: str, item_id: str, version: int | None = None) -> None:
        self.kind = kind
        self.item_id = item_id
        self.version = version
        super().__init__(f"no {kind} {item_id}" + (f" version {version}" if version is not None else ""))


class ImportRejected(AdminError):
    """A JSON Lines import with problems; none of its lines were applied."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
