"""The case page's forms: each a CSRF-protected POST that changes the case through the
casework service and answers with a redirect back to the page (Post/Redirect/Get), carrying
its outcome as a one-time notice. A refusal the user can fix (a missing reason, a skipped
step, a full mentor) comes back the same way; a case the user may not see is 404 and an
action their role does not allow 403, since the page never offers either."""

from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from application.accounts import User
from application.casework.errors import OverCapacity, StepRefused, Unacceptable
from prompts.console import load_console_prompts
from web.csrf import CsrfProtected
from web.errors import PAGE_LANG, error_text
from web.flash import flash
from web.pages.console.deps import CaseId, CaseworkDep, ConsoleUser

router = APIRouter(prefix="/console/cases/{case_id}")

FormText = Annotated[str, Form(max_length=20_000)]
Checkbox = Annotated[str, Form(max_length=10)]


def case_href(case_id: str, anchor: str = "", **query: str) -> str:
    return f"/console/cases/{case_id}" + (f"?{urlencode(query)}" if query else "") + (f"#{anchor}" if anchor else "")


def act(request: Request, user: User, case_id: str, change: Callable[[], str], *, anchor: str = "notices") -> Response:
    """Runs `change` (which returns the success notice) and redirects back to the case, at the
    notice (staff/base.html), so the page does not scroll past what it just said."""
    try:
        done = change()
    except OverCapacity as exc:
        flash(request, error_text(exc, PAGE_LANG), "error")
        query = {"confirm_claim": "1"} if exc.mentor_id == user.id else {"confirm_assign": exc.mentor_id}
        return RedirectResponse(case_href(case_id, "assign", **query), status_code=303)
    except (StepRefused, Unacceptable) as exc:
        flash(request, error_text(exc, PAGE_LANG), "error")
        return RedirectResponse(case_href(case_id, "actions"), status_code=303)
    flash(request, done)
    return RedirectResponse(case_href(case_id, anchor), status_code=303)


@router.post("/advance")
def advance(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, case_id: CaseId,
            to: FormText = "", note: FormText = "") -> Response:
    text = load_console_prompts()

    def change() -> str:
        casework.advance(actor=user, case_id=case_id, to=to, note=note)
        return text.notices.advanced.format(status=text.status(to))

    return act(request, user, case_id, change)


@router.post("/reject")
def reject(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, case_id: CaseId,
           reason: FormText = "", note: FormText = "") -> Response:
    def change() -> str:
        casework.reject(actor=user, case_id=case_id, reason=reason, note=note)
        return load_console_prompts().notices.rejected

    return act(request, user, case_id, change)


@router.post("/note")
def add_note(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, case_id: CaseId,
             note: FormText = "") -> Response:
    def change() -> str:
        casework.add_note(actor=user, case_id=case_id, note=note)
        return load_console_prompts().notices.noted

    return act(request, user, case_id, change)


@router.post("/contacted")
def contacted(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, case_id: CaseId,
              note: FormText = "") -> Response:
    def change() -> str:
        casework.mark_contacted(actor=user, case_id=case_id, note=note)
        return load_console_prompts().notices.contacted

    return act(request, user, case_id, change)


@router.post("/assign")
def assign(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, case_id: CaseId,
           mentor_id: FormText = "", confirm: Checkbox = "", note: FormText = "") -> Response:
    def change() -> str:
        mentor = casework.assign(actor=user, case_id=case_id, mentor_id=mentor_id, over_capacity=confirm == "1",
                                 note=note)
        return load_console_prompts().notices.assigned.format(name=mentor.name)

    return act(request, user, case_id, change)


@router.post("/take")
def take(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, case_id: CaseId) -> Response:
    def change() -> str:
        casework.take_into_team(actor=user, case_id=case_id)
        return load_console_prompts().notices.taken

    return act(request, user, case_id, change)


@router.post("/claim")
def claim(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, case_id: CaseId,
          confirm: Checkbox = "") -> Response:
    def change() -> str:
        casework.claim(actor=user, case_id=case_id, over_capacity=confirm == "1")
        return load_console_prompts().notices.claimed

    return act(request, user, case_id, change)


@router.post("/hand-back")
def hand_back(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, case_id: CaseId,
              note: FormText = "") -> Response:
    def change() -> str:
        casework.hand_back(actor=user, case_id=case_id, note=note)
        return load_console_prompts().notices.handed_back

    return act(request, user, case_id, change)


@router.post("/ask-expert")
def ask_expert(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, case_id: CaseId,
               expert_id: FormText = "", question: FormText = "") -> Response:
    def change() -> str:
        expert = casework.ask_expert(actor=user, case_id=case_id, expert_id=expert_id, question=question)
        return load_console_prompts().notices.asked.format(name=expert.name)

    return act(request, user, case_id, change, anchor="advice")


@router.post("/advice/{request_id}/answer")
def answer_advice(request: Request, user: ConsoleUser, _: CsrfProtected, casework: CaseworkDep, case_id: CaseId,
                  request_id: Annotated[int, Path(ge=1)], answer: FormText = "") -> Response:
    def change() -> str:
        casework.answer_advice(actor=user, case_id=case_id, request_id=request_id, answer=answer)
        return load_console_prompts().notices.answered

    return act(request, user, case_id, change, anchor="advice")
