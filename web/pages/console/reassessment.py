"""The re-assessment form (T1) and the case report of the console.

GET shows the form: the intake's readiness questions with the chat's scale, pre-filled with
T1 when it was recorded and T0 otherwise. POST (CSRF) checks it with the service's Pydantic
model: a bad field brings the form back (422) with the values as sent and the problem under
the field; a role or step refusal goes back to the case with its notice; a save to the case
page, where T0 → T1 is shown (Post/Redirect/Get). The report is a console page (the brief's
stylesheet, scoped) and a PDF; neither holds contact data, so opening them is not logged."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from application.accounts import User
from application.briefs.html import environment
from application.briefs.report import report_page
from application.briefs.report_pdf import render_report_pdf
from application.reassessment.errors import InvalidReassessment, NotAtReport, ReassessmentForbidden
from application.reassessment.questions import Question, questions
from application.reassessment.schemas import ReassessmentDraft
from application.reassessment.service import ReassessmentService
from assistant.decision.readiness import LEVEL_DIMENSIONS
from prompts import load_prompts
from prompts.console import load_console_prompts
from web.csrf import CsrfProtected
from web.deps import get_runtime
from web.errors import PAGE_LANG, error_text
from web.flash import flash
from web.pages.console.actions import case_href
from web.pages.console.brief import scoped_stylesheet
from web.pages.console.deps import CaseId, ConsoleUser
from web.templating import templates

router = APIRouter(prefix="/console/cases/{case_id}")
UNKNOWN = "unknown"  # the form's value for "the owner does not know" (모름)
REPORT_TEMPLATE = "brief/report.html"


def get_reassessment(request: Request) -> ReassessmentService:
    return get_runtime(request).reassessment


ReassessmentDep = Annotated[ReassessmentService, Depends(get_reassessment)]


@dataclass(frozen=True)
class FormPage:
    draft: ReassessmentDraft
    questions: tuple[Question, ...]
    selected: dict[str, str]  # dimension → the checked radio's value
    before: dict[str, str]  # dimension → T0 as the chat recorded it, for the hint
    summary: str
    programs: frozenset[str]
    errors: dict[str, str]  # form field → error code
    status_label: str


def _level_value(level: int | None) -> str:
    return UNKNOWN if level is None else str(level)


def form_page(draft: ReassessmentDraft, *, selected: dict[str, str] | None = None, summary: str | None = None,
              programs: list[str] | None = None, errors: dict[str, str] | None = None) -> FormPage:
    asked = questions("ko")
    labels = {q.dimension: {str(c.value): c.label for c in q.choices} for q in asked}
    unknown = load_prompts("ko").word("unknown")
    before = {d: labels[d].get(str(level), unknown) if level is not None else unknown
              for d, level in draft.before.items()}
    return FormPage(
        draft=draft, questions=asked,
        selected=selected if selected is not None else {d: _level_value(v) for d, v in draft.levels.items()},
        before=before, summary=summary if summary is not None else draft.summary,
        programs=frozenset(programs if programs is not None else draft.programs_applied),
        errors=errors or {}, status_label=load_console_prompts().status(draft.status),
    )


def _render_form(request: Request, page: FormPage, status_code: int = 200) -> Response:
    return templates.TemplateResponse(request, "staff/console/reassessment.html", {"page": page, "unknown": UNKNOWN},
                                      status_code=status_code)


@router.get("/reassessment")
def show_form(request: Request, user: ConsoleUser, service: ReassessmentDep, case_id: CaseId) -> Response:
    return _render_form(request, form_page(service.draft(actor=user, case_id=case_id)))


def _level(raw: str) -> int | str | None:
    """A radio value as the model reads it: 모름 is None, a digit its level, anything else
    as sent, for the model to refuse."""
    if raw == UNKNOWN:
        return None
    return int(raw) if raw.isdigit() and len(raw) < 3 else raw


@router.post("/reassessment")
async def record(request: Request, user: ConsoleUser, _: CsrfProtected, service: ReassessmentDep,
                 case_id: CaseId) -> Response:
    form = await request.form()
    selected = {d: str(form.get(f"level_{d}", "")) for d in LEVEL_DIMENSIONS}
    summary = str(form.get("summary", ""))
    programs = [str(p) for p in form.getlist("programs")]
    try:
        service.record(actor=user, case_id=case_id, entry={
            "levels": {d: _level(v) for d, v in selected.items() if v},
            "summary": summary, "programs_applied": programs,
        })
    except InvalidReassessment as exc:
        draft = service.draft(actor=user, case_id=case_id)
        page = form_page(draft, selected=selected, summary=summary, programs=programs, errors=dict(exc.fields))
        return _render_form(request, page, status_code=422)
    except (ReassessmentForbidden, NotAtReport) as exc:
        flash(request, error_text(exc, PAGE_LANG), "error")
        return RedirectResponse(case_href(case_id, "reassessment"), status_code=303)
    flash(request, load_console_prompts().notices.reassessed)
    return RedirectResponse(case_href(case_id, "reassessment"), status_code=303)


@dataclass(frozen=True)
class ReportView:
    case_id: str
    company_name: str
    content: Markup
    brief_css: str


def _report_content(user: User, service: ReassessmentService, case_id: str) -> tuple[str, Markup]:
    """The report's content block from its own template, for the console's frame."""
    page = report_page(service.report(actor=user, case_id=case_id))
    template = environment().get_template(REPORT_TEMPLATE)
    context = template.new_context({"page": page, "css": Markup("")})
    return page.company_name, Markup("".join(template.blocks["content"](context)))


@router.get("/report")
def show_report(request: Request, user: ConsoleUser, service: ReassessmentDep, case_id: CaseId) -> Response:
    company, content = _report_content(user, service, case_id)
    view = ReportView(case_id=case_id, company_name=company, content=content,
                      brief_css=f"/console/brief.css?v={scoped_stylesheet()[1]}")
    return templates.TemplateResponse(request, "staff/console/report.html", {"page": view})


@router.get("/report.pdf")
def download_report(user: ConsoleUser, service: ReassessmentDep, case_id: CaseId) -> Response:
    pdf = render_report_pdf(service.report(actor=user, case_id=case_id))
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="report-{case_id}.pdf"'})
