"""The owner's pages: the chat at `/`, the same chat for partner portals at `/embed`, the
script partners put on their pages (`/widget.js`), the owner's copy as a fragment the chat
shows at the end, and the assets those pages need (partner theme, owner-copy styles, the
Korean fallback font). Everything a page loads comes from this service: no CDN."""

import hashlib
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from application.briefs.html import stylesheet
from application.partners.errors import UnknownPartner
from application.partners.schemas import Partner
from application.partners.service import PartnerService
from knowledge.sources import article_page
from prompts import Lang
from prompts.web import load_web_text
from web.api.sessions import bearer
from web.delivery import VERSIONED_CACHE
from web.deps import RuntimeDep
from web.errors import FileNotFound
from web.pages.korean_font import FONT_FILE, FONT_MEDIA_TYPE, korean_font
from web.pages.owner_copy import owner_copy_fragment
from web.pages.owner_page import WIDGET_VIA, ChatPage, chat_page, theme
from web.security import embed_csp
from web.templating import STATIC_DIR, templates

router = APIRouter(include_in_schema=False)

LangQuery = Annotated[Lang | None, Query()]
WIDGET_SCRIPT = "widget.js"
_OWNER_STATIC = StaticFiles(directory=STATIC_DIR / "owner")
# Partners copy the snippet once and never touch it again, so /widget.js has no version in
# its address: an hour's caching, then revalidation by ETag.
WIDGET_CACHE = "public, max-age=3600"
THEME_CACHE = "public, max-age=300"


@lru_cache(maxsize=1)
def owner_copy_css() -> tuple[str, str]:
    css = str(stylesheet())
    return css, hashlib.sha256(css.encode()).hexdigest()[:12]


def _render(request: Request, template: str, page: ChatPage | None, lang: Lang, *, status: int = 200,
            headers: dict[str, str] | None = None, **extra: object) -> HTMLResponse:
    context = {"page": page, "lang": lang, "text": load_web_text(lang),
               "copy_css": f"/owner-copy.css?v={owner_copy_css()[1]}", **extra}
    return templates.TemplateResponse(request, template, context, status_code=status, headers=headers)


def _active_partner(partners: PartnerService, key: str) -> Partner | None:
    try:
        return partners.active(key)
    except UnknownPartner:
        return None


@router.get("/", response_class=HTMLResponse)
def owner_chat(request: Request, runtime: RuntimeDep, lang: LangQuery = None) -> HTMLResponse:
    page = chat_page(runtime.engine.flow, lang or "ko", lang_explicit=lang is not None)
    return _render(request, "owner/chat.html", page, page.lang)


@router.get("/embed", response_class=HTMLResponse)
def embed(request: Request, runtime: RuntimeDep, partner: str = "", lang: LangQuery = None,
          via: str | None = None) -> HTMLResponse:
    found = _active_partner(runtime.partners, partner)
    if found is None:
        shown: Lang = lang or "ko"
        return _render(request, "owner/not_found.html", None, shown, status=404)
    page = chat_page(runtime.engine.flow, lang or "ko", lang_explicit=lang is not None, partner=found,
                     in_widget=via == WIDGET_VIA)
    return _render(request, "owner/chat.html", page, page.lang,
                   headers={"Content-Security-Policy": embed_csp(found)})


@router.get("/embed/theme.css")
def embed_theme(runtime: RuntimeDep, partner: str = "") -> Response:
    found = _active_partner(runtime.partners, partner)
    if found is None:
        return Response("/* unknown partner */\n", status_code=404, media_type="text/css")
    colours = theme(found.colour)
    css = (f":root {{ --brand: {colours.brand}; --brand-ink: {colours.ink}; --brand-dark: {colours.dark}; "
           f"--brand-soft: {colours.soft}; }}\n")
    return Response(css, media_type="text/css", headers={"Cache-Control": THEME_CACHE})


@router.get("/widget.js")
async def widget_script(request: Request) -> Response:
    # Served like a static file (ETag, 304 on revalidation), at a fixed address of its own.
    response = await _OWNER_STATIC.get_response(WIDGET_SCRIPT, request.scope)
    response.headers["Content-Type"] = "text/javascript; charset=utf-8"
    response.headers["Cache-Control"] = WIDGET_CACHE
    return response


@router.get("/sources/{slug}", response_class=HTMLResponse)
def source_article(request: Request, slug: Annotated[str, Path(max_length=64)],
                   q: Annotated[str | None, Query(max_length=2000)] = None, lang: LangQuery = None) -> HTMLResponse:
    """A cited article, with the sentence the chat quoted (`q`) marked where the article says it."""
    article = article_page(slug, q)
    if article is None:
        raise FileNotFound(slug)
    return _render(request, "owner/source.html", None, lang or "ko", article=article)


@router.get("/owner-copy.css")
def owner_copy_stylesheet() -> Response:
    return Response(owner_copy_css()[0], media_type="text/css", headers={"Cache-Control": VERSIONED_CACHE})


@router.get("/fonts/{name}")
def fallback_font(request: Request, runtime: RuntimeDep, name: Annotated[str, Path(max_length=64)]) -> FileResponse:
    if name != FONT_FILE:
        raise FileNotFound(name)
    path = korean_font(runtime.settings.data_dir)
    return FileResponse(path, media_type=FONT_MEDIA_TYPE, headers={"Cache-Control": VERSIONED_CACHE})


@router.get("/owner-copy/{session_id}", response_class=HTMLResponse)
def owner_copy(
    request: Request,
    runtime: RuntimeDep,
    session_id: Annotated[str, Path(min_length=1, max_length=64)],
    authorization: Annotated[str | None, Header()] = None,
) -> HTMLResponse:
    """The owner's copy as a fragment for the chat page, in the conversation's language."""
    state = runtime.chat.finished_state(session_id=session_id, token=bearer(authorization))
    html = owner_copy_fragment(runtime.cases.owner_copy(session_id, state), state.lang)
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})
