"""The insights service on SQLite and PostgreSQL over a month made through the real services:
the funnel and where owners stopped, demand counted from the briefs, first contact against
the deadline, the mentor's load, readiness at intake, and small cells suppressed so that no
total gives them away."""

from collections import Counter
from datetime import timedelta

import pytest

from application.accounts import Role
from application.calendar import korean_date
from application.casework.workflow import STEPS
from application.insights.errors import BadMonth, BadPeriod
from application.insights.schemas import Cell, Figure, Period
from application.insights.service import InsightsService
from application.reassessment.schemas import parse_input
from application.reassessment.service import ReassessmentService
from application.store.models import utc_now
from tests.casework.helpers import World
from tests.insights.conftest import Stores
from tests.insights.seed import DAEJEON_CASES, LATE_DAYS, LEFT_EARLY, SEOUL_CASES, seed

HIDDEN = Cell(suppressed=True)


def cells(figure: Figure, column: int = 0) -> dict[str, Cell]:
    return {row.key: row.cells[column] for row in figure.rows}


def service(stores: Stores, *, days_later: float = LATE_DAYS) -> InsightsService:
    later = utc_now() + timedelta(days=days_later)
    return InsightsService(stores[1], contact_days=2, session_retention_days=90,
                           before_after=ReassessmentService(*stores).before_after, clock=lambda: later)


def this_month() -> Period:
    today = korean_date(utc_now())
    return Period(since=today - timedelta(days=1), until=today + timedelta(days=1))


def test_figures_of_a_seeded_month(world: World, stores: Stores) -> None:
    seeded = seed(world)
    found = service(stores).insights(this_month())
    total = DAEJEON_CASES + SEOUL_CASES
    started = total + LEFT_EARLY + len(seeded.refused)

    # The funnel: every conversation started and was asked about the company; the ones left
    # early got no further; the refusal reached the summary but not the consent.
    funnel = cells(found.figure("funnel"))
    assert funnel["started"] == Cell(value=started)
    assert funnel["topic:company"] == Cell(value=started)
    assert funnel["topic:needs"] == Cell(value=total + len(seeded.refused))
    assert funnel["summary"] == Cell(value=total + len(seeded.refused))
    assert funnel["consent"] == Cell(value=total) and funnel["case"] == Cell(value=total)
    of_start = cells(found.figure("funnel"), 1)
    assert of_start["case"] == Cell(value=round(100 * total / started, 1))
    minutes = cells(found.figure("funnel"), 3)
    assert minutes["started"] == Cell(value=0) and minutes["case"].value is not None

    # Where owners stopped: all five at the question they were left with; the one refusal
    # is fewer than five and hidden, and so is its share.
    questions = found.figure("questions")
    [left_at] = set(seeded.left_at)
    assert cells(questions, 1)[left_at] == Cell(value=LEFT_EARLY)
    assert cells(questions, 2)[left_at] == Cell(value=round(100 * LEFT_EARLY / started, 1))
    assert cells(questions, 1)["refused"] == HIDDEN and cells(questions, 2)["refused"] == HIDDEN
    assert sum(c.value or 0 for c in cells(questions, 1).values()) == LEFT_EARLY
    assert cells(questions, 0)["company.industry"] == Cell(value=started)
    assert cells(questions, 3)["company.industry"].value is not None

    # Demand: the month holds all cases; six Daejeon and two Seoul firms are a partition with
    # a published total, so hiding only Seoul's 2 would give it away (8 − 6): both are hidden.
    assert cells(found.figure("months"))[korean_date(utc_now()).strftime("%Y-%m")] == Cell(value=total)
    regions = found.figure("regions")
    assert cells(regions)["daejeon"] == HIDDEN and cells(regions)["seoul"] == HIDDEN
    assert regions.total is not None and regions.total.cells[0] == Cell(value=total)
    assert cells(regions)["busan"] == Cell(value=0)
    assert [r.key for r in regions.rows][:2] == ["daejeon", "seoul"]  # hidden rows by label, before zeros
    industries = cells(found.figure("industries"))
    assert industries["manufacturing"] == HIDDEN

    # Programmes and vendors counted from the briefs themselves; a firm counts once per item.
    briefs = [world.cases.get_brief(case_id) for case_id in seeded.cases]
    for key, picks in (("programmes", [b.top_slugs()[0] for b in briefs]),
                       ("vendors", [b.top_slugs()[1] for b in briefs])):
        expected = Counter(slug for slugs in picks for slug in slugs)
        shown = cells(found.figure(key))
        assert set(shown) == set(expected)
        for slug, count in expected.items():
            assert shown[slug] == (HIDDEN if count < 5 else Cell(value=count)), (key, slug)
    support = cells(found.figure("support_types"))
    assert support["funding"] == Cell(value=total) and support["mentoring"] == Cell(value=total)
    assert support["export"] == Cell(value=0)

    # First contact: five on the day, one two weeks late, two still waiting past the
    # deadline. 1 and 2 would be exposed by the total, so the 5 is hidden with them.
    deadline = found.figure("contact_deadline")
    assert cells(deadline)["late"] == HIDDEN and cells(deadline)["overdue"] == HIDDEN
    assert cells(deadline)["on_time"] == HIDDEN and cells(deadline)["waiting"] == Cell(value=0)
    assert deadline.total is not None and deadline.total.cells[0] == Cell(value=total)
    assert "5 미만" in deadline.note  # the share overdue adds hidden cells up
    days = found.figure("contact_days")
    assert days.total is not None and days.total.cells[0] == Cell(value=DAEJEON_CASES)
    assert cells(days)["0"] == HIDDEN and cells(days)["4"] == HIDDEN
    assert days.remarks == ["중앙값 0영업일"]

    # The mentor's load, now: the two Seoul cases against a capacity of three.
    assert seeded.mentor is not None
    [mentor] = [r for r in found.figure("mentors").rows if r.key == seeded.mentor.id]
    assert [c.value for c in mentor.cells] == [2, 3, 66.7] and mentor.sub == "대전 1팀"

    # Readiness at intake, per dimension, from the briefs' bands.
    readiness = found.figure("readiness")
    assert readiness.base == Cell(value=total)
    bands = [c.key for c in readiness.columns][:-1]
    for row in readiness.rows:
        counts = Counter(b.readiness.dimensions[row.key].band for b in briefs)
        for band, cell in zip(bands, row.cells, strict=False):
            if counts[band] >= 5 and all(counts[b] in (0, total) for b in bands):
                assert cell == Cell(value=counts[band]), (row.key, band)
            elif 0 < counts[band] < 5:
                assert cell == HIDDEN, (row.key, band)


def test_conversations_still_going_are_not_counted_as_left(world: World, stores: Stores) -> None:
    from tests.insights.seed import leave_after

    asked = leave_after(world, 1)
    found = service(stores, days_later=0).insights(this_month())
    questions = found.figure("questions")
    assert cells(questions, 1)[asked] == Cell(value=0)
    assert questions.remarks == ["아직 진행 중인 대화 1건은 빼고 셌어요."]
    assert cells(found.figure("funnel"))["started"] == HIDDEN


def test_an_empty_period_and_an_old_one(stores: Stores) -> None:
    found = service(stores, days_later=0).insights(Period.month("2020-02"))
    assert found.period == Period.model_validate({"since": "2020-02-01", "until": "2020-02-29"})
    assert found.funnel_incomplete
    regions = found.figure("regions")
    assert all(c.cells[0] == Cell(value=0) for c in regions.rows)
    assert cells(found.figure("funnel"))["started"] == Cell(value=0)
    assert cells(found.figure("funnel"), 3)["started"] == Cell()


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-01", "2026/01", "", "1999-12", "2026-1"])
def test_a_bad_month_is_refused(text: str) -> None:
    with pytest.raises(BadMonth) as refused:
        Period.month(text)
    assert refused.value.code == "bad_month"


def test_months_and_their_bounds() -> None:
    december = Period.month("2026-12")
    assert (december.since.isoformat(), december.until.isoformat()) == ("2026-12-01", "2026-12-31")
    assert december.start.isoformat() == "2026-12-01T00:00:00+09:00"
    assert december.end.isoformat() == "2027-01-01T00:00:00+09:00"
    assert [m.isoformat() for m in Period.model_validate({"since": "2026-11-20", "until": "2027-01-03"}).months()] \
        == ["2026-11-01", "2026-12-01", "2027-01-01"]
    with pytest.raises(BadPeriod):
        Period.model_validate({"since": "2026-12-02", "until": "2026-12-01"})


def test_readiness_before_and_after_mentoring(world: World, stores: Stores) -> None:
    """T0 → T1 over the cases whose mentor re-assessed them; fewer than five are not shown."""
    lead = world.user(Role.lead, "capital", name="이리드")
    mentor = world.user(Role.mentor, "capital", name="박멘토", capacity=10)
    t1 = ReassessmentService(*stores, clock=world.clock)
    cases = [world.intake() for _ in range(6)]
    for number, case_id in enumerate(cases[:5]):
        world.casework.assign(actor=lead, case_id=case_id, mentor_id=mentor.id)
        world.casework.advance(actor=lead, case_id=case_id, to="selected")
        for step in STEPS[STEPS.index("mentor_assigned"):STEPS.index("report") + 1]:
            world.casework.advance(actor=mentor, case_id=case_id, to=step, note="진행했어요")
        # Cloud rises for all five, security for four; AI is re-measured by the first three only.
        levels = {"cloud": 3, "ai": 2 if number < 3 else None, "blockchain": 0, "data": 1,
                  "security": 3 if number < 4 else 2}
        t1.record(actor=mentor, case_id=case_id, entry=parse_input({"levels": levels, "summary": "백업을 도입했어요.",
                                                                    "programs_applied": []}))
    change = service(stores).insights(this_month()).figure("readiness_change")
    rows = {row.key: row.cells for row in change.rows}
    # DAEJEON_MOULD_MAKER's owner said cloud 0, data 1, security 2 at intake (scores 0, 20, 40).
    assert [c.value for c in rows["cloud"]] == [5, 0, 60, 60, 100.0]
    assert all(c == HIDDEN for c in rows["ai"])
    assert [c.value for c in rows["data"]] == [5, 20, 20, 0, 0.0]
    # Four of five rose: the share would give the one that did not away, so it is hidden.
    assert [c.value for c in rows["security"][:4]] == [5, 40, 60, 20] and rows["security"][4] == HIDDEN
