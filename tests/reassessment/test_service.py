"""Re-assessment on SQLite and PostgreSQL, with cases made by real intakes and moved through the
real workflow: T1 is recorded at 성과 리포트 by the mentor holding the case or its team lead,
pre-filled from T0, kept next to T0 with who and when, editable until 종료, and read back for
many cases at once."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from application.accounts import Role, User
from application.cases.errors import CaseNotFound
from application.casework.workflow import STEPS
from application.cli.brief import brief_app
from application.reassessment.errors import InvalidReassessment, NotAtReport, ReassessmentForbidden
from application.reassessment.schemas import ReassessmentInput, parse_input
from application.reassessment.service import ReassessmentService
from assistant.decision.readiness import LEVEL_DIMENSIONS
from tests.casework.helpers import World

# What DAEJEON_MOULD_MAKER's owner said at intake (tests/intake_answers.py), as levels.
INTAKE_LEVELS = {"cloud": 0, "ai": 1, "blockchain": 0, "data": 1, "security": 2}
T1 = {"cloud": 3, "ai": 1, "blockchain": None, "data": 2, "security": 0}


Stores = tuple[sessionmaker[Session], sessionmaker[Session]]


def to_step(world: World, case_id: str, mentor: User, last: str) -> None:
    for step in STEPS[STEPS.index("mentor_assigned"):STEPS.index(last) + 1]:
        world.clock.advance(hours=1)
        world.casework.advance(actor=mentor, case_id=case_id, to=step, note=f"{step} 했어요")


def entry(levels: dict[str, int | None] = T1, summary: str = "클라우드 백업을 도입했어요.",
          programs: list[str] | None = None) -> ReassessmentInput:
    return parse_input({"levels": levels, "summary": summary, "programs_applied": programs or []})


def test_t1_is_recorded_at_the_report_step_next_to_t0_with_who_and_when(world: World, stores: Stores,
                                                                        database_url: str, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = world.intake()
    lead = world.user(Role.lead, "capital", name="이리드")
    mentor = world.user(Role.mentor, "capital", name="박멘토")
    world.casework.assign(actor=lead, case_id=case_id, mentor_id=mentor.id)
    world.casework.advance(actor=lead, case_id=case_id, to="selected")
    to_step(world, case_id, mentor, "report")
    t1 = ReassessmentService(*stores, clock=world.clock)

    draft = t1.draft(actor=mentor, case_id=case_id)
    assert draft.may_record and draft.recorded is None
    assert draft.before == INTAKE_LEVELS and draft.levels == INTAKE_LEVELS and draft.summary == ""
    brief = world.cases.get_brief(case_id)
    applied = next(p.id for p in brief.programs if p.eligibility != "ineligible")
    assert applied in {p.id for p in draft.programs}

    recorded_at = world.clock.advance(hours=2)
    saved = t1.record(actor=mentor, case_id=case_id, entry=entry(programs=[applied]))
    assert (saved.recorded_by_id, saved.recorded_by_name, saved.recorded_at) == (mentor.id, "박멘토", recorded_at)
    assert saved.scores == {"cloud": 60, "ai": 20, "blockchain": None, "data": 40, "security": 0}
    assert t1.current(actor=lead, case_id=case_id) == saved
    again = t1.draft(actor=mentor, case_id=case_id)
    assert again.levels == T1 and again.before == INTAKE_LEVELS and again.programs_applied == [applied]

    # T0 stays as the brief has it; the report compares both.
    report = t1.report(actor=lead, case_id=case_id)
    assert report.brief.contact.email is None
    change = {c.dimension: c for c in report.changes}
    assert (change["cloud"].before, change["cloud"].after, change["cloud"].delta) == (0, 60, 60)
    assert (change["security"].before, change["security"].after, change["security"].delta) == (40, 0, -40)
    assert change["blockchain"].delta is None and change["blockchain"].reassessed
    assert not change["budget_strategy"].reassessed and change["budget_strategy"].after is None
    assert [c.dimension for c in report.changes] == list(brief.readiness.dimensions)

    # Editable until closing; the first time is kept, every save is in the history.
    edited_at = world.clock.advance(hours=1)
    edited = t1.record(actor=lead, case_id=case_id, entry=entry({**T1, "security": 2}, "고쳤어요"))
    assert (edited.recorded_by_name, edited.recorded_at, edited.first_recorded_at) == ("이리드", edited_at, recorded_at)
    assert edited.scores["security"] == 40 and edited.programs_applied == []
    history = world.casework.case(actor=mentor, case_id=case_id).history
    assert [(e.kind, e.actor_name) for e in history if e.kind == "reassessment"] == [("reassessment", "박멘토"),
                                                                                      ("reassessment", "이리드")]
    world.casework.advance(actor=mentor, case_id=case_id, to="closed")
    with pytest.raises(NotAtReport):
        t1.record(actor=mentor, case_id=case_id, entry=entry())
    assert not t1.draft(actor=mentor, case_id=case_id).may_record
    assert t1.current(actor=mentor, case_id=case_id) == edited

    # Many cases at once: T0 for every dimension, T1 for the re-assessed ones, None before T1.
    other = world.intake()
    both = t1.before_after([case_id, other, "no-such-case"])
    assert set(both) == {case_id, other}
    assert both[case_id].before == {n: d.score for n, d in brief.readiness.dimensions.items()}
    assert both[case_id].after == edited.scores and both[case_id].recorded_at == edited_at
    assert both[case_id].status == "closed"
    assert both[other].after is None and both[other].recorded_at is None
    assert t1.before_after([]) == {}

    # `intake brief report` reads the same, as HTML or PDF.
    monkeypatch.setenv("INTAKE_DATABASE_URL", database_url)
    monkeypatch.setenv("INTAKE_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    html = runner.invoke(brief_app, ["report", case_id])
    assert html.exit_code == 0, html.output
    assert "사례 보고서" in html.stdout and "고쳤어요" in html.stdout and "▼ −40" not in html.stdout
    assert "▲ +60" in html.stdout and "minsu@example.com" not in html.stdout
    target = tmp_path / "report.pdf"
    pdf = runner.invoke(brief_app, ["report", case_id, "--format", "pdf", "--output", str(target)])
    assert pdf.exit_code == 0, pdf.output
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "▲ +60" in text and "고쳤어요" in text
    missing = runner.invoke(brief_app, ["report", "no-such-case"])
    assert missing.exit_code == 1 and "No case with id 'no-such-case'." in missing.output


def test_only_the_holder_or_team_lead_records_and_only_at_the_report_step(world: World, stores: Stores) -> None:
    case_id = world.intake()
    staff = world.user(Role.staff)
    lead = world.user(Role.lead, "capital")
    mentor = world.user(Role.mentor, "capital")
    teammate = world.user(Role.mentor, "capital")
    stranger = world.user(Role.mentor, "busan")
    world.casework.assign(actor=staff, case_id=case_id, mentor_id=mentor.id)
    world.casework.advance(actor=staff, case_id=case_id, to="selected")
    to_step(world, case_id, mentor, "solving")
    t1 = ReassessmentService(*stores, clock=world.clock)

    with pytest.raises(NotAtReport):
        t1.record(actor=mentor, case_id=case_id, entry=entry())
    assert not t1.draft(actor=mentor, case_id=case_id).may_record
    world.casework.advance(actor=mentor, case_id=case_id, to="report")
    for refused in (staff, teammate):
        with pytest.raises(ReassessmentForbidden):
            t1.record(actor=refused, case_id=case_id, entry=entry())
        assert not t1.draft(actor=refused, case_id=case_id).may_record
    with pytest.raises(CaseNotFound):
        t1.record(actor=stranger, case_id=case_id, entry=entry())
    with pytest.raises(CaseNotFound):
        t1.report(actor=stranger, case_id=case_id)
    with pytest.raises(InvalidReassessment) as unknown:
        t1.record(actor=mentor, case_id=case_id, entry=entry(programs=["program:not-in-this-brief"]))
    assert unknown.value.fields == {"programs": "unknown_program"}
    assert t1.current(actor=mentor, case_id=case_id) is None
    assert t1.draft(actor=lead, case_id=case_id).may_record
    t1.record(actor=lead, case_id=case_id, entry=entry(dict.fromkeys(LEVEL_DIMENSIONS)))
    assert t1.current(actor=staff, case_id=case_id) is not None
