"""HTML pages from the typed contexts (context.py, owner.py) with Jinja2, autoescaping on.

The stylesheet is a file in the package, inlined into each page: a page needs nothing from
the network (no CDN, fonts or scripts), so it can be saved, mailed or printed as it is."""

from functools import lru_cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from application.briefs.context import BriefPage, brief_page
from application.briefs.owner import OwnerPage, owner_page
from application.briefs.reassessment import with_reassessment
from application.briefs.report import ReportPage, report_page
from application.reassessment.schemas import CaseReport, Reassessment
from assistant.decision.brief import NeedsBrief
from assistant.decision.owner import OwnerCopy
from prompts.brief import Lang
from prompts.particles import add_particle_filters


@lru_cache(maxsize=1)
def environment() -> Environment:
    made = Environment(
        loader=PackageLoader("application.briefs", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    add_particle_filters(made)
    return made


@lru_cache(maxsize=1)
def stylesheet() -> Markup:
    css = (files("application.briefs") / "static" / "brief.css").read_text(encoding="utf-8")
    return Markup(css.replace("</", "<\\/"))  # a stylesheet can never close its <style> element


def render_page(template: str, page: BriefPage | OwnerPage | ReportPage) -> str:
    return environment().get_template(template).render(page=page, css=stylesheet())


def render_brief_html(brief: NeedsBrief, lang: Lang | None = None, reassessment: Reassessment | None = None) -> str:
    """The mentor's page: every section of the brief, in `lang` (default: the brief's), with
    the re-assessment (T0 → T1) when there is one."""
    return render_page("brief/brief.html", with_reassessment(brief_page(brief, lang), brief, reassessment))


def render_report_html(report: CaseReport) -> str:
    """The case report: T0 → T1, what the mentoring did and the mentor's summary."""
    return render_page("brief/report.html", report_page(report))


def render_owner_html(copy: OwnerCopy, lang: Lang | None = None) -> str:
    """The owner's copy: readiness chart, best programs with why, and the next step."""
    return render_page("brief/owner.html", owner_page(copy, lang))
