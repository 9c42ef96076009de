"""/admin/mentors: the mentor roster — list, add and edit as versions, history and restore
(the pages of web/pages/admin/items.py)."""

from typing import Any

from application.catalog.mentors import MentorAdmin
from application.catalog.versions import ItemKind
from web.pages.admin.choices import vocabulary_options
from web.pages.admin.deps import mentor_admin
from web.pages.admin.forms import MENTOR_ANCHORS, mentor_data
from web.pages.admin.items import ItemPages, item_router

BLANK_MENTOR: dict[str, Any] = {
    "slug": "", "name": {"ko": "", "en": ""}, "tier": 1, "lead": None, "expertise": [], "industries": [],
    "regions": [], "languages": ["ko"], "weekly_capacity": 3, "active": True, "sample": False,
}


def _form_context(mentors: MentorAdmin) -> dict[str, Any]:
    return {"options": vocabulary_options(), "leads": [m.mentor for m in mentors.listings() if m.mentor.tier == 2],
            "known_tags": mentors.known_tags()}


router = item_router(ItemPages(
    kind=ItemKind.MENTOR, page="/admin/mentors", id_pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", id_name="slug",
    list_template="staff/admin/mentors.html", form_template="staff/admin/mentor_form.html", blank=BLANK_MENTOR,
    read_form=mentor_data, anchors=MENTOR_ANCHORS, service=mentor_admin,
    content=lambda listing: listing.mentor, name=lambda listing: listing.mentor.name.ko, form_context=_form_context,
))
