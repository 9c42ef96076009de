"""The mentor console: the case queue (/console) and the case page with its actions."""

from fastapi import APIRouter

from web.pages.console import actions, case, queue, reassessment

router = APIRouter()
router.include_router(queue.router)
router.include_router(case.router)
router.include_router(actions.router)
router.include_router(reassessment.router)

__all__ = ["router"]
