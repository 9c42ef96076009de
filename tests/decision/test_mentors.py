"""Mentor ranking: fit by expertise, industry, region and language; full mentors go down;
strategic needs bring a tier-3 expert; field mentors come with their lead."""

from datetime import date

from assistant.decision.firm import read_firm
from assistant.decision.mentors import MentorMatch, rank_mentors
from assistant.decision.needs import need_profile
from assistant.state import SlotValue
from knowledge.roster import MentorEntry, load_roster
from tests.decision.helpers import answered

ROSTER, _ = load_roster()
BY_ID = {m.id: m for m in ROSTER}


def mentors_for(slots: dict[str, SlotValue], lang: str = "ko", open_load: dict[str, int] | None = None,
                roster: list[MentorEntry] | None = None, field_limit: int | None = 3) -> list[MentorMatch]:
    firm = read_firm(slots, date(2025, 5, 1))
    return rank_mentors(roster=roster or ROSTER, firm=firm, needs=need_profile(firm), lang=lang,  # type: ignore[arg-type]
                        open_load=open_load or {}, field_limit=field_limit)


def field_mentor(slug: str, **changes: object) -> MentorEntry:
    data = {"slug": slug, "name": {"ko": f"예시 멘토 {slug}", "en": f"Sample mentor {slug}"}, "tier": 1,
            "lead": "sample-lead-central", "expertise": ["smart-factory"], "weekly_capacity": 3, "sample": True}
    return MentorEntry.model_validate({**data, **changes})


def test_region_and_industry_fit_decide_between_equal_experts() -> None:
    local = field_mentor("local", regions=["busan"], industries=["manufacturing"])
    elsewhere = field_mentor("elsewhere", regions=["seoul"], industries=["services"])
    leads = [m for m in ROSTER if m.tier == 2]
    slots = answered(company__region="busan", company__industry="manufacturing", needs__goals="스마트공장을 하고 싶어요")
    ranked = mentors_for(slots, roster=[elsewhere, local, *leads])
    assert [m.id for m in ranked] == ["mentor:local", "mentor:elsewhere"]
    assert any("부산" in r for r in ranked[0].reasons) and any("제조업" in r for r in ranked[0].reasons)


def test_sample_roster_sends_a_busan_factory_to_a_southeast_field_mentor() -> None:
    slots = answered(company__region="busan", company__industry="manufacturing", company__employees=30,
                     needs__goals="기계 가동 상태를 모니터링하고 싶어요")
    best = mentors_for(slots)[0]
    assert best.tier == 1 and best.lead is not None
    assert BY_ID[best.id].regions and "busan" in [r.value for r in BY_ID[best.id].regions]
    assert any(best.lead.name in r for r in best.reasons)


def test_a_fully_booked_mentor_is_ranked_down_with_the_reason() -> None:
    slots = answered(company__region="busan", company__industry="manufacturing", needs__goals="설비 모니터링")
    free = mentors_for(slots, field_limit=None)
    best = free[0]
    booked = mentors_for(slots, open_load={best.id.removeprefix("mentor:"): best.capacity}, field_limit=None)
    assert booked[-1].id == best.id and not booked[-1].available
    assert any(f"{best.capacity}/{best.capacity}" in r for r in booked[-1].reasons)
    assert booked[0].id != best.id
    busy = mentors_for(slots, open_load={best.id.removeprefix("mentor:"): 1}, field_limit=None)
    assert busy[0].id == best.id and busy[0].score < best.score


def test_strategy_needs_include_a_tier_three_expert() -> None:
    plain = mentors_for(answered(company__region="daejeon", company__employees=12, needs__goals="엑셀 정리를 하고 싶어요"))
    assert {m.tier for m in plain} == {1}
    for slots in (
        answered(company__region="daejeon", company__employees=12, needs__goals="디지털 전환 전략과 로드맵을 세우고 싶어요"),
        answered(company__region="daejeon", company__employees=250),
        answered(company__region="daejeon", company__employees=12, needs__support_types=["consulting"]),
        answered(company__region="seoul", needs__goals="We need an IT strategy for the next three years"),
    ):
        ranked = mentors_for(slots)
        assert [m.tier for m in ranked].count(3) == 1, slots
        assert ranked[0].tier == 1 and all(m.lead is not None for m in ranked if m.tier == 1)


def test_english_briefs_prefer_mentors_who_consult_in_english() -> None:
    slots = answered(company__region="seoul", needs__goals="remote work")
    for mentor in mentors_for(slots, lang="en", field_limit=None):
        speaks = "en" in BY_ID[mentor.id].languages
        assert speaks or any("Cannot consult in English" in r for r in mentor.reasons)
    assert "en" in BY_ID[mentors_for(slots, lang="en")[0].id].languages


def test_inactive_mentors_are_never_suggested() -> None:
    roster = [m.model_copy(update={"active": m.slug != "sample-field-yoon"}) for m in ROSTER]
    slots = answered(company__region="busan", company__industry="manufacturing")
    assert "mentor:sample-field-yoon" not in {m.id for m in mentors_for(slots, roster=roster, field_limit=None)}
