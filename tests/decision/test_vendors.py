"""Vendor ranking with the real retriever: the member whose technology answers the need
comes in the top three, however the need was expressed."""

from datetime import UTC, datetime

import pytest

from application.runtime import Runtime
from assistant.decision.brief import NeedsBrief, build_brief
from assistant.state import SlotValue
from knowledge.roster import load_roster
from tests.decision.helpers import NoSearch, answered

ROSTER, _ = load_roster()


def brief(runtime: Runtime, slots: dict[str, SlotValue], lang: str = "ko", search: object | None = None) -> NeedsBrief:
    return build_brief(slots=slots, lang=lang, session_id="s", case_id=None,  # type: ignore[arg-type]
                       created_at=datetime(2025, 5, 1, tzinfo=UTC), partner=None, consent_given_at=None,
                       consent_text_version=None, kb=runtime.kb, search=search or runtime.retriever,  # type: ignore[arg-type]
                       roster=ROSTER, open_load={})


REMOTE = {"vendor:tilon", "vendor:rsupport"}
SECURITY = {"vendor:softcamp"}
MONITORING = {"vendor:artpq", "vendor:machbase"}


@pytest.mark.parametrize(("lang", "slots", "wanted"), [
    ("ko", answered(company__industry="services", company__region="seoul", company__employees=15,
                    remote__status="none", remote__interest=True,
                    needs__goals="외근이 많은 직원들이 밖에서도 회사 자료를 보게 하고 싶어요"), REMOTE),
    ("en", answered(company__industry="it_software", company__region="gyeonggi", company__employees=40,
                    remote__status="partial", remote__interest=True,
                    needs__goals="Let more of our people work from home safely"), REMOTE),
    ("ko", answered(company__industry="construction", company__region="incheon", company__employees=20,
                    needs__goals="거래처에 보내는 설계 파일이 유출될까 걱정이에요", readiness__security=1), SECURITY),
    ("en", answered(company__industry="manufacturing", company__region="ulsan", company__employees=70,
                    needs__goals="Our drawings and customer files keep leaking when staff leave"), SECURITY),
    ("ko", answered(company__industry="agri_food", company__region="jeonnam", company__employees=18,
                    needs__goals="냉동 창고 온도와 기계 상태를 실시간으로 보고 싶어요"), MONITORING),
    ("en", answered(company__industry="manufacturing", company__region="gyeongbuk", company__employees=45,
                    needs__goals="We want to monitor our machines and catch downtime early"), MONITORING),
])
def test_the_vendor_answering_the_need_is_in_the_top_three(runtime: Runtime, lang: str,
                                                           slots: dict[str, SlotValue], wanted: set[str]) -> None:
    result = brief(runtime, slots, lang)
    assert wanted & set(result.top_vendor_ids(3)), [(v.id, v.score) for v in result.vendors]
    assert result.vendors[0].reasons and result.vendor_disclaimer


def test_answers_alone_rank_vendors_when_the_owner_said_nothing(runtime: Runtime) -> None:
    remote = brief(runtime, answered(remote__status="none", remote__interest=True), search=NoSearch())
    assert set(remote.top_vendor_ids(2)) == REMOTE
    weak_security = brief(runtime, answered(readiness__security=0, readiness__data=4), search=NoSearch())
    assert weak_security.top_vendor_ids(1)[0] in {"vendor:softcamp", "vendor:inca-internet"}


def test_remote_interest_without_remote_gap_adds_nothing(runtime: Runtime) -> None:
    full = brief(runtime, answered(remote__status="full", remote__interest=True), search=NoSearch())
    assert all(v.score == 0 for v in full.vendors)
