"""Browser-facing protections: security headers on every page and script, the
Content-Security-Policy of the embeddable chat (`/embed`), and the Origin check of requests
that change state."""

from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from starlette.datastructures import MutableHeaders
from starlette.types import Scope

from application.partners.schemas import Partner
from web.middleware import HeaderEditor

# Pages load scripts, styles and fonts from /static only (no inline script or style
# attribute; a script may still set styles through the DOM). `data:` images cover small
# inline SVG icons in CSS.
_PAGE_POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'self'",),
}
REFERRER_POLICY = "same-origin"
_GUARDED_TYPES = ("text/html", "javascript", "application/ecmascript")


def _render(policy: dict[str, tuple[str, ...]]) -> str:
    return "; ".join(f"{directive} {' '.join(sources)}" for directive, sources in policy.items())


PAGE_CSP = _render(_PAGE_POLICY)


def embed_csp(partner: Partner) -> str:
    """The policy of the chat page a partner's site frames: like every page, except that only
    the partner's registered origins may frame it."""
    return _render({**_PAGE_POLICY, "frame-ancestors": tuple(partner.allowed_origins) or ("'none'",)})


class SecurityHeaders(HeaderEditor):
    """Adds nosniff to every answer, and Referrer-Policy plus the page CSP to HTML and
    JavaScript answers whose route did not set a CSP of its own (as /embed does)."""

    def edit(self, scope: Scope, headers: MutableHeaders) -> None:
        headers.setdefault("X-Content-Type-Options", "nosniff")
        content_type = headers.get("content-type", "").lower()
        if any(kind in content_type for kind in _GUARDED_TYPES):
            headers.setdefault("Referrer-Policy", REFERRER_POLICY)
            headers.setdefault("Content-Security-Policy", PAGE_CSP)


def install_security_headers(app: FastAPI) -> None:
    app.add_middleware(SecurityHeaders)


def is_own_origin(request: Request, origin: str) -> bool:
    """Whether a page of this service sent the request: its Origin names the host (and port)
    the request was sent to. The scheme is not compared, so a TLS-terminating proxy that
    forwards plain HTTP without `--proxy-headers` does not make the service refuse itself."""
    netloc = urlsplit(origin.strip()).netloc.lower()
    return netloc != "" and netloc == request.url.netloc.lower()


def refused_origin(request: Request, partner: Partner | None) -> str | None:
    """The request's Origin when one was sent and it is neither this service nor an origin the
    partner registered; None when the request may go on. Pages of this service (the chat and
    the widget's frame) are same-origin, so they always pass."""
    origin = request.headers.get("origin")
    if origin is None:
        return None
    if is_own_origin(request, origin):
        return None
    if partner is not None and partner.allows(origin):
        return None
    return origin
