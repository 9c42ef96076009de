"""The re-assessment as people read it: per dimension T0, T1 and the change, said with an
arrow and a signed number and, for screen readers and print, in words ("20점 올랐어요"), so the
direction never rests on colour; and the summary, the programs applied, who recorded it.
The brief (HTML, PDF), the console's case page and the case report all show this view."""

from dataclasses import dataclass, replace
from typing import Literal

from markupsafe import Markup

from application.briefs.context import BriefPage, local_time
from application.briefs.radar import radar_svg, readiness_radar
from application.reassessment.schemas import DimensionChange, Reassessment
from application.reassessment.scores import changes
from assistant.decision.brief import NeedsBrief
from prompts.brief import Lang, ReportText, load_brief_prompts
from prompts.particles import format_text

Direction = Literal["up", "down", "same", "none"]


@dataclass(frozen=True)
class ChangeView:
    key: str
    label: str
    before: str
    after: str
    direction: Direction  # "none": not re-assessed, or unknown at either end
    mark: str  # "▲ +20", "▼ −20", "= 0", or "" when there is no change to show
    words: str  # "20점 올랐어요", "다시 재지 않았어요"
    reassessed: bool


@dataclass(frozen=True)
class ReassessmentView:
    text: ReportText
    changes: tuple[ChangeView, ...]
    summary: str
    programs_applied: tuple[str, ...]
    recorded: str


def change_view(change: DimensionChange, label: str, lang: Lang) -> ChangeView:
    prompts = load_brief_prompts(lang)
    text, page = prompts.report, prompts.page

    def score(value: int | None) -> str:
        return page.unknown if value is None else format_text(page.points, score=value)

    before = score(change.before)
    if not change.reassessed:
        return ChangeView(change.dimension, label, before, "—", "none", "", text.not_reassessed, False)
    delta = change.delta
    if delta is None:
        return ChangeView(change.dimension, label, before, score(change.after), "none", "", text.not_comparable, True)
    if delta > 0:
        direction: Direction = "up"
        mark, words = format_text(text.up, delta=delta), format_text(text.up_words, delta=delta)
    elif delta < 0:
        direction = "down"
        mark, words = format_text(text.down, delta=-delta), format_text(text.down_words, delta=-delta)
    else:
        direction, mark, words = "same", text.same, text.same_words
    return ChangeView(change.dimension, label, before, score(change.after), direction, mark, words, True)


def reassessment_view(brief: NeedsBrief, reassessment: Reassessment, changes: list[DimensionChange],
                      lang: Lang) -> ReassessmentView:
    prompts = load_brief_prompts(lang)
    names = {p.id: p.name for p in brief.programs}
    return ReassessmentView(
        text=prompts.report,
        changes=tuple(change_view(c, prompts.dimensions.get(c.dimension, c.dimension), lang) for c in changes),
        summary=reassessment.summary,
        programs_applied=tuple(names.get(p, p) for p in reassessment.programs_applied),
        recorded=format_text(prompts.report.recorded, name=reassessment.recorded_by_name,
                             at=local_time(reassessment.recorded_at)),
    )


def with_reassessment(page: BriefPage, brief: NeedsBrief, reassessment: Reassessment | None) -> BriefPage:
    """The brief's page with T1: the radar draws it over T0 and the change section is shown."""
    if reassessment is None:
        return page
    radar = readiness_radar(brief.readiness, page.lang, after=reassessment.scores)
    view = reassessment_view(brief, reassessment, changes(brief.readiness, reassessment), page.lang)
    return replace(page, radar=radar, radar_svg=Markup(radar_svg(radar, element_id="readiness-radar")),
                   reassessment=view)
