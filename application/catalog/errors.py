"""What the catalog services (and the partners' versioned edits) refuse; web/ turns these into
pages with messages."""

from application.catalog.schemas import FieldProblem
from application.errors import AppError
from knowledge.loader import Problem


class CatalogError(AppError):
    pass


class InvalidItem(CatalogError):
    """The submitted content fails validation; nothing was saved."""

    code = "invalid_item"
    status = 422

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


class StaleEdit(CatalogError):
    """Someone saved the item after the editor opened it; saving would lose their change."""

    code = "stale_edit"
    status = 409

    def __init__(self, kind: str, item_id: str) -> None:
        super().__init__(f"{kind} {item_id} was changed by someone else")
        self.kind = kind
        self.item_id = item_id


class UnknownItem(CatalogError):
    code = "not_found"
    status = 404
    text = "unknown_item"

    def __init__(self, kind: str, item_id: str, version: int | None = None) -> None:
        super().__init__(f"no {kind} {item_id}" + (f" version {version}" if version is not None else ""))
        self.kind = kind
        self.item_id = item_id
        self.version = version


class ImportRejected(CatalogError):
    """A JSON Lines import with problems; none of its lines were applied."""

    code = "import_rejected"
    status = 422

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
