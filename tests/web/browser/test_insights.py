"""/admin/insights in Chromium: a staff member signs in and reads the figures at 1280 and
360 px without sideways scrolling, axe-core finds no critical or serious violation, and a
figure's CSV link downloads the file. Screenshots go to tests/screenshots/."""

import uuid

from playwright.sync_api import Browser, expect

from application.accounts import NewUser, Role
from application.runtime import Runtime
from tests.casework.helpers import SEOUL_SHOP
from tests.intake_answers import DAEJEON_MOULD_MAKER, run_intake
from tests.web.browser.axe import assert_accessible
from tests.web.browser.conftest import SHOTS
from tests.web.browser.test_staff_login import PASSWORD, submit


def test_staff_read_the_insights_on_a_desktop_and_a_phone(browser: Browser, app_url: str, runtime: Runtime) -> None:
    sessions = [run_intake(runtime.chat) for _ in range(6)]
    sessions += [run_intake(runtime.chat, {**DAEJEON_MOULD_MAKER, **SEOUL_SHOP}) for _ in range(2)]
    staff = runtime.accounts.create_user(
        NewUser(email=f"insights-{uuid.uuid4().hex[:8]}@example.kr", name="정운영", role=Role.staff),
        password=PASSWORD)
    mentor = runtime.accounts.create_user(
        NewUser(email=f"mentor-{uuid.uuid4().hex[:8]}@example.kr", name="박현장", role=Role.mentor,
                team="대전 1팀", capacity=4), password=PASSWORD)
    for session_id in sessions[:3]:
        case_id = runtime.cases.case_for_session(session_id)
        assert case_id is not None
        runtime.casework.assign(actor=staff, case_id=case_id, mentor_id=mentor.id)
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 360):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="ko-KR",
                                      accept_downloads=True)
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.goto(f"{app_url}/admin/insights")
        submit(page, staff.email, PASSWORD)
        assert "/admin/insights" in page.url
        expect(page.get_by_role("heading", level=1, name="운영 현황")).to_be_visible()
        expect(page.get_by_role("img", name="지역별 사례")).to_be_visible()
        expect(page.get_by_role("table", name="멘토별 진행 중 사례")).to_contain_text("박현장")
        wider = page.evaluate("""(width) => [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > width).map((e) => e.tagName + '.' + e.className)""", width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, wider[:10]
        page.screenshot(path=str(SHOTS / f"admin-insights-{width}.png"), full_page=True)
        page.locator("#figure-regions").screenshot(path=str(SHOTS / f"admin-insights-regions-{width}.png"))
        assert_accessible(page, f"the insights page at {width} px")
        with page.expect_download() as download:
            page.get_by_role("link", name="CSV 지역별 사례").click()
        path = download.value.path()
        assert download.value.suggested_filename.startswith("insights-regions-")
        assert path.read_bytes().startswith(b"\xef\xbb\xbf\xed\x95\xad\xeb\xaa\xa9")  # BOM, then "항목"
        context.close()
