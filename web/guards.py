"""Checks every request passes before any route reads it: the body's size, taken as it arrives,
and text no database can store. PostgreSQL refuses a NUL character in any text and neither
database takes a lone UTF-16 surrogate (a JSON `"\\ud800"` decodes to one); caught in a query,
either would be a 500. Refusals answer like every other error (web/errors.py).

Headers are not checked here because a NUL in one never arrives: uvicorn's HTTP parsers
(httptools, and h11) answer such a request 400 and close the connection before the app sees it
(tests/web/test_connections.py). The one way a header spells a NUL is a quoted cookie's octal
escape (`"\\000"`), which Starlette decodes; the service's cookies are only hashed or compared.
Multipart bodies (the knowledge-base import's file) are not read here either: the entry schema
refuses an imported text that decodes to a NUL or a lone surrogate (knowledge/schema.py)."""

import json
import re
from collections.abc import Iterable
from typing import Any, ClassVar
from urllib.parse import parse_qsl

from fastapi import FastAPI
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.errors import WebError, error_response
from web.pages.admin.kb import IMPORT_PATH, MAX_IMPORT_BYTES

# What a request of the service may never carry in its text.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The knowledge-base import form carries a file: its own limit plus room for the form around it.
_UPLOAD_LIMITS = {IMPORT_PATH: MAX_IMPORT_BYTES + 64 * 1024}


class BodyTooLarge(WebError):
    code = "body_too_large"
    status = 413
    placeholders: ClassVar[frozenset[str]] = frozenset({"kilobytes"})

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body over {limit} bytes", values={"kilobytes": max(1, limit // 1024)})


class UnstorableText(WebError):
    code = "invalid_text"
    status = 400

    def __init__(self, where: str) -> None:
        super().__init__(f"the {where} holds a NUL character or a lone surrogate")


def _unstorable(texts: Iterable[str]) -> bool:
    return any(_UNSTORABLE.search(text) for text in texts)


def _json_texts(value: Any) -> Iterable[str]:
    """Every string of a JSON document, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _json_texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_texts(item)


def _body_unstorable(content_type: str, body: bytes) -> bool:
    """A JSON or form body with unstorable text; one that does not parse is left to the route,
    which answers it as it always does."""
    if content_type.startswith("application/json"):
        try:
            return _unstorable(_json_texts(json.loads(body)))
        except ValueError:
            return False
    if content_type.startswith("application/x-www-form-urlencoded"):
        fields = parse_qsl(body.decode("latin-1"), keep_blank_values=True)
        return b"%00" in body or _unstorable(text for field in fields for text in field)
    return False


class RequestGuard:
    """Reads the body itself, up to the limit, before handing the request on: a declared
    Content-Length over it is refused unread, and a streamed body is refused as soon as its
    chunks pass it. The route then reads the checked copy."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _unstorable([scope["path"]]) or b"%00" in scope["query_string"].lower() or b"\x00" in scope["query_string"]:
            await self._refuse(scope, send, UnstorableText("address"))
            return
        if scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        limit = _UPLOAD_LIMITS.get(scope["path"], self.max_body_bytes)
        headers = {name.lower(): value for name, value in scope["headers"]}
        declared = headers.get(b"content-length", b"").strip()
        if declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, send, BodyTooLarge(limit))
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._refuse(scope, send, BodyTooLarge(limit))
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if _body_unstorable(headers.get(b"content-type", b"").decode("latin-1").lower(), body):
            await self._refuse(scope, send, UnstorableText("body"))
            return
        await self.app(scope, _replay(body, receive), send)

    async def _refuse(self, scope: Scope, send: Send, error: WebError) -> None:
        request = Request(scope)
        await error_response(request, error)(scope, _nothing, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The checked body once, then whatever the server says next (a disconnect)."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _nothing() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def install_request_guard(app: FastAPI, max_body_bytes: int) -> None:
    app.add_middleware(RequestGuard, max_body_bytes=max_body_bytes)
