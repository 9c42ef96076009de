"""How answers travel: compressed (brotli where the browser takes it, gzip otherwise), static
files cached for good when asked for by their fingerprinted address, pages always revalidated.

A page's HTML names its styles and scripts by content hash (`asset_url`, `?v=<hash>`), so a
browser keeps those for a year and asks again only for the page; a changed file gets a new
address. The WOFF2 font is brotli inside already and is sent as it is."""

from urllib.parse import parse_qs

from brotli_asgi import BrotliMiddleware
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import Scope

from web.middleware import HeaderEditor
from web.templating import asset_url, module_digest

VERSIONED_CACHE = "public, max-age=31536000, immutable"
# Pages and unversioned files: kept, but checked with the server (ETag) before each use.
REVALIDATE = "no-cache"
# Smaller answers gain nothing from compression.
MINIMUM_SIZE = 500
ALREADY_COMPRESSED = [r"^/fonts/"]


class VersionedStaticFiles(StaticFiles):
    """/static: cached for a year when asked for with the file's current hash (`?v=`), else
    revalidated, so an old address never pins new content or the other way round."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        asked = parse_qs(scope.get("query_string", b"").decode()).get("v", [""])[0]
        current = asset_url(path).rsplit("v=", 1)[1] if response.status_code in (200, 304) else None
        response.headers["Cache-Control"] = VERSIONED_CACHE if asked and asked == current else REVALIDATE
        return response


class ModuleStaticFiles(StaticFiles):
    """/static/m/<hash>/<folder>/<file>: an ES-module folder under its fingerprint. The file is
    served from /static/<folder>/<file>; it is cached for a year when <hash> is the folder's
    current one, else revalidated (an old page asking for an old address gets today's file)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        digest, _, rest = path.partition("/")
        response = await super().get_response(rest, scope)
        folder = rest.rpartition("/")[0]
        current = response.status_code in (200, 304) and folder != "" and digest == module_digest(folder)
        response.headers["Cache-Control"] = VERSIONED_CACHE if current else REVALIDATE
        return response


class PageCaching(HeaderEditor):
    """Pages (HTML) whose route set no caching of its own are revalidated on every visit."""

    def edit(self, scope: Scope, headers: MutableHeaders) -> None:
        if headers.get("content-type", "").startswith("text/html"):
            headers.setdefault("Cache-Control", REVALIDATE)


def install_delivery(app: FastAPI) -> None:
    """Caching of pages, then compression around everything (added last, so outermost)."""
    app.add_middleware(PageCaching)
    app.add_middleware(BrotliMiddleware, minimum_size=MINIMUM_SIZE, gzip_fallback=True,
                       excluded_handlers=ALREADY_COMPRESSED)
