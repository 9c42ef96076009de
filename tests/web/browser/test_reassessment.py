"""The re-assessment in Chromium against the live service: the mentor holding a case at 성과
리포트 opens the form from the case page, finds the intake's answers already chosen, changes
two, writes the summary, saves, sees T0 → T1 on the case page and opens the case report and its
PDF. The form, the case page with T1 and the report pass axe (no critical or serious
violation) at 360 and 1280 px; screenshots go to tests/screenshots/."""

import io
import uuid

from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from application.accounts import Role
from application.casework.workflow import STEPS
from application.runtime import Runtime
from tests.web.browser.test_console import account, new_case, shoot, sign_in


def test_the_mentor_records_t1_and_opens_the_case_report(browser: Browser, app_url: str, runtime: Runtime) -> None:
    team = f"성과팀-{uuid.uuid4().hex[:6]}"
    lead = account(runtime, Role.lead, team, "한리드")
    mentor = account(runtime, Role.mentor, team, "최현장")
    case_id = new_case(runtime)
    runtime.casework.assign(actor=lead, case_id=case_id, mentor_id=mentor.id)
    for step in STEPS[1:STEPS.index("report") + 1]:
        runtime.casework.advance(actor=mentor, case_id=case_id, to=step, note=f"{step}: 진행했어요")

    context, page, _ = sign_in(browser, app_url, mentor)
    page.goto(f"{app_url}/console/cases/{case_id}")
    expect(page.locator("#reassessment")).to_contain_text("아직 기록하지 않았어요")
    page.get_by_role("link", name="성과 재평가 기록하기").click()
    page.wait_for_url(f"{app_url}/console/cases/{case_id}/reassessment")
    cloud = page.get_by_role("group", name="클라우드")
    expect(cloud.get_by_label("안 써요, 계획도 없어요", exact=True)).to_be_checked()
    expect(page.get_by_role("group", name="AI").get_by_label("검토하고 있어요", exact=True)).to_be_checked()
    shoot(page, "console-reassessment-form")

    cloud.get_by_label("일부 업무에 써요", exact=True).check()
    page.get_by_role("group", name="보안").get_by_label("일부 업무에 써요", exact=True).check()
    page.get_by_role("group", name="신청한 지원사업").get_by_role("checkbox").first.check()
    page.get_by_label("멘토 총평").fill("클라우드 백업과 백신 관리를 같이 세웠어요. 다음은 ERP예요.")
    page.get_by_role("button", name="재평가 저장하기").click()
    page.wait_for_url(f"{app_url}/console/cases/{case_id}#reassessment")
    expect(page.locator(".flash").first).to_have_text("성과 재평가를 저장했어요.")
    row = page.locator('#reassessment tr[data-dimension="cloud"]')
    expect(row).to_contain_text("0점")
    expect(row).to_contain_text("60점")
    expect(row).to_contain_text("60점 올랐어요")
    expect(page.locator('#reassessment tr[data-dimension="security"]')).to_contain_text("20점 올랐어요")
    expect(page.locator("#readiness-radar rect.after")).to_have_count(5)
    shoot(page, "console-case-reassessed")

    page.get_by_role("link", name="사례 보고서 보기").click()
    page.wait_for_url(f"{app_url}/console/cases/{case_id}/report")
    expect(page.get_by_role("heading", level=1)).to_contain_text("사례 보고서")
    expect(page.locator("#change")).to_contain_text("60점 올랐어요")
    expect(page.locator("#done")).to_contain_text("욕구 해결 활동")
    expect(page.locator("#done")).to_contain_text("solving: 진행했어요")
    expect(page.locator("#report-radar")).to_be_visible()
    shoot(page, "console-case-report")

    with page.expect_download() as download:
        page.get_by_role("link", name="보고서 PDF 내려받기").click()
    pdf = download.value
    assert pdf.suggested_filename == f"report-{case_id}.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.path().read_bytes())).pages)
    assert "60점 올랐어요" in text and "다음은 ERP예요." in text
    context.close()
