"""A case's whole life at the agency, in Chromium against the live service with a real SMTP
server (aiosmtpd): a lead assigns a new case; the notification sender delivers the mentor's
mail, which links to the case and carries none of the owner's data; the mentor follows the
link, works the case to 성과 리포트 and records T1 with the owner; the case report shows the
change; staff find the case in the insights: the mentor's load, the before/after figure and
its CSV."""

import re
import uuid

from playwright.sync_api import Browser, expect

from application.accounts import NewUser, Role
from application.casework.workflow import STEPS
from application.notifications.schemas import DeliveryPolicy
from application.notifications.sender import Sender
from application.notifications.service import Notifier, Outbox
from application.runtime import Runtime
from application.store.database import session_factory
from prompts.console import load_console_prompts
from tests.notifications.conftest import smtp_config
from tests.notifications.smtp import SmtpServer
from tests.web.browser.test_console import account, new_case, notice, sign_in
from tests.web.browser.test_staff_login import PASSWORD, submit

TEXT = load_console_prompts()


def test_assignment_mail_t1_report_and_insights(browser: Browser, app_url: str, runtime: Runtime) -> None:
    team = f"전주기팀-{uuid.uuid4().hex[:6]}"
    lead = account(runtime, Role.lead, team, "윤리드")
    mentor = account(runtime, Role.mentor, team, "서현장")
    case_id = new_case(runtime)

    context, page, _ = sign_in(browser, app_url, lead)
    page.goto(f"{app_url}/console/cases/{case_id}")
    page.locator("fieldset.mentor-pick").get_by_label("서현장").check()
    page.get_by_role("button", name="배정하기").click()
    page.wait_for_url(f"{app_url}/console/cases/{case_id}#notices")
    assert notice(page) == TEXT.notices.assigned.format(name="서현장")
    context.close()

    # The sender, run as cron would (one pass), delivers what the assignment queued.
    with SmtpServer() as smtp:
        outbox = Outbox(session_factory(runtime.database), policy=DeliveryPolicy.from_settings(runtime.settings))
        Sender(outbox, Notifier.from_settings(runtime.settings), smtp_config(smtp.port)).run_once()
        mails = [m for m in smtp.inbox.received if mentor.email in m.rcpt_tos]
    assert len(mails) == 1
    body = mails[0].body
    link = re.search(r"https?://\S+/console/cases/" + re.escape(case_id), body)
    assert link is not None and "token" not in link.group(0)
    brief = runtime.cases.get_brief(case_id)
    assert brief.contact.email is not None and brief.contact.email not in body

    context, page, _ = sign_in(browser, app_url, mentor)
    # The mail links to the console's public address (INTAKE_CONSOLE_URL); the test server has its own.
    page.goto(app_url + "/console" + link.group(0).split("/console", 1)[1])
    for step in STEPS[1:STEPS.index("report") + 1]:
        label = TEXT.status(step)
        page.get_by_label("단계 메모").fill(f"{label}: 진행했어요")
        page.get_by_role("button", name=f"‘{label}’ 단계로 넘기기").click()
        page.wait_for_url(f"{app_url}/console/cases/{case_id}#notices")
    page.get_by_role("link", name="성과 재평가 기록하기").click()
    page.get_by_role("group", name="클라우드").get_by_label("일부 업무에 써요", exact=True).check()
    page.get_by_label("멘토 총평").fill("클라우드 백업을 같이 세웠어요.")
    page.get_by_role("button", name="재평가 저장하기").click()
    page.wait_for_url(f"{app_url}/console/cases/{case_id}#reassessment")
    page.get_by_role("link", name="사례 보고서 보기").click()
    expect(page.locator("#change")).to_contain_text("60점 올랐어요")
    context.close()

    staff = runtime.accounts.create_user(
        NewUser(email=f"staff-{uuid.uuid4().hex[:8]}@example.kr", name="정운영", role=Role.staff), password=PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR", accept_downloads=True)
    page = context.new_page()
    page.goto(f"{app_url}/admin/insights")
    submit(page, staff.email, PASSWORD)
    cloud = page.get_by_role("table", name="멘토링 전후 디지털 준비도").get_by_role("row").filter(has_text="클라우드")
    # This case counts among the re-measured ones: at least one, shown as a number or as fewer than five.
    measured = cloud.locator("td").first.inner_text().strip()
    assert measured == "5 미만" or int(measured) >= 5
    # The mentor's open case is in their load (staff workload, never suppressed).
    load = page.get_by_role("table", name="멘토별 진행 중 사례").get_by_role("row").filter(has_text="서현장")
    expect(load.locator("td").first).to_have_text("1")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV 멘토링 전후 디지털 준비도").click()
    assert "클라우드" in download.value.path().read_text(encoding="utf-8-sig")
    context.close()
