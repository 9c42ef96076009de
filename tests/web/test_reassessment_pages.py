"""The re-assessment form and the case report through real HTTP (TestClient, the session
runtime's SQLite): the form carries the intake's questions and scale pre-filled with T0, posts
with CSRF, is checked on the server (a bad field comes back under itself with the values as
sent), records only for the holder or team lead at 성과 리포트, and the case page, the report
page and its PDF show T0, T1 and the change; a user who cannot see the case gets 404."""

import io
import re

from pypdf import PdfReader

from application.accounts import Role
from application.casework.workflow import STEPS
from application.runtime import Runtime
from prompts import load_prompts
from tests.web.test_console import Console, SignIn, new_case, sign_in, team  # noqa: F401  (fixtures)


def checked(html: str, name: str) -> str | None:
    found = re.search(rf'<input type="radio" name="{name}" value="([^"]+)" checked>', html)
    return found.group(1) if found else None


def to_report(runtime: Runtime, case_id: str, lead: Console, mentor: Console, *, last: str = "report") -> None:
    runtime.casework.assign(actor=lead.user, case_id=case_id, mentor_id=mentor.user.id)
    for step in STEPS[1:STEPS.index(last) + 1]:
        runtime.casework.advance(actor=mentor.user, case_id=case_id, to=step, note=f"{step} 메모")


def test_a_mentor_records_t1_and_the_report_shows_both(sign_in: SignIn, runtime: Runtime, team: str) -> None:  # noqa: F811
    lead = sign_in(Role.lead, team)
    mentor = sign_in(Role.mentor, team, name="김현장")
    teammate = sign_in(Role.mentor, team)
    outsider = sign_in(Role.mentor, f"{team}-other")
    case_id = new_case(runtime)
    to_report(runtime, case_id, lead, mentor, last="solving")
    form_path, case_path = f"/console/cases/{case_id}/reassessment", f"/console/cases/{case_id}"

    # Before 성과 리포트 the form is not offered and a post is refused with the step's notice.
    page = mentor.page(form_path)
    assert "‘성과 리포트’ 단계에서 기록하고" in page and 'name="level_cloud"' not in page
    assert mentor.post(form_path, {"level_cloud": "3", "summary": "x"}) == (303, f"{case_path}#reassessment")
    assert "‘성과 리포트’ 단계에서 기록하고, 종료 전까지 고칠 수 있어요." in mentor.page(case_path)
    runtime.casework.advance(actor=mentor.user, case_id=case_id, to="report")

    page = mentor.page(form_path)
    prompts = load_prompts("ko")
    for slot in ("readiness.cloud", "readiness.ai", "readiness.blockchain", "readiness.data", "readiness.security"):
        assert prompts.slots[slot].question in page
    for description in prompts.scales["adoption"]:
        assert f"> {description}</label>" in page
    # DAEJEON_MOULD_MAKER said: cloud 안 써요 (0), ai 검토 중 (1), data 엑셀로 각자 (1), security 백신만 (2).
    assert [checked(page, f"level_{d}") for d in ("cloud", "ai", "blockchain", "data", "security")] == \
        ["0", "1", "0", "1", "2"]
    assert "처음 답(T0): 안 써요, 계획도 없어요" in page

    good = {"level_cloud": "3", "level_ai": "1", "level_blockchain": "unknown", "level_data": "2",
            "level_security": "2", "summary": "클라우드 백업을 도입했어요."}
    assert mentor.post(form_path, good, csrf=False)[0] == 403
    # Checked on the server: a level off the scale, a missing answer and an empty summary.
    bad = {**good, "level_cloud": "9", "level_ai": "", "summary": "  "}
    bad["csrf_token"] = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    response = mentor.client.post(form_path, data=bad, follow_redirects=False)
    assert response.status_code == 422
    refused = response.text
    assert "저장하지 않았어요." in refused and "고칠 곳이 3군데" in refused
    assert 'id="level_cloud-error"' in refused and "0부터 5 사이의 단계나 ‘모름’을 골라 주세요." in refused
    assert 'id="level_ai-error"' in refused and "하나를 골라 주세요." in refused
    assert "멘토 총평을 적어 주세요." in refused and 'aria-invalid="true"' in refused
    assert checked(refused, "level_data") == "2" and checked(refused, "level_blockchain") == "unknown"
    assert runtime.reassessment.current(actor=mentor.user, case_id=case_id) is None

    # Neither a teammate who does not hold the case nor an outsider records it.
    assert teammate.post(form_path, good) == (303, f"{case_path}#reassessment")
    assert "사례를 맡은 멘토나 팀 리드만 기록할 수 있어요" in teammate.page(case_path)
    assert outsider.post(form_path, good)[0] == 404
    assert runtime.reassessment.current(actor=mentor.user, case_id=case_id) is None

    assert mentor.post(form_path, good) == (303, f"{case_path}#reassessment")
    page = mentor.page(case_path)
    assert "성과 재평가를 저장했어요." in page and "재평가 고치기" in page
    assert "▲ +60" in page and "60점 올랐어요" in page and "▲ +20" in page
    assert "클라우드 백업을 도입했어요." in page and 'class="scores-after"' in page
    saved = runtime.reassessment.current(actor=mentor.user, case_id=case_id)
    assert saved is not None and saved.levels == {"cloud": 3, "ai": 1, "blockchain": None, "data": 2, "security": 2}
    assert saved.recorded_by_name == "김현장"
    # Editing starts from T1.
    assert checked(mentor.page(form_path), "level_cloud") == "3"

    report = mentor.page(f"/console/cases/{case_id}/report")
    assert "사례 보고서" in report and "▲ +60" in report and "클라우드 백업을 도입했어요." in report
    assert "욕구 해결 활동" in report and "solving 메모" in report and "minsu@example.com" not in report
    pdf = mentor.client.get(f"/console/cases/{case_id}/report.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "▲ +60" in text and "60점 올랐어요" in text and "클라우드 백업을 도입했어요." in text
    assert "minsu@example.com" not in text
    for path in (f"/console/cases/{case_id}/report", f"/console/cases/{case_id}/report.pdf", form_path):
        assert outsider.client.get(path).status_code == 404

    # Closed: the result stays, the form is gone.
    runtime.casework.advance(actor=mentor.user, case_id=case_id, to="closed")
    assert "재평가 고치기" not in mentor.page(case_path) and "▲ +60" in mentor.page(case_path)
    assert 'name="level_cloud"' not in mentor.page(form_path)
