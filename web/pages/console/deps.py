"""Dependencies of the console pages: who may open the console at all (every staff and mentor
role; what each sees is casework's visibility rule), the casework service, a case id."""

from typing import Annotated

from fastapi import Depends, Path, Request

from application.accounts import Role, User
from application.casework.service import CaseworkService
from web.deps import get_runtime
from web.login import require_roles

CONSOLE_ROLES = (Role.admin, Role.staff, Role.lead, Role.mentor, Role.expert)
ConsoleUser = Annotated[User, Depends(require_roles(*CONSOLE_ROLES))]
CaseId = Annotated[str, Path(min_length=1, max_length=64)]


def get_casework(request: Request) -> CaseworkService:
    return get_runtime(request).casework


CaseworkDep = Annotated[CaseworkService, Depends(get_casework)]


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None
