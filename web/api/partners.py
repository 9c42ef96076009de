"""The widget's configuration for a partner portal: GET /api/partners/{key}/widget.

widget.js runs on the partner's own pages, so this call is cross-origin. CORS is answered by
hand rather than with a blanket middleware, because the allowed origins are per partner: only
an origin the partner registered gets `Access-Control-Allow-Origin`, any other is refused."""

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel

from application.partners.errors import UnknownPartner
from application.partners.schemas import Partner
from application.partners.service import PartnerService
from web.deps import RuntimeDep
from web.errors import OriginNotAllowed, error_responses
from web.security import refused_origin

router = APIRouter(prefix="/api/partners", responses=error_responses(400, 403, 404, 422))

PartnerKey = Annotated[str, Path(min_length=1, max_length=64)]
# Every answer depends on the Origin header: caches must keep one copy per origin.
_VARY = {"Vary": "Origin"}
PREFLIGHT_MAX_AGE = 600


class WidgetConfig(BaseModel):
    key: str
    title: str
    greeting: str
    title_en: str | None
    greeting_en: str | None
    colour: str


def _partner(partners: PartnerService, key: str) -> Partner:
    try:
        return partners.active(key)
    except UnknownPartner as exc:
        exc.headers.update(_VARY)
        raise


def _cors_headers(request: Request, partner: Partner) -> dict[str, str]:
    refused = refused_origin(request, partner)
    if refused is not None:
        raise OriginNotAllowed(refused, headers=_VARY)
    origin = request.headers.get("origin")
    if origin is not None and partner.allows(origin):
        return {**_VARY, "Access-Control-Allow-Origin": origin}
    return dict(_VARY)


@router.get("/{key}/widget", response_model=WidgetConfig)
def widget_config(request: Request, runtime: RuntimeDep, key: PartnerKey, response: Response) -> WidgetConfig:
    partner = _partner(runtime.partners, key)
    response.headers.update(_cors_headers(request, partner))
    return WidgetConfig(key=partner.key, title=partner.title, greeting=partner.greeting, title_en=partner.title_en,
                        greeting_en=partner.greeting_en, colour=partner.colour)


@router.options("/{key}/widget", status_code=204, response_class=Response)
def widget_config_preflight(request: Request, runtime: RuntimeDep, key: PartnerKey) -> Response:
    partner = _partner(runtime.partners, key)
    headers = _cors_headers(request, partner)
    headers |= {"Allow": "GET, OPTIONS", "Access-Control-Allow-Methods": "GET, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE)}
    return Response(status_code=204, headers=headers)
