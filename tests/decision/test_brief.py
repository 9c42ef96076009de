"""The needs brief end to end with the real retriever, its schema, and the owner's copy."""

import ast
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from application.runtime import Runtime
from assistant.decision import brief_json_schema, build_brief, owner_copy
from assistant.decision.brief import NeedsBrief
from assistant.state import SlotValue
from knowledge.loader import load_knowledge_base
from knowledge.roster import load_roster
from tests.decision.helpers import NoSearch, answered, unknown

ROSTER, _ = load_roster()
KB, _ = load_knowledge_base()
CONTRACT_FIELDS = [
    "schema_version", "case_id", "session_id", "lang", "created_at", "kb_version", "partner", "company", "slots",
    "goals_and_pains", "readiness", "programs", "vendors", "mentors", "unknowns", "urgency", "contact", "consent",
]
CONSENT_AT = datetime(2025, 5, 1, 9, 30, tzinfo=UTC)

DAEJEON_FACTORY = {
    **answered(
        company__name="한빛정밀", company__industry="manufacturing", company__region="daejeon", company__employees=25,
        company__founded_year=2009, costs__it_budget_krw_per_year=20_000_000,
        costs__pressures="인건비랑 자재비가 제일 부담이에요", costs__funding_need="none",
        staffing__it_staff=0, staffing__digital_skills="low", staffing__hiring_difficulty=True,
        remote__status="none", remote__interest=True,
        readiness__cloud=0, readiness__ai=0, readiness__blockchain=0, readiness__data=1, readiness__security=1,
        needs__goals="생산 현황을 한눈에 보고, 사무직은 재택도 가능하게 하고 싶어요",
        needs__support_types=["technology", "mentoring"], needs__urgency="within_3_months",
        contact__name="김대표", contact__email="owner@example.com",
    ),
    "company.annual_revenue_krw": SlotValue(value=None, status="raw", raw_text="그건 좀..."),
}


def make(runtime: Runtime | None, slots: dict[str, SlotValue], lang: str = "ko") -> NeedsBrief:
    search = runtime.retriever if runtime else NoSearch()
    kb = runtime.kb if runtime else KB
    return build_brief(slots=slots, lang=lang, session_id="sess-1", case_id="case-1",  # type: ignore[arg-type]
                       created_at=datetime(2025, 5, 1, 10, tzinfo=UTC), partner="daejeon-center",
                       consent_given_at=CONSENT_AT, consent_text_version="privacy-v1", kb=kb, search=search,
                       roster=ROSTER, open_load={"sample-field-jung": 1})


def test_schema_export_has_every_contract_field() -> None:
    schema = brief_json_schema()
    assert [f for f in CONTRACT_FIELDS if f not in schema["properties"]] == []
    assert set(CONTRACT_FIELDS) <= set(schema["required"]) | {"schema_version", "case_id", "partner", "urgency"}
    json.dumps(schema)  # serialisable as is
    program = schema["$defs"]["ProgramMatch"]["properties"]
    assert {"id", "name", "eligibility", "score", "reasons", "citations"} <= set(program)
    assert program["eligibility"]["enum"] == ["eligible", "check", "ineligible"]
    readiness = schema["$defs"]["Readiness"]["properties"]
    assert {"overall", "dimensions"} <= set(readiness)


def test_daejeon_factory_brief(runtime: Runtime) -> None:
    brief = make(runtime, DAEJEON_FACTORY)
    top5 = brief.top_program_ids(5)
    assert "program:kosme-smart-factory" in top5, [(p.id, p.score) for p in brief.programs]
    by_id = {p.id: p for p in brief.programs}
    assert by_id["program:kosme-smart-factory"].eligibility == "eligible"
    assert by_id["program:daejeon-global-online"].eligibility == "eligible"
    assert by_id["program:daejeon-mentor-pool"].eligibility == "eligible"
    assert by_id["program:daejeon-startup96"].eligibility == "ineligible"  # founded 16 years before
    assert "program:kasdi-daas-remote-work" in top5
    assert {"vendor:tilon", "vendor:rsupport"} & set(brief.top_vendor_ids(3))
    assert brief.top_slugs() == ([i.removeprefix("program:") for i in top5],
                                 [i.removeprefix("vendor:") for i in brief.top_vendor_ids(3)])

    assert brief.company.model_dump() == {"name": "한빛정밀", "industry": "manufacturing", "region": "daejeon",
                                          "employees": 25, "founded_year": 2009, "stage": "established"}
    assert brief.goals_and_pains.goals == "생산 현황을 한눈에 보고, 사무직은 재택도 가능하게 하고 싶어요"
    assert brief.readiness.dimensions["data"].score == 20 and brief.readiness.dimensions["remote_work"].score == 0
    assert brief.readiness.overall.score is not None
    assert brief.unknowns == ["company.annual_revenue_krw"]
    assert brief.urgency == "within_3_months" and brief.contact.email == "owner@example.com"
    assert brief.consent.given_at == CONSENT_AT and brief.consent.text_version == "privacy-v1"
    assert brief.kb_version == runtime.kb.version and brief.partner == "daejeon-center"
    assert brief.mentors and brief.mentors[0].tier == 1 and brief.mentors[0].lead is not None
    assert brief.slots["company.annual_revenue_krw"].status == "raw"
    again = NeedsBrief.model_validate_json(brief.model_dump_json())
    assert again == brief


def test_busan_firm_sees_daejeon_programs_ineligible_with_the_region_reason(runtime: Runtime) -> None:
    slots = answered(company__industry="manufacturing", company__region="busan", company__employees=25,
                     company__founded_year=2015, needs__goals="대전 멘토링 풀에 들어가고 싶어요", readiness__data=1)
    brief = make(runtime, slots, "en")
    daejeon = [p for p in brief.programs if p.id.startswith("program:daejeon-")]
    assert daejeon and all(p.eligibility == "ineligible" for p in daejeon)
    assert all("Daejeon" in p.reasons[0] and "Busan" in p.reasons[0] for p in daejeon)
    assert not set(brief.top_program_ids(5)) & {p.id for p in daejeon}
    verdicts = [p.eligibility for p in brief.programs]
    assert verdicts[verdicts.index("ineligible"):] == ["ineligible"] * verdicts.count("ineligible")


def test_pre_founder_in_daejeon_is_pointed_at_startup_support(runtime: Runtime) -> None:
    slots = answered(company__region="daejeon", company__stage="pre_founder", company__employees=0,
                     needs__goals="데이터 분석 아이디어로 창업을 준비하고 있어요", needs__support_types=["space", "mentoring"])
    brief = make(runtime, slots)
    assert "program:daejeon-startup96" in brief.top_program_ids(3)
    assert brief.company.stage == "pre_founder"


def test_unknowns_list_unknown_raw_and_missing_slots_in_asking_order() -> None:
    slots = {**answered(company__industry="services", company__region="seoul", remote__status="full"),
             **unknown("company.employees", "readiness.ai")}
    brief = make(None, slots)
    assert brief.unknowns[:3] == ["company.employees", "costs.it_budget_krw_per_year", "costs.pressures"]
    assert "readiness.ai" in brief.unknowns
    assert "remote.interest" not in brief.unknowns  # not asked when everyone already works remotely
    assert "company.name" not in brief.unknowns  # optional
    assert "consent.privacy" not in brief.unknowns
    assert brief.readiness.dimensions["ai"].band == "unknown"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_owner_copy_holds_no_contact_or_mentor_data(lang: str) -> None:
    brief = make(None, DAEJEON_FACTORY, lang)
    copy = owner_copy(brief, contact_days=2)
    text = copy.model_dump_json()
    for secret in ("owner@example.com", "김대표", "예시 멘토", "Sample mentor", "sess-1", "case-1", "vendor:"):
        assert secret not in text
    assert len(copy.programs) == 3 and all(p.eligibility != "ineligible" for p in copy.programs)
    assert copy.programs[0].id == brief.top_program_ids(1)[0]
    assert copy.readiness == brief.readiness
    assert copy.next_step == ("담당 멘토가 영업일 기준 2일 안에 연락드려요." if lang == "ko"
                              else "Your mentor will contact you within 2 working days.")


def test_decision_package_stays_plain_python() -> None:
    forbidden = {"sqlalchemy", "chromadb", "langchain_chroma", "fastapi", "starlette", "jinja2", "web", "retrieval"}
    allowed_retrieval = {"retrieval.models"}  # the search result shapes, via assistant.ports
    package = Path(__file__).resolve().parents[2] / "assistant" / "decision"
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            for name in names:
                assert name in allowed_retrieval or name.split(".")[0] not in forbidden, (path.name, name)
