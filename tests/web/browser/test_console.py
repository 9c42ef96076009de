"""The mentor console in Chromium against the live service: a lead signs in and assigns a new
case to a mentor of their team; the mentor signs in and moves it through every step with
notes; a case nobody has contacted shows the overdue flag; script payloads in notes stay
text. Screenshots of the queue and the case page at laptop and phone width go to
tests/screenshots/."""

import uuid
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import update

from application.accounts import NewUser, Role, User
from application.cases.models import CaseRow
from application.casework.workflow import STEPS
from application.runtime import Runtime
from application.store.database import make_engine, session_factory
from prompts.console import load_console_prompts
from tests.casework.helpers import PASSWORD, run_intake
from tests.web.browser.axe import assert_accessible
from tests.web.browser.conftest import SHOTS

TEXT = load_console_prompts()
XSS = '<img src=x onerror="window.__xss = 1"><script>window.__xss = 2</script>'
LAPTOP = {"width": 1280, "height": 900}


def account(runtime: Runtime, role: Role, team: str, name: str) -> User:
    return runtime.accounts.create_user(
        NewUser(email=f"{role.value}-{uuid.uuid4().hex[:8]}@example.kr", name=name, role=role, team=team),
        password=PASSWORD)


def new_case(runtime: Runtime) -> str:
    case_id = runtime.cases.case_for_session(run_intake(runtime.chat))
    assert case_id is not None
    return case_id


def sign_in(browser: Browser, app_url: str, user: User) -> tuple[BrowserContext, Page, list[str]]:
    """A laptop-sized browser signed in as `user`, and the messages of any dialog a page opened."""
    context = browser.new_context(viewport=LAPTOP, locale="ko-KR")
    context.set_default_timeout(20_000)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{app_url}/login")
    page.get_by_label("이메일").fill(user.email)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url(f"{app_url}/console")
    return context, page, dialogs


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth"), f"the page scrolls sideways ({width} px wide)"


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        no_sideways_scroll(page)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        assert_accessible(page, f"{name} at {width} px")
    page.set_viewport_size(LAPTOP)


def notice(page: Page) -> str:
    """The notice after an action, which the page shows in view rather than scrolling past."""
    flash = page.locator(".flash").first
    expect(flash).to_be_in_viewport()
    return flash.inner_text()


def test_lead_assigns_and_mentor_works_the_case_to_the_end(browser: Browser, app_url: str, runtime: Runtime) -> None:
    team = f"대전팀-{uuid.uuid4().hex[:6]}"
    lead = account(runtime, Role.lead, team, "오리드")
    mentor = account(runtime, Role.mentor, team, "김현장")
    case_id = new_case(runtime)

    lead_context, page, _ = sign_in(browser, app_url, lead)
    page.goto(f"{app_url}/console?holder=unassigned&status=received")
    row = page.locator(f'tr[data-case="{case_id}"]')
    expect(row.get_by_text("접수", exact=True)).to_be_visible()
    row.get_by_role("link").click()
    page.wait_for_url(f"{app_url}/console/cases/{case_id}")
    assert "minsu@example.com" not in page.content()
    picker = page.locator("fieldset.mentor-pick")
    expect(picker.get_by_text("0 / 5건")).to_be_visible()
    picker.get_by_label("김현장").check()
    page.get_by_label("배정 메모").fill("금형 공정 경험이 있는 김 멘토님께 부탁드려요")
    page.get_by_role("button", name="배정하기").click()
    page.wait_for_url(f"{app_url}/console/cases/{case_id}#notices")
    assert notice(page) == TEXT.notices.assigned.format(name="김현장")
    expect(page.locator(".case-meta")).to_contain_text("김현장")
    lead_context.close()

    mentor_context, page, dialogs = sign_in(browser, app_url, mentor)
    page.goto(f"{app_url}/console?holder=mine")
    page.locator(f'tr[data-case="{case_id}"]').get_by_role("link").click()
    for step in STEPS[1:]:
        label = TEXT.status(step)
        page.get_by_label("단계 메모").fill(f"{label}: 진행했어요")
        page.get_by_role("button", name=f"‘{label}’ 단계로 넘기기").click()
        page.wait_for_url(f"{app_url}/console/cases/{case_id}#notices")
        assert notice(page) == TEXT.notices.advanced.format(status=label)
        expect(page.locator(".case-title .status-chip")).to_have_text(label)
        if step == "solving":
            shoot(page, "console-case")
    history = page.locator("#history")
    for step in STEPS[1:]:
        expect(history.get_by_text(f"{TEXT.status(step)}: 진행했어요")).to_be_visible()
    expect(page.locator(".stepper .step.done")).to_have_count(len(STEPS))
    assert page.get_by_role("button", name="반려하기").count() == 0

    # Notes stay possible on a closed case, and a script in one is only text.
    page.get_by_label("메모", exact=True).fill(XSS)
    page.get_by_role("button", name="메모 남기기").click()
    page.wait_for_url(f"{app_url}/console/cases/{case_id}#notices")
    expect(history.locator(".note").filter(has_text="window.__xss = 2")).to_have_text(XSS)
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    assert runtime.casework.case(actor=mentor, case_id=case_id).summary.status == "closed"
    mentor_context.close()


def test_an_uncontacted_case_shows_the_overdue_flag(browser: Browser, app_url: str, runtime: Runtime) -> None:
    team = f"수도권팀-{uuid.uuid4().hex[:6]}"
    lead = account(runtime, Role.lead, team, "이리드")
    fresh, old = new_case(runtime), new_case(runtime)
    # The service made the case just now; moving its created_at back two weeks in the database
    # is the only way a case gets old enough to be overdue in a test against the real clock.
    writer = session_factory(make_engine(runtime.settings.effective_database_url))
    with writer.begin() as db:
        db.execute(update(CaseRow).where(CaseRow.id == old)
                   .values(created_at=datetime.now(UTC) - timedelta(days=14)))

    context, page, _ = sign_in(browser, app_url, lead)
    page.goto(f"{app_url}/console?holder=unassigned")
    flagged = page.locator(f'tr[data-case="{old}"] .flag-overdue')
    expect(flagged).to_have_text("연락 기한 지남")
    expect(flagged).to_be_visible()
    assert flagged.locator("svg").get_attribute("aria-hidden") == "true"
    expect(page.locator(f'tr[data-case="{fresh}"] .flag-overdue')).to_have_count(0)
    shoot(page, "console-queue")

    page.locator(f'tr[data-case="{old}"]').get_by_role("link").click()
    expect(page.locator(".case-title .flag-overdue")).to_have_text("연락 기한 지남")
    page.get_by_role("button", name="연락함").click()
    page.wait_for_url(f"{app_url}/console/cases/{old}#notices")
    assert notice(page) == TEXT.notices.contacted
    expect(page.locator(".case-title .flag-overdue")).to_have_count(0)

    # Contact details appear only after 연락처 보기.
    assert "minsu@example.com" not in page.content()
    page.get_by_role("button", name="연락처 보기").click()
    expect(page.locator("#contact-card")).to_contain_text("minsu@example.com")
    expect(page.locator("#contact-card a[href='mailto:minsu@example.com']")).to_be_visible()
    context.close()
