from fastapi import APIRouter

from web.errors import error_responses

router = APIRouter(responses=error_responses(400))


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
