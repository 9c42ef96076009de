"""/admin/partners: partner portals that embed the chat widget — list, add and edit as
versions, history and restore (the pages of web/pages/admin/items.py)."""

from typing import Any

from application.catalog.versions import ItemKind
from application.partners.schemas import KEY_PATTERN
from web.pages.admin.deps import partner_admin
from web.pages.admin.forms import PARTNER_ANCHORS, partner_data
from web.pages.admin.items import ItemPages, item_router

BLANK_PARTNER: dict[str, Any] = {
    "key": "", "name": "", "title": "", "greeting": "", "title_en": None, "greeting_en": None,
    "colour": "#1f5fbf", "allowed_origins": [], "active": True,
}

router = item_router(ItemPages(
    kind=ItemKind.PARTNER, page="/admin/partners", id_pattern=KEY_PATTERN, id_name="key",
    list_template="staff/admin/partners.html", form_template="staff/admin/partner_form.html", blank=BLANK_PARTNER,
    read_form=partner_data, anchors=PARTNER_ANCHORS, service=partner_admin,
    content=lambda listing: listing.partner, name=lambda listing: listing.partner.name,
))
