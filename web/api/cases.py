"""GET /api/cases/{case_id}/brief (contracts.md §5): for signed-in mentors and staff (the
login cookie of the staff pages). Anonymous callers get 401. Which cases a user may read is
the mentor console's rule (application/casework/access.py); a case they may not see answers 404
like an unknown one, so case ids cannot be probed. The brief holds the owner's contact data,
so every read is written to the personal-data access log before it is answered."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request

from application.accounts import Role, User
from application.privacy.access_log import AccessKind
from web.deps import RuntimeDep
from web.errors import error_responses
from web.login import require_roles

router = APIRouter(prefix="/api/cases", responses=error_responses(400, 401, 403, 404, 409, 422, 503))

CASE_READERS = (Role.admin, Role.staff, Role.lead, Role.mentor, Role.expert)
CaseReader = Annotated[User, Depends(require_roles(*CASE_READERS))]


@router.get("/{case_id}/brief")
def read_brief(request: Request, case_id: Annotated[str, Path(min_length=1, max_length=64)], runtime: RuntimeDep,
               user: CaseReader) -> dict[str, Any]:
    brief = runtime.casework.brief_with_contact(actor=user, case_id=case_id, what=AccessKind.brief_api,
                                                client_address=request.client.host if request.client else None)
    return brief.model_dump(mode="json")
