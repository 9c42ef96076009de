"""Middleware that edits answers' headers: the base every such middleware shares, and the
no-store rule of answers with personal data."""

from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.cookies import LOGIN_PATH

# The JSON API and the owner's copy: what they answer is an owner's conversation or a case.
PERSONAL_PREFIXES = ("/api/", "/owner-copy/")


class HeaderEditor:
    """An ASGI middleware that edits the headers of every HTTP answer as it starts; a subclass
    says how in `edit`, which sees the request's scope (its path and state)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def edit(self, scope: Scope, headers: MutableHeaders) -> None:
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Created here so that what the routes put in the request's state is seen in `edit`.
        scope.setdefault("state", {})

        async def send_edited(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.edit(scope, MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, send_edited)


class NoStore(HeaderEditor):
    """Answers with personal data must not be kept by a browser or proxy cache: the JSON API
    and the owner's copy (an owner's answers, turns, contact data, briefs) unless the route
    said otherwise, and every answer to a signed-in user plus the login page (after logout,
    Back must not show a mentor's case list)."""

    def edit(self, scope: Scope, headers: MutableHeaders) -> None:
        state: dict[str, Any] = scope["state"]
        if state.get("login") is not None or scope["path"] == LOGIN_PATH:
            headers["Cache-Control"] = "no-store"
        elif scope["path"].startswith(PERSONAL_PREFIXES):
            headers.setdefault("Cache-Control", "no-store")
