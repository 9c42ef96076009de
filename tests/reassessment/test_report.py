"""The case report and the brief with T1, rendered from a brief built by the real knowledge base,
retriever and roster: both measurements and the change per dimension in the HTML and in the
PDF's text (pypdf), the change said in arrow, number and words, what was done with dates and
notes, the summary escaped, and the radar drawing T1 as a second, differently drawn series."""

import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from application.briefs import render_brief
from application.briefs.html import render_report_html
from application.briefs.radar import describe, readiness_radar
from application.briefs.radar import radar_svg as draw_svg
from application.briefs.report_pdf import render_report_pdf
from application.casework.schemas import HistoryEntry
from application.casework.workflow import Status
from application.reassessment.schemas import CaseReport, Reassessment
from application.reassessment.scores import after_scores, changes
from application.runtime import Runtime
from assistant.decision.brief import NeedsBrief
from tests.briefs.conftest import FACTORY, make_brief

SVG = "{http://www.w3.org/2000/svg}"
XSS = "<script>alert(1)</script>"
# FACTORY's owner said cloud 1, ai 0, blockchain unknown, data 1, security 2 at intake.
LEVELS = {"cloud": 4, "ai": 0, "blockchain": 1, "data": 1, "security": 1}
OPENED = datetime(2025, 5, 1, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def brief(runtime: Runtime) -> NeedsBrief:
    return make_brief(runtime, FACTORY)


def t1(brief: NeedsBrief, summary: str = "클라우드 백업을 도입하고 보안 점검을 했어요.") -> Reassessment:
    applied = next(p for p in brief.programs if p.eligibility == "eligible")
    at = OPENED + timedelta(days=60)
    return Reassessment(case_id="case-render", levels=LEVELS, scores=after_scores(LEVELS), summary=summary,
                        programs_applied=[applied.id], recorded_by_id="u1", recorded_by_name="김현장",
                        recorded_at=at, first_recorded_at=at)


def report(brief: NeedsBrief, reassessment: Reassessment | None) -> CaseReport:
    steps: list[tuple[Status, Status, str | None]] = [("received", "selected", "대상으로 골랐어요"), ("selected", "mentor_assigned", None),
             ("mentor_assigned", "interview", "대표님과 면담했어요"), ("interview", "site_visit", None),
             ("site_visit", "solving", "백업 설정을 같이 했어요"), ("solving", "report", None)]
    history = [HistoryEntry(at=OPENED + timedelta(days=5 * i + 1), actor_id="u1", actor_name="김현장", kind="step",
                            from_status=a, to_status=b, note=note, reason=None, assignee_name=None)
               for i, (a, b, note) in enumerate(steps)]
    history.append(HistoryEntry(at=OPENED + timedelta(days=40), actor_id="u1", actor_name="김현장", kind="note",
                                from_status=None, to_status=None, note="견적서를 보냈어요", reason=None,
                                assignee_name=None))
    return CaseReport(case_id="case-render", status="report", created_at=OPENED, closed_at=None,
                      assignee_name="김현장", team="대전팀", brief=brief, history=history, reassessment=reassessment,
                      changes=changes(brief.readiness, reassessment))


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_report_page_shows_t0_t1_the_change_what_was_done_and_the_summary(brief: NeedsBrief) -> None:
    r = t1(brief, f"요약 {XSS} 끝")
    html = render_report_html(report(brief, r))
    assert "사례 보고서" in html and "한빛정밀" in html
    assert XSS not in html and "요약 &lt;script&gt;" in html
    rows = html.split('<tr data-dimension="')[1:]
    row = {chunk.split('"', 1)[0]: chunk.split("</tr>", 1)[0] for chunk in rows}
    assert "20점</td>" in row["cloud"] and "80점</td>" in row["cloud"]
    assert "▲ +60" in row["cloud"] and "60점 올랐어요" in row["cloud"] and "change-up" in row["cloud"]
    assert "▼ −20" in row["security"] and "20점 내려갔어요" in row["security"]
    assert "= 0" in row["ai"] and "그대로예요" in row["ai"]
    assert "비교할 수 없어요" in row["blockchain"]  # unknown at intake: no change claimed
    assert "다시 재지 않았어요" in row["budget_strategy"]
    # The arrow is decoration for screen readers; the words say the direction.
    assert '<span class="mark" aria-hidden="true">▲ +60</span>' in row["cloud"]
    applied = next(p for p in brief.programs if p.id == r.programs_applied[0])
    assert applied.name in html and "김현장 님이 2025-06-30 19:00 KST에 기록했어요." in html
    for said in ("대상으로 골랐어요", "대표님과 면담했어요", "백업 설정을 같이 했어요", "견적서를 보냈어요"):
        assert said in html
    assert "CEO·CTO 면담</strong> <time class=\"when\" datetime=\"2025-05-12T10:00:00+00:00\">2025-05-12 19:00 KST" in html
    assert 'class="scores-after"' in html and "■ 다시 잰 값 (T1)" in html


def test_the_report_pdf_carries_both_measurements_and_the_change_in_korean(brief: NeedsBrief) -> None:
    r = t1(brief)
    text = pdf_text(render_report_pdf(report(brief, r)))
    assert "한빛정밀" in text and "사례 보고서" in text
    assert "▲ +60" in text and "60점 올랐어요" in text and "▼ −20" in text and "20점 내려갔어요" in text
    assert "20점 → 80점" in text  # the radar's cloud label
    assert "클라우드 백업을 도입하고 보안 점검을 했어요." in text
    assert "백업 설정을 같이 했어요" in text and "견적서를 보냈어요" in text
    applied = next(p for p in brief.programs if p.id == r.programs_applied[0])
    assert applied.name[:10] in text


def test_a_report_before_t1_says_it_is_pending(brief: NeedsBrief) -> None:
    html = render_report_html(report(brief, None))
    assert "아직 성과 재평가를 기록하지 않았어요" in html and "scores-after" not in html and "<table" not in html
    assert "아직 성과 재평가를 기록하지 않았어요" in pdf_text(render_report_pdf(report(brief, None)))


def test_the_brief_shows_t1_only_once_it_is_recorded(brief: NeedsBrief) -> None:
    r = t1(brief)
    plain, with_t1 = render_brief(brief, "html"), render_brief(brief, "html", reassessment=r)
    assert isinstance(plain, str) and isinstance(with_t1, str)
    assert 'id="reassessment"' not in plain and "scores-after" not in plain
    assert 'id="reassessment"' in with_t1 and "▲ +60" in with_t1 and "클라우드 백업을 도입하고" in with_t1
    pdf = render_brief(brief, "pdf", reassessment=r)
    assert isinstance(pdf, bytes)
    text = pdf_text(pdf)
    assert "성과 재평가" in text and "60점 올랐어요" in text and "minsu" not in text
    english = render_brief(make_brief_en(brief), "html", reassessment=r)
    assert isinstance(english, str) and "up 60 pts" in english and "Before (T0)" in english


def make_brief_en(brief: NeedsBrief) -> NeedsBrief:
    return brief.model_copy(update={"lang": "en"})


def test_the_radar_draws_t1_as_a_second_series_with_its_own_shape_and_legend(brief: NeedsBrief) -> None:
    r = t1(brief)
    layout = readiness_radar(brief.readiness, "ko", after=r.scores)
    root = ET.fromstring(draw_svg(layout))
    squares = [e.get("data-dimension") for e in root.iter(f"{SVG}rect") if e.get("class") == "after"]
    assert squares == ["cloud", "ai", "blockchain", "data", "security"]
    edges = [e for e in root.iter(f"{SVG}line") if e.get("class") == "after-edge"]
    assert edges and all(e.get("stroke-dasharray") for e in edges)  # dashed: not colour alone
    legend = [("".join(t.itertext())) for t in root.iter(f"{SVG}text") if t.get("class") == "legend"]
    assert legend[0] == "● 처음 (T0) · ■ 다시 잰 값 (T1)"
    words = describe(layout)
    assert "클라우드: 20점 → 80점" in words and "처음 (T0) → 다시 잰 값 (T1)" in words
    assert "블록체인: 모름 → 20점" in words
    # Without T1 nothing of the second series is drawn.
    assert "after" not in draw_svg(readiness_radar(brief.readiness, "ko"))
