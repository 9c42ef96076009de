"""What crosses the catalog boundary besides the knowledge package's own models."""

from pydantic import BaseModel


class FieldProblem(BaseModel):
    """One validation problem: the dotted field it belongs to (as `intake kb validate`
    prints it), the validator's message, and a code naming the kind of problem."""

    field: str
    message: str
    code: str
