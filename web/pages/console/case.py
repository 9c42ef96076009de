"""The case page: the brief (from the brief's own partials), the conversation, suggested
mentors with the team's load, the history and the actions the user may take.

Contact details are personal data: the page hides them (in the brief and the conversation)
until the user presses 연락처 보기, a POST that writes the access log before the details are
shown and answers with the page itself, so reloading it shows (and logs) them again rather
than leaving them in a bookmarkable address. The PDF, which holds them too, is a logged POST
as well."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from application.briefs import render_brief
from application.casework.schemas import MentorLoad
from application.privacy.access_log import AccessKind
from web.csrf import CsrfProtected
from web.deps import RuntimeDep
from web.pages.console.brief import (
    brief_sections,
    contact_section,
    reassessment_section,
    scoped_stylesheet,
    suggested_mentors,
)
from web.pages.console.contexts import CaseView, Confirmation, labels, steps
from web.pages.console.deps import CaseId, CaseworkDep, ConsoleUser, client_address
from web.templating import templates

router = APIRouter(prefix="/console")
VERSIONED_CACHE = "public, max-age=31536000, immutable"


def _confirmation(request: Request, mentors: list[MentorLoad], claimants: list[MentorLoad]) -> Confirmation | None:
    wanted = request.query_params.get("confirm_assign")
    for mentor in mentors:
        if mentor.id == wanted:
            return Confirmation(mentor=mentor, claim=False)
    if request.query_params.get("confirm_claim") and claimants:
        return Confirmation(mentor=claimants[0], claim=True)
    return None


def case_page(request: Request, user: ConsoleUser, casework: CaseworkDep, runtime: RuntimeDep, case_id: str, *,
              reveal: bool = False) -> Response:
    viewed = casework.view(actor=user, case_id=case_id, reveal=reveal, client_address=client_address(request))
    detail = viewed.detail
    team = detail.summary.team
    team_mentors = casework.mentor_loads(team=team) if team else []
    assignable = casework.assignable_mentors(actor=user, case_id=case_id) if detail.allowed.assign else []
    claimants = [m for m in team_mentors if m.id == user.id] if detail.allowed.claim else []
    t1 = runtime.reassessment.draft(actor=user, case_id=case_id)
    view = CaseView(
        detail=detail, labels=labels(runtime.kb), steps=steps(detail.summary.status),
        brief_html=brief_sections(detail.brief, t1.recorded), mentors_html=suggested_mentors(detail.brief),
        contact_html=contact_section(detail.brief) if viewed.contact_shown else None,
        transcript=viewed.transcript, mentors=assignable, team_mentors=team_mentors,
        experts=casework.experts() if detail.allowed.ask_expert else [],
        confirmation=_confirmation(request, assignable, claimants),
        brief_css=f"/console/brief.css?v={scoped_stylesheet()[1]}",
        contact_days=casework.contact_days,
        reassessment=t1,
        reassessment_html=reassessment_section(detail.brief, t1.recorded) if t1.recorded else None,
    )
    return templates.TemplateResponse(request, "staff/console/case.html", {"page": view})


@router.get("/brief.css")
def brief_stylesheet() -> Response:
    return Response(scoped_stylesheet()[0], media_type="text/css", headers={"Cache-Control": VERSIONED_CACHE})


@router.get("/cases/{case_id}")
def show_case(request: Request, user: ConsoleUser, casework: CaseworkDep, runtime: RuntimeDep,
              case_id: CaseId) -> Response:
    return case_page(request, user, casework, runtime, case_id)


@router.post("/cases/{case_id}/contact")
def show_contact(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, runtime: RuntimeDep,
                 case_id: CaseId) -> Response:
    return case_page(request, user, casework, runtime, case_id, reveal=True)


@router.post("/cases/{case_id}/brief.pdf")
def download_pdf(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, runtime: RuntimeDep,
                 case_id: CaseId) -> Response:
    brief = casework.brief_with_contact(actor=user, case_id=case_id, what=AccessKind.brief_pdf,
                                        client_address=client_address(request))
    pdf = render_brief(brief, "pdf", reassessment=runtime.reassessment.current(actor=user, case_id=case_id))
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="brief-{case_id}.pdf"'})
