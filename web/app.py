"""The FastAPI application. Nothing heavy happens at import: the runtime is built when the
app starts (or handed in, when the caller already built it)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from application.runtime import Runtime, build_runtime
from application.settings import Settings
from web.api import cases, health, partners, search, sessions
from web.auth import install_auth
from web.delivery import ModuleStaticFiles, VersionedStaticFiles, install_delivery
from web.errors import install_error_handlers
from web.guards import install_request_guard
from web.pages import admin as kb_admin_pages
from web.pages import admin_access_log
from web.pages import auth as auth_pages
from web.pages import console as console_pages
from web.pages import insights as insights_pages
from web.pages import owner as owner_pages
from web.pages import users as user_pages
from web.ratelimit import RateLimiter
from web.security import install_security_headers
from web.templating import MODULES_PREFIX, STATIC_DIR


def create_app(settings: Settings, *, runtime: Runtime | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.runtime = runtime or build_runtime(settings)
        yield

    app = FastAPI(title="디지털전환 상담 도우미", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.rate_limiter = RateLimiter.from_settings(settings)
    install_error_handlers(app)
    install_request_guard(app, settings.max_body_bytes)
    install_security_headers(app)
    install_auth(app)
    app.include_router(health.router)
    app.include_router(search.router)
    app.include_router(sessions.router)
    app.include_router(partners.router)
    app.include_router(cases.router)
    app.include_router(auth_pages.router)
    app.include_router(owner_pages.router)
    app.include_router(user_pages.router)
    app.include_router(admin_access_log.router)
    app.include_router(insights_pages.router)
    app.include_router(console_pages.router)
    app.include_router(kb_admin_pages.router)
    # Mounted first: /static would otherwise take /static/m/... as a file path.
    app.mount(MODULES_PREFIX, ModuleStaticFiles(directory=STATIC_DIR), name="modules")
    app.mount("/static", VersionedStaticFiles(directory=STATIC_DIR), name="static")
    install_delivery(app)
    return app


def app_from_environment() -> FastAPI:
    """The factory uvicorn's worker processes call."""
    return create_app(Settings())
