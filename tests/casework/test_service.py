"""The casework service on SQLite and PostgreSQL, with cases made by real intakes: every step in
order with who and when, rejection, closed cases staying closed, assignment within capacity,
claiming and handing back, expert advice, the overdue flag and the queue's filters."""

from datetime import timedelta
from itertools import pairwise

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from application.accounts import Role
from application.cases.errors import CaseNotFound
from application.cases.models import CaseRow
from application.casework.errors import NotAllowed, OverCapacity, StepRefused, Unacceptable
from application.casework.schemas import CaseFilters
from application.casework.workflow import STEPS
from application.privacy.access_log import AccessKind, AccessLog
from tests.casework.helpers import SEOUL_SHOP, World

Stores = tuple[sessionmaker[Session], sessionmaker[Session]]


def test_new_cases_are_received_unassigned_with_their_filter_facts(world: World) -> None:
    case_id = world.intake()
    staff = world.user(Role.staff)
    detail = world.casework.case(actor=staff, case_id=case_id)
    summary = detail.summary
    assert summary.status == "received"
    assert summary.assignee is None and summary.team is None and summary.first_contact_at is None
    assert (summary.region, summary.industry, summary.urgency) == ("daejeon", "manufacturing", "within_3_months")
    brief = world.cases.get_brief(case_id)
    assert summary.programs == [i.removeprefix("program:") for i in brief.top_program_ids(5)]
    assert summary.company_name == "한빛정밀"
    # The case page never carries contact data unless it was asked for.
    assert detail.brief.contact.email is None and brief.contact.email == "minsu@example.com"


def test_a_mentor_moves_a_case_through_every_step_stamped_with_who_and_when(world: World) -> None:
    case_id = world.intake()
    lead = world.user(Role.lead, "capital", name="이리드")
    mentor = world.user(Role.mentor, "capital", name="박멘토")
    world.casework.assign(actor=lead, case_id=case_id, mentor_id=mentor.id, note="대전 금형, 박 멘토님께")
    stamps = []
    for step in STEPS[1:]:
        at = world.clock.advance(hours=3)
        world.casework.advance(actor=mentor, case_id=case_id, to=step, note=f"{step} 메모")
        stamps.append((step, at))
    detail = world.casework.case(actor=mentor, case_id=case_id)
    assert detail.summary.status == "closed"
    assert detail.summary.closed_at == stamps[-1][1]
    # Reaching the interview counts as the first contact.
    assert detail.summary.first_contact_at == dict(stamps)["interview"]
    steps = [e for e in detail.history if e.kind == "step"]
    assert [(e.from_status, e.to_status) for e in steps] == list(pairwise(STEPS))
    assert all(e.actor_id == mentor.id and e.actor_name == "박멘토" for e in steps)
    assert [(e.to_status, e.at, e.note) for e in steps] == [(s, at, f"{s} 메모") for s, at in stamps]
    assign = detail.history[0]
    assert (assign.kind, assign.actor_name, assign.assignee_name, assign.note) == ("assign", "이리드", "박멘토",
                                                                                   "대전 금형, 박 멘토님께")


def test_steps_cannot_be_skipped_and_closed_is_final(world: World) -> None:
    case_id = world.intake()
    staff = world.user(Role.staff)
    with pytest.raises(StepRefused) as skipped:
        world.casework.advance(actor=staff, case_id=case_id, to="interview")
    assert skipped.value.code == "skip"
    world.casework.advance(actor=staff, case_id=case_id, to="selected")
    with pytest.raises(StepRefused) as unheld:
        world.casework.advance(actor=staff, case_id=case_id, to="mentor_assigned")
    assert unheld.value.code == "needs_assignee"
    # A form posted twice (the same `to`) does not move the case twice.
    with pytest.raises(StepRefused):
        world.casework.advance(actor=staff, case_id=case_id, to="selected")

    mentor = world.user(Role.mentor, "capital")
    world.casework.assign(actor=staff, case_id=case_id, mentor_id=mentor.id)
    for step in STEPS[2:]:
        world.casework.advance(actor=mentor, case_id=case_id, to=step)
    other = world.user(Role.mentor, "capital")
    expert = world.user(Role.expert)
    for attempt in (lambda: world.casework.reject(actor=staff, case_id=case_id, reason="늦은 반려"),
                    lambda: world.casework.assign(actor=staff, case_id=case_id, mentor_id=other.id),
                    lambda: world.casework.hand_back(actor=mentor, case_id=case_id, note="돌려놓기"),
                    lambda: world.casework.mark_contacted(actor=mentor, case_id=case_id),
                    lambda: world.casework.ask_expert(actor=mentor, case_id=case_id, expert_id=expert.id,
                                                      question="전략은요?")):
        with pytest.raises(StepRefused) as final:
            attempt()
        assert final.value.code == "final"
    # Notes are not changes: they can still be added to a closed case.
    world.casework.add_note(actor=mentor, case_id=case_id, note="6개월 뒤 성과 다시 확인")
    assert world.casework.case(actor=mentor, case_id=case_id).history[-1].note == "6개월 뒤 성과 다시 확인"


def test_rejecting_needs_a_reason_and_ends_the_case(world: World) -> None:
    case_id = world.intake()
    lead = world.user(Role.lead, "capital")
    with pytest.raises(StepRefused) as blank:
        world.casework.reject(actor=lead, case_id=case_id, reason="  ")
    assert blank.value.code == "reason_required"
    at = world.clock.advance(minutes=5)
    world.casework.reject(actor=lead, case_id=case_id, reason="지원 대상 지역이 아니에요")
    detail = world.casework.case(actor=world.user(Role.admin), case_id=case_id)
    assert detail.summary.status == "rejected" and detail.summary.closed_at == at
    last = detail.history[-1]
    assert (last.kind, last.from_status, last.to_status, last.reason) == ("reject", "received", "rejected",
                                                                          "지원 대상 지역이 아니에요")
    with pytest.raises(StepRefused):
        world.casework.advance(actor=lead, case_id=case_id, to="selected")


def test_a_lead_assigns_within_capacity_unless_confirmed(world: World) -> None:
    lead = world.user(Role.lead, "capital")
    mentor = world.user(Role.mentor, "capital", capacity=1, name="한멘토")
    first, second = world.intake(), world.intake()
    world.casework.assign(actor=lead, case_id=first, mentor_id=mentor.id)
    loads = {m.id: m for m in world.casework.mentor_loads(team="capital")}
    assert (loads[mentor.id].open_cases, loads[mentor.id].capacity, loads[mentor.id].full) == (1, 1, True)
    with pytest.raises(OverCapacity) as full:
        world.casework.assign(actor=lead, case_id=second, mentor_id=mentor.id)
    assert (full.value.mentor_name, full.value.open_cases, full.value.capacity) == ("한멘토", 1, 1)
    assert world.casework.case(actor=lead, case_id=second).summary.assignee is None
    world.casework.assign(actor=lead, case_id=second, mentor_id=mentor.id, over_capacity=True)
    assert world.casework.case(actor=lead, case_id=second).summary.assignee is not None
    # A rejected case no longer counts against the mentor.
    world.casework.reject(actor=lead, case_id=first, reason="중복 접수")
    assert {m.id: m for m in world.casework.mentor_loads(team="capital")}[mentor.id].open_cases == 1


def test_a_lead_assigns_only_to_their_own_teams_mentors(world: World) -> None:
    case_id = world.intake()
    lead = world.user(Role.lead, "capital")
    outsider = world.user(Role.mentor, "southeast")
    expert = world.user(Role.expert)
    with pytest.raises(Unacceptable) as wrong:
        world.casework.assign(actor=lead, case_id=case_id, mentor_id=outsider.id)
    assert wrong.value.code == "wrong_team"
    with pytest.raises(Unacceptable) as not_mentor:
        world.casework.assign(actor=lead, case_id=case_id, mentor_id=expert.id)
    assert not_mentor.value.code == "unknown_mentor"
    mentor = world.user(Role.mentor, "capital")
    with pytest.raises(CaseNotFound):  # the intake pool is for leads and staff
        world.casework.assign(actor=mentor, case_id=case_id, mentor_id=mentor.id)
    world.casework.take_into_team(actor=lead, case_id=case_id)
    with pytest.raises(NotAllowed):  # now the mentor sees it, but assigning is the lead's
        world.casework.assign(actor=mentor, case_id=case_id, mentor_id=mentor.id)


def test_mentors_claim_their_teams_cases_and_hand_them_back(world: World) -> None:
    case_id = world.intake()
    lead = world.user(Role.lead, "capital")
    mentor = world.user(Role.mentor, "capital", name="최멘토")
    other_team = world.user(Role.mentor, "central")
    with pytest.raises(CaseNotFound):  # a pool case is not a mentor's to see
        world.casework.claim(actor=mentor, case_id=case_id)
    world.casework.take_into_team(actor=lead, case_id=case_id)
    with pytest.raises(CaseNotFound):
        world.casework.claim(actor=other_team, case_id=case_id)
    world.casework.claim(actor=mentor, case_id=case_id)
    assert world.casework.case(actor=mentor, case_id=case_id).summary.assignee.name == "최멘토"  # type: ignore[union-attr]
    with pytest.raises(Unacceptable) as silent:
        world.casework.hand_back(actor=mentor, case_id=case_id, note="")
    assert silent.value.code == "note_required"
    world.casework.hand_back(actor=mentor, case_id=case_id, note="현장 방문 일정이 안 맞아요")
    detail = world.casework.case(actor=mentor, case_id=case_id)
    assert detail.summary.assignee is None and detail.summary.team == "capital"
    assert [e.kind for e in detail.history] == ["take", "claim", "hand_back"]
    assert detail.history[-1].note == "현장 방문 일정이 안 맞아요"
    assert detail.allowed.claim


def test_an_expert_sees_and_answers_only_what_they_were_asked(world: World) -> None:
    case_id, other_case = world.intake(), world.intake()
    lead = world.user(Role.lead, "capital")
    mentor = world.user(Role.mentor, "capital")
    expert = world.user(Role.expert, name="정전문")
    second_expert = world.user(Role.expert)
    world.casework.assign(actor=lead, case_id=case_id, mentor_id=mentor.id)
    with pytest.raises(CaseNotFound):
        world.casework.case(actor=expert, case_id=case_id)
    with pytest.raises(Unacceptable):
        world.casework.ask_expert(actor=mentor, case_id=case_id, expert_id=expert.id, question=" ")
    asked = world.casework.ask_expert(actor=mentor, case_id=case_id, expert_id=expert.id,
                                      question="스마트공장과 정책자금 중 무엇을 먼저 할까요?")
    assert asked.name == "정전문"
    detail = world.casework.case(actor=expert, case_id=case_id)
    assert detail.allowed.answer == [detail.advice[0].id]
    assert not (detail.allowed.advance_to or detail.allowed.note or detail.allowed.assign)
    with pytest.raises(NotAllowed):
        world.casework.add_note(actor=expert, case_id=case_id, note="메모")
    with pytest.raises(CaseNotFound):
        world.casework.case(actor=expert, case_id=other_case)
    with pytest.raises(CaseNotFound):
        world.casework.answer_advice(actor=second_expert, case_id=case_id, request_id=detail.advice[0].id,
                                     answer="제가 답할게요")
    world.casework.answer_advice(actor=expert, case_id=case_id, request_id=detail.advice[0].id,
                                 answer="정책자금으로 운영을 안정시키고 스마트공장을 준비하세요")
    advice = world.casework.case(actor=mentor, case_id=case_id).advice[0]
    assert advice.answer and advice.answered_at == world.clock.now and advice.expert.name == "정전문"
    with pytest.raises(Unacceptable) as again:
        world.casework.answer_advice(actor=expert, case_id=case_id, request_id=advice.id, answer="한 번 더")
    assert again.value.code == "already_answered"
    assert [e.kind for e in world.casework.case(actor=mentor, case_id=case_id).history][-2:] == [
        "advice_request", "advice_answer"]


def test_visibility_per_role(world: World) -> None:
    admin, staff = world.user(Role.admin), world.user(Role.staff)
    lead_a, lead_b = world.user(Role.lead, "capital"), world.user(Role.lead, "central")
    mentor_a1, mentor_a2 = world.user(Role.mentor, "capital"), world.user(Role.mentor, "capital")
    mentor_b, loner = world.user(Role.mentor, "central"), world.user(Role.mentor)
    expert, idle_expert = world.user(Role.expert), world.user(Role.expert)

    pool, held_a, team_a, held_b = (world.intake() for _ in range(4))
    world.casework.assign(actor=lead_a, case_id=held_a, mentor_id=mentor_a1.id)
    world.casework.take_into_team(actor=lead_a, case_id=team_a)
    world.casework.assign(actor=lead_b, case_id=held_b, mentor_id=mentor_b.id)
    world.casework.ask_expert(actor=mentor_b, case_id=held_b, expert_id=expert.id, question="판로 전략은요?")

    everything = {pool, held_a, team_a, held_b}
    expected = {
        admin.id: everything, staff.id: everything,
        lead_a.id: {pool, held_a, team_a}, lead_b.id: {pool, held_b},
        mentor_a1.id: {held_a, team_a}, mentor_a2.id: {held_a, team_a}, mentor_b.id: {held_b}, loner.id: set(),
        expert.id: {held_b}, idle_expert.id: set(),
    }
    users = [admin, staff, lead_a, lead_b, mentor_a1, mentor_a2, mentor_b, loner, expert, idle_expert]
    for user in users:
        listed = {c.id for c in world.casework.list_cases(actor=user, filters=CaseFilters()).cases}
        assert listed == expected[user.id], user.role
        for case_id in everything:
            if case_id in expected[user.id]:
                assert world.casework.case(actor=user, case_id=case_id).summary.id == case_id
            else:
                with pytest.raises(CaseNotFound):
                    world.casework.case(actor=user, case_id=case_id)
    # Seeing a teammate's case is not working it.
    with pytest.raises(NotAllowed):
        world.casework.advance(actor=mentor_a2, case_id=held_a, to="selected")
    world.casework.advance(actor=lead_a, case_id=held_a, to="selected")


def test_contact_data_is_shown_only_on_request_and_logged(world: World, stores: Stores) -> None:
    case_id = world.intake()
    staff = world.user(Role.staff)
    hidden = world.casework.view(actor=staff, case_id=case_id)
    assert not hidden.contact_shown and hidden.detail.brief.contact.email is None
    owner_lines = [line for line in hidden.transcript if line.role == "owner"]
    shown_text = "".join(part.text for line in hidden.transcript for part in line.parts)
    assert "minsu@example.com" not in shown_text and "김민수" not in shown_text
    assert any(part.hidden for line in owner_lines for part in line.parts)
    log = AccessLog(stores[0])
    assert log.entries(case_id=case_id) == []

    shown = world.casework.view(actor=staff, case_id=case_id, reveal=True, client_address="10.0.0.7")
    assert shown.detail.brief.contact.email == "minsu@example.com"
    assert "minsu@example.com" in "".join(p.text for line in shown.transcript for p in line.parts)
    world.casework.brief_with_contact(actor=staff, case_id=case_id, what=AccessKind.brief_pdf)
    entries = log.entries(case_id=case_id)
    assert [(e.what, e.user_id) for e in entries] == [(AccessKind.brief_pdf, staff.id),
                                                      (AccessKind.contact_view, staff.id)]
    assert entries[1].client_address == "10.0.0.7"
    # Someone who may not see the case gets nothing, and nothing is logged for them.
    with pytest.raises(CaseNotFound):
        world.casework.brief_with_contact(actor=world.user(Role.mentor, "capital"), case_id=case_id,
                                          what=AccessKind.brief_api)
    assert len(log.entries(case_id=case_id)) == 2


def test_uncontacted_cases_become_overdue_after_two_working_days(world: World) -> None:
    case_id = world.intake()
    staff = world.user(Role.staff)
    created = world.casework.case(actor=staff, case_id=case_id).summary.created_at
    # Ten calendar days always hold more than two working days, whatever holidays fall in them.
    world.clock.now = created + timedelta(days=10)
    summary = world.casework.case(actor=staff, case_id=case_id).summary
    assert summary.overdue and summary.age_days > 2
    world.casework.mark_contacted(actor=staff, case_id=case_id, note="대표님과 통화했어요")
    summary = world.casework.case(actor=staff, case_id=case_id).summary
    assert not summary.overdue and summary.first_contact_at == world.clock.now
    world.clock.now = created
    assert not world.casework.case(actor=staff, case_id=case_id).summary.overdue


def test_queue_filters(world: World) -> None:
    staff = world.user(Role.staff)
    mentor = world.user(Role.mentor, "capital")
    daejeon = world.intake(partner="daejeon-center")
    seoul = world.intake(SEOUL_SHOP)
    world.casework.assign(actor=staff, case_id=seoul, mentor_id=mentor.id)
    world.casework.advance(actor=mentor, case_id=seoul, to="selected")

    def ids(**filters: str) -> set[str]:
        return {c.id for c in world.casework.list_cases(actor=staff, filters=CaseFilters(**filters)).cases}

    assert ids() == {daejeon, seoul}
    assert ids(region="seoul") == {seoul} and ids(industry="manufacturing") == {daejeon}
    assert ids(urgency="within_1_month") == {seoul} and ids(urgency="within_1_year") == set()
    assert ids(partner="daejeon-center") == {daejeon}
    assert ids(status="received") == {daejeon} and ids(status="selected") == {seoul} and ids(status="open") == {
        daejeon, seoul}
    assert ids(region="seoul", industry="manufacturing") == set()
    programs = {c.id: set(c.programs) for c in world.casework.list_cases(actor=staff, filters=CaseFilters()).cases}
    only_daejeon = sorted(programs[daejeon] - programs[seoul])
    assert only_daejeon, "the two briefs recommend the same programs; pick more different intakes"
    assert ids(program=only_daejeon[0]) == {daejeon}
    for shared in programs[daejeon] & programs[seoul]:
        assert ids(program=shared) == {daejeon, seoul}
    assert {c.id for c in world.casework.list_cases(actor=mentor, filters=CaseFilters(holder="mine")).cases} == {
        seoul}
    assert ids(holder="unassigned") == {daejeon}
    world.casework.reject(actor=staff, case_id=daejeon, reason="연락이 닿지 않아요")
    assert ids(status="open") == {seoul} and ids(status="rejected") == {daejeon}
    assert [c.id for c in world.casework.list_cases(actor=staff, filters=CaseFilters()).cases] == [seoul, daejeon]


def test_legacy_new_status_reads_as_received(world: World, stores: Stores) -> None:
    case_id = world.intake()
    with stores[0].begin() as db:
        db.scalar(select(CaseRow).where(CaseRow.id == case_id)).status = "new"  # type: ignore[union-attr]
    staff = world.user(Role.staff)
    assert world.casework.case(actor=staff, case_id=case_id).summary.status == "received"
    assert {c.id for c in world.casework.list_cases(actor=staff, filters=CaseFilters(status="received")).cases} == {
        case_id}
    world.casework.advance(actor=staff, case_id=case_id, to="selected")
    assert world.casework.case(actor=staff, case_id=case_id).summary.status == "selected"
