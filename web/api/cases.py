"""GET /api/cases/{case_id}/brief (contracts.md §5): for signed-in mentors and staff only.

Accounts arrive with the mentor console; until then no caller is signed in, so the brief
is never served over HTTP. Mentors read briefs with `intake brief show`."""

from typing import Annotated

from fastapi import APIRouter, Path

from web.errors import ApiError

router = APIRouter(prefix="/api/cases")


@router.get("/{case_id}/brief")
def read_brief(case_id: Annotated[str, Path(min_length=1, max_length=64)]) -> None:
    raise ApiError(401, "unauthorized", "Sign in as a mentor or staff member to read a brief.")
