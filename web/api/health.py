"""Probes. `/health` is the contract's plain answer; `/health/live` says the process answers
(restart it when not), `/health/ready` whether it can serve owners now (send it no traffic
when not): the database answers within a short timeout and the search index is loaded."""

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from application.runtime import Runtime
from application.store.errors import DatabaseError
from retrieval import IndexUnavailable
from web.errors import RETRY_AFTER_OUTAGE, error_responses

router = APIRouter(responses=error_responses(400))

# Seconds the readiness probe waits for the database: well under a load balancer's probe
# timeout, so a hung database reads as "not ready" instead of a probe that never returns.
READY_TIMEOUT = 2.0


class Readiness(BaseModel):
    status: str
    database: str
    index: str


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/health/live")
async def live() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/health/ready", response_model=Readiness, responses={503: {"model": Readiness}})
async def ready(request: Request) -> JSONResponse:
    runtime: Runtime | None = getattr(request.app.state, "runtime", None)
    database = index = "unavailable"
    if runtime is not None:
        database = await _database(runtime)
        index = "ok" if _index_loaded(runtime) else "unavailable"
    ok = database == index == "ok"
    body = Readiness(status="ok" if ok else "unavailable", database=database, index=index)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503,
                        headers=None if ok else {"Retry-After": str(RETRY_AFTER_OUTAGE)})


async def _database(runtime: Runtime) -> str:
    def ping() -> None:
        with runtime.database.connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    try:
        # The thread may stay stuck on a hung server until the store's own timeouts end it;
        # the probe answers in time regardless.
        await asyncio.wait_for(asyncio.to_thread(ping), timeout=READY_TIMEOUT)
    except (TimeoutError, DatabaseError):
        return "unavailable"
    return "ok"


def _index_loaded(runtime: Runtime) -> bool:
    try:
        return runtime.index.count() > 0
    except IndexUnavailable:
        return False
