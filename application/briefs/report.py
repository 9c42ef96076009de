"""The case report for the agency and its ministry: the case in brief, readiness at intake (T0)
and after mentoring (T1) with the change per dimension and both on one radar, what the
mentoring did (every step with its date and note, the notes, the programs applied) and the
mentor's summary. One typed page context for the HTML page and the PDF, like the brief.

The staff side is Korean (step names come from prompts/console), so the report is too."""

from dataclasses import dataclass

from markupsafe import Markup

from application.briefs.context import Row, local_time
from application.briefs.radar import RadarLayout, radar_svg, readiness_radar
from application.briefs.reassessment import ReassessmentView, reassessment_view
from application.reassessment.schemas import CaseReport
from prompts.brief import Lang, PageText, ReportText, load_brief_prompts
from prompts.console import load_console_prompts

REPORT_LANG: Lang = "ko"
NOTE_KINDS = ("note", "contact")


@dataclass(frozen=True)
class StepView:
    label: str
    at: str
    at_iso: str
    actor: str
    note: str | None


@dataclass(frozen=True)
class NoteView:
    at: str
    at_iso: str
    actor: str
    text: str


@dataclass(frozen=True)
class ReportPage:
    lang: Lang
    text: PageText
    report: ReportText
    title: str
    company_name: str
    facts: tuple[Row, ...]
    radar: RadarLayout
    radar_svg: Markup
    reassessment: ReassessmentView | None
    steps: tuple[StepView, ...]
    notes: tuple[NoteView, ...]


def report_page(case: CaseReport) -> ReportPage:
    lang = REPORT_LANG
    prompts = load_brief_prompts(lang)
    text, report = prompts.page, prompts.report
    statuses = load_console_prompts()
    brief = case.brief
    t1 = case.reassessment
    radar = readiness_radar(brief.readiness, lang, after=t1.scores if t1 else None)
    facts = (
        Row(report.case_id, case.case_id),
        Row(report.status, statuses.status(case.status)),
        Row(report.opened, local_time(case.created_at)),
        Row(report.closed, local_time(case.closed_at) if case.closed_at else "—", muted=case.closed_at is None),
        Row(report.mentor, case.assignee_name or report.nobody, muted=case.assignee_name is None),
        Row(report.team, case.team or report.nobody, muted=case.team is None),
    )
    steps = [StepView(statuses.status("received"), local_time(case.created_at), case.created_at.isoformat(),
                      "", None)]
    steps += [StepView(statuses.status(e.to_status), local_time(e.at), e.at.isoformat(), e.actor_name, e.note)
              for e in case.history if e.kind == "step" and e.to_status]
    notes = tuple(NoteView(local_time(e.at), e.at.isoformat(), e.actor_name, e.note)
                  for e in case.history if e.kind in NOTE_KINDS and e.note)
    return ReportPage(
        lang=lang, text=text, report=report, title=report.title,
        company_name=brief.company.name or text.unnamed_company, facts=facts,
        radar=radar, radar_svg=Markup(radar_svg(radar, element_id="report-radar")),
        reassessment=reassessment_view(brief, t1, case.changes, lang) if t1 else None,
        steps=tuple(steps), notes=notes,
    )
