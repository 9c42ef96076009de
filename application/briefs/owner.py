"""The owner's copy as a page: the readiness chart with a line per dimension, the best programs
with why they fit and what must still be checked, and the next step. Built from OwnerCopy,
which holds nothing the owner may not see (no contact data, mentors or vendors)."""

from dataclasses import dataclass

from markupsafe import Markup

from application.briefs.context import DimensionView, ProgramView, cited_reasons, dimension_view, local_time
from application.briefs.radar import RadarLayout, radar_svg, readiness_radar
from assistant.decision.owner import OwnerCopy
from prompts.brief import Lang, PageText, load_brief_prompts
from prompts.particles import format_text


@dataclass(frozen=True)
class OwnerPage:
    lang: Lang
    text: PageText
    title: str
    created_at: str
    overall: DimensionView
    dimensions: tuple[DimensionView, ...]
    radar: RadarLayout
    radar_svg: Markup
    programs: tuple[ProgramView, ...]
    next_step: str


def owner_page(copy: OwnerCopy, lang: Lang | None = None) -> OwnerPage:
    lang = lang or copy.lang
    prompts = load_brief_prompts(lang)
    text = prompts.page
    radar = readiness_radar(copy.readiness, lang)
    programs = []
    for p in copy.programs:
        reasons, sources = cited_reasons(p.reasons, p.citations)
        programs.append(ProgramView(p.id, p.name, p.eligibility, 0, reasons, tuple(p.checks), (), sources))
    next_step = copy.next_step
    if lang != copy.lang and copy.contact_days is not None:  # fixed text: say it in the page's language
        next_step = format_text(prompts.owner.next_step, days=copy.contact_days)
    return OwnerPage(
        lang=lang, text=text, title=text.owner_title, created_at=local_time(copy.created_at),
        overall=dimension_view("overall", text.overall, copy.readiness.overall, lang),
        dimensions=tuple(dimension_view(k, prompts.dimensions.get(k, d.label), d, lang)
                         for k, d in copy.readiness.dimensions.items()),
        radar=radar, radar_svg=Markup(radar_svg(radar, element_id="owner-radar")),
        programs=tuple(programs), next_step=next_step,
    )
