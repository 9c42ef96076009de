"""Briefs to render: a realistic Korean firm built with the real retriever, knowledge base and
mentor roster (the session `runtime`), its English twin, and one carrying an XSS payload."""

from datetime import UTC, datetime

import pytest

from application.runtime import Runtime
from assistant.decision.brief import NeedsBrief, build_brief
from assistant.state import SlotValue
from knowledge.loader import load_knowledge_base
from knowledge.roster import load_roster
from prompts.brief import Lang
from tests.decision.helpers import NoSearch, answered, unknown

XSS = "<script>alert(1)</script>"
CREATED = datetime(2025, 5, 1, 10, 0, tzinfo=UTC)
CONSENTED = datetime(2025, 5, 1, 9, 58, tzinfo=UTC)

FACTORY = {
    **answered(
        company__name="한빛정밀", company__industry="manufacturing", company__region="daejeon", company__employees=25,
        company__founded_year=2009, costs__it_budget_krw_per_year=20_000_000,
        costs__pressures="인건비랑 자재비가 제일 부담이에요", costs__funding_need="none",
        staffing__it_staff=0, staffing__digital_skills="low", staffing__hiring_difficulty=True,
        remote__status="none", remote__interest=True,
        readiness__cloud=1, readiness__ai=0, readiness__data=1, readiness__security=2,
        needs__goals="생산 현황을 한눈에 보고, 사무직은 재택도 가능하게 하고 싶어요",
        needs__support_types=["technology", "mentoring"], needs__urgency="within_3_months",
        contact__name="김대표", contact__email="owner@example.com",
    ),
    **unknown("readiness.blockchain"),
    "company.annual_revenue_krw": SlotValue(value=None, status="raw", raw_text="그건 좀..."),
}


def make_brief(runtime: Runtime, slots: dict[str, SlotValue], lang: Lang = "ko") -> NeedsBrief:
    return build_brief(
        slots=slots, lang=lang, session_id="sess-render", case_id="case-render", created_at=CREATED,
        partner="daejeon-center", consent_given_at=CONSENTED, consent_text_version="privacy-v1",
        kb=runtime.kb, search=runtime.retriever, roster=load_roster()[0], open_load={"sample-field-jung": 1},
    )


@pytest.fixture(scope="session")
def korean_brief(runtime: Runtime) -> NeedsBrief:
    return make_brief(runtime, FACTORY)


@pytest.fixture(scope="session")
def english_brief(runtime: Runtime) -> NeedsBrief:
    return make_brief(runtime, FACTORY, "en")


@pytest.fixture(scope="session")
def xss_brief(runtime: Runtime) -> NeedsBrief:
    slots = {**FACTORY, **answered(needs__goals=f"재택 {XSS} 하고 싶어요", company__name=f"{XSS}정밀",
                                   contact__name='"><img src=x onerror=alert(1)>')}
    return make_brief(runtime, slots)


@pytest.fixture(scope="session")
def sparse_brief() -> NeedsBrief:
    """Almost nothing known: no name, no readiness answers, no consent, no search hits."""
    slots = {**answered(company__region="seoul"), **unknown("company.industry", "readiness.ai", "remote.status")}
    return build_brief(
        slots=slots, lang="ko", session_id="sess-sparse", case_id=None, created_at=CREATED, partner=None,
        consent_given_at=None, consent_text_version=None, kb=load_knowledge_base()[0], search=NoSearch(),
        roster=[], open_load={},
    )
