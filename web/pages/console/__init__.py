"""The mentor console: the case queue (/console) and the case page with its actions."""

from fastapi import APIRouter

from web.pages.console import actions, case, queue, reassessment

# HTML pages and form posts for a browser: not part of the API document.
router = APIRouter()
router.include_router(queue.router, include_in_schema=False)
router.include_router(case.router, include_in_schema=False)
router.include_router(actions.router, include_in_schema=False)
router.include_router(reassessment.router, include_in_schema=False)

__all__ = ["router"]
