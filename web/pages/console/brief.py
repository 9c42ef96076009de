"""The brief inside the case page, from the brief's own partials (application/briefs/templates/
brief/), rendered by the brief's own Jinja environment, so the console shows exactly what
`intake brief show --format html` shows. The contact partial is rendered only when the
user asked to see the contact details.

The brief's stylesheet is written for a page of its own (it styles body, .page, .card); the
console serves it wrapped in `@scope (.brief-embed)`, so it styles the embedded sections and
nothing of the console around them."""

import hashlib
import re
from functools import lru_cache

from markupsafe import Markup

from application.briefs.context import BriefPage, brief_page
from application.briefs.html import environment, stylesheet
from application.briefs.reassessment import with_reassessment
from application.reassessment.schemas import Reassessment
from assistant.decision.brief import NeedsBrief

SECTIONS = ("brief/_profile.html", "brief/_readiness.html", "brief/_programs.html", "brief/_vendors.html",
            "brief/_unknowns.html")
MENTORS = "brief/_mentors.html"
CONTACT = "brief/_contact.html"
CHANGES = "brief/_reassessment.html"
# Page-wide selectors of the stand-alone brief; inside the scope they mean its root.
_PAGE_SELECTORS = re.compile(r"^(?::root|body)\s*\{", re.MULTILINE)


def _render(template: str, page: BriefPage) -> Markup:
    # _readiness.html is shared with the owner's copy; these are the mentor brief's values.
    return Markup(environment().get_template(template).render(
        page=page, section_id="readiness", heading=page.text.section_readiness, show_gap=True))


def brief_sections(brief: NeedsBrief, reassessment: Reassessment | None = None) -> Markup:
    """The brief's sections; with T1 its radar draws T0 and T1 (the change table is the case
    page's own section, `reassessment_section`)."""
    page = with_reassessment(brief_page(brief), brief, reassessment)
    return Markup("").join(_render(name, page) for name in SECTIONS)


def reassessment_section(brief: NeedsBrief, reassessment: Reassessment) -> Markup:
    page = with_reassessment(brief_page(brief), brief, reassessment)
    return Markup(environment().get_template(CHANGES).render(r=page.reassessment, section_id="reassessment"))


def suggested_mentors(brief: NeedsBrief) -> Markup:
    return _render(MENTORS, brief_page(brief))


def contact_section(brief: NeedsBrief) -> Markup:
    return _render(CONTACT, brief_page(brief))


@lru_cache(maxsize=1)
def scoped_stylesheet() -> tuple[str, str]:
    """The brief's stylesheet limited to `.brief-embed`, and a hash of it for the address."""
    css = _PAGE_SELECTORS.sub(":scope {", str(stylesheet()))
    scoped = f"@scope (.brief-embed) {{\n{css}\n}}\n"
    return scoped, hashlib.sha256(scoped.encode()).hexdigest()[:12]
