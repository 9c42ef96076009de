"""`intake eval conversations` and `intake eval retrieval` themselves: what they count, and
that their figures can fail."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.cli import app
from application.runtime import Runtime
from assistant.evaluation import ConversationCase, evaluate
from tests.assistant.test_policy import ENGINE

BASE = {
    "company.industry": "가구 공방이에요", "company.region": "전주요", "company.founded_year": "2017년",
    "company.annual_revenue_krw": "3억", "company.name": "건너뛰기", "costs.it_budget_krw_per_year": "월 20만 원",
    "costs.pressures": "재료비", "costs.funding_need": "필요 없어요", "staffing.it_staff": "없어요",
    "staffing.digital_skills": "보통이에요", "staffing.hiring_difficulty": "네 어려워요", "remote.status": "안 해요",
    "remote.interest": "아니요", "readiness.cloud": "안 써요", "readiness.ai": "안 써요", "readiness.blockchain": "안 써요",
    "readiness.data": "엑셀로 각자 관리해요", "readiness.security": "백신만 있어요", "needs.goals": "주문 관리를 편하게",
    "needs.support_types": "멘토링", "needs.urgency": "1년 안에요", "contact.email": "owner@example.com",
}


def case(**changes: object) -> ConversationCase:
    data: dict[str, object] = {"id": "t", "lang": "ko", "answers": {**BASE, "company.employees": "6명"},
                               "expect": {"slots": {"company.employees": 6, "company.region": "jeonbuk"}}}
    data.update(changes)
    return ConversationCase.model_validate(data)


def test_a_clean_conversation_passes_whole() -> None:
    report = evaluate(ENGINE, [case()])
    assert (report.passed, report.slot_accuracy, report.no_brief, report.silent_misreads) == (1, 1.0, 0, 0)


def test_rephrase_is_used_when_a_question_comes_again() -> None:
    answers = {**BASE, "company.employees": "음 그게요"}
    report = evaluate(ENGINE, [case(answers=answers, rephrase={"company.employees": "여섯 명이요"})])
    assert report.passed == 1 and report.reasks_per_conversation == 1.0


def test_at_summary_messages_correct_before_consent() -> None:
    report = evaluate(ENGINE, [case(at_summary=["직원 수는 7명이에요"],
                                    expect={"slots": {"company.employees": 7}})])
    assert report.slot_accuracy == 1.0


def test_a_null_expectation_fails_when_a_value_is_recorded() -> None:
    kept = evaluate(ENGINE, [case(expect={"slots": {"contact.phone": None}})])
    filled = evaluate(ENGINE, [case(expect={"slots": {"company.employees": None}})])
    assert kept.slot_accuracy == 1.0 and filled.slot_accuracy == 0.0


def test_a_wrong_number_never_read_back_is_a_silent_misread() -> None:
    report = evaluate(ENGINE, [case(expect={"slots": {"company.employees": 60}})])
    assert (report.silent_misreads, report.silent_number_misreads, report.passed) == (1, 1, 0)


def test_a_conversation_without_a_way_to_reach_the_owner_gets_no_brief() -> None:
    answers = {**BASE, "company.employees": "6명", "contact.email": "모르겠어요", "contact.phone": "없어요"}
    report = evaluate(ENGINE, [case(answers=answers)])
    assert report.no_brief == 1 and report.passed == 0


def test_a_constant_answer_scores_nothing() -> None:
    report = evaluate(ENGINE, [case(answers={})])
    assert report.slot_accuracy == 0.0 and report.passed == 0


@pytest.fixture
def cli_env(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("INTAKE_DATA_DIR", str(runtime.settings.data_dir))
    return CliRunner()


def test_eval_conversations_command(cli_env: CliRunner, tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(c.model_dump_json() for c in (
        case(), case(id="wrong", expect={"slots": {"company.employees": 60}}))), encoding="utf-8")
    result = cli_env.invoke(app, ["eval", "conversations", str(cases), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["n"], report["passed"], report["slot_accuracy"], report["silent_number_misreads"]) == (2, 1, 0.6667, 1)
    assert {"no_brief", "reasks_per_conversation", "read_backs_per_conversation"} <= report.keys()


def test_eval_retrieval_command(cli_env: CliRunner, tmp_path: Path) -> None:
    cases = tmp_path / "retrieval.jsonl"
    rows = [
        {"id": "a", "lang": "ko", "query": "이노베이션 멘토 제도가 뭐예요?", "relevant": ["program:innovation-mentor"]},
        {"id": "b", "lang": "ko", "query": "부가세 신고는 언제까지 해야 하나요?", "relevant": []},
        {"id": "c", "lang": "ko", "query": "이노베이션 멘토 제도가 뭐예요?", "relevant": ["vendor:tilon"]},
    ]
    cases.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = cli_env.invoke(app, ["eval", "retrieval", str(cases), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # One answerable hit, one miss that a wrong label makes: the figure can fail.
    assert report["n"] == 3 and report["recall_at_1"] == 0.5 and report["misses"] == ["c"]
    assert report["abstain_rate"] == 1.0
