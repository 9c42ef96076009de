"""The staff login in a real browser (Debian's Chromium): a wrong password is refused without
saying which part was wrong, the right one signs in and logout signs out, and repeated
failures hit the limit. Screenshots of the login page go to tests/screenshots/.

Each test has its own server (a fresh app on the session runtime), so the failed logins
counted against 127.0.0.1 throttle no other test."""

import re
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from application.accounts import NewUser, Role, User
from application.runtime import Runtime
from application.settings import Settings
from tests.web.browser.axe import assert_accessible
from tests.web.browser.conftest import SHOTS, serve
from web.app import create_app

PASSWORD = "금형 공장 스마트하게 2026"


@pytest.fixture
def staff_url(settings: Settings, runtime: Runtime) -> Iterator[str]:
    with serve(create_app(settings, runtime=runtime)) as url:
        yield url


@pytest.fixture
def mentor(runtime: Runtime) -> User:
    return runtime.accounts.create_user(
        NewUser(email=f"browser-{uuid.uuid4().hex[:8]}@example.kr", name="김현장", role=Role.mentor, team="대전 1팀"),
        password=PASSWORD)


def submit(page: Page, email: str, password: str) -> None:
    page.get_by_label("이메일").fill(email)
    page.get_by_label("비밀번호").fill(password)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_load_state("load")


def test_login_refuses_a_wrong_password_signs_in_and_limits(browser: Browser, staff_url: str, mentor: User) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 360):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="ko-KR")
        page = context.new_page()
        page.goto(f"{staff_url}/login")
        expect(page.get_by_role("heading", name="업무 화면 로그인")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SHOTS / f"staff-login-{width}.png"), full_page=True)
        assert_accessible(page, f"the login page at {width} px")
        context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ko-KR")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(f"{staff_url}/login")

    submit(page, mentor.email, "틀린 비밀번호입니다")
    expect(page.get_by_role("alert")).to_have_text("이메일이나 비밀번호가 맞지 않아요.")
    expect(page.get_by_label("이메일")).to_have_value(mentor.email)
    assert page.url.endswith("/login")
    page.screenshot(path=str(SHOTS / "staff-login-error-1280.png"), full_page=True)
    assert_accessible(page, "the login page with its error")

    submit(page, mentor.email, PASSWORD)
    assert page.url.endswith("/console")
    expect(page.locator(".who-name")).to_have_text("김현장")
    expect(page.locator(".topbar .role-badge")).to_have_text("현장 멘토")
    assert not [cookie for cookie in context.cookies() if cookie["name"] == "staff_session"
                and (not cookie["httpOnly"] or cookie["sameSite"] != "Lax")]
    assert page.evaluate("document.cookie") == ""
    page.get_by_role("button", name="로그아웃").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/login")
    page.goto(f"{staff_url}/account")
    assert "/login?next=/account" in page.url

    # Four more failures make five in the window (5/15minutes); the sixth attempt is refused
    # before the password is looked at, even the right one.
    for _ in range(4):
        submit(page, mentor.email, "또 틀린 비밀번호예요")
        expect(page.get_by_role("alert")).to_have_text("이메일이나 비밀번호가 맞지 않아요.")
    submit(page, mentor.email, PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("로그인 시도가 너무 많았어요")
    assert page.url.endswith("/login")
    page.screenshot(path=str(SHOTS / "staff-login-limited-1280.png"), full_page=True)
    context.close()


def test_admin_creates_an_account_on_a_phone(browser: Browser, staff_url: str, runtime: Runtime) -> None:
    admin = runtime.accounts.create_user(
        NewUser(email=f"admin-{uuid.uuid4().hex[:8]}@example.kr", name="이관리", role=Role.admin), password=PASSWORD)
    email = f"new-{uuid.uuid4().hex[:8]}@example.kr"
    for width in (1280, 360):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="ko-KR")
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.goto(f"{staff_url}/admin/users")
        submit(page, admin.email, PASSWORD)
        assert page.url.endswith("/admin/users")
        expect(page.get_by_role("link", name="사용자")).to_have_attribute("aria-current", "page")
        if width == 1280:
            # Each account's row has its own role and team fields too.
            create = page.get_by_role("region", name="새 계정 만들기")
            create.get_by_label("이메일").fill(email)
            create.get_by_label("이름").fill("최신규")
            create.get_by_label("역할").select_option("lead")
            create.get_by_label("팀").fill("대전 1팀")
            create.get_by_role("button", name="계정 만들기").click()
            page.wait_for_load_state("load")
            expect(page.get_by_test_id("initial-password")).to_have_text(re.compile(r"^[a-z2-9]{4}(-[a-z2-9]{4}){3}$"))
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # The first screen only: the session database holds every other test's accounts too.
        page.screenshot(path=str(SHOTS / f"staff-users-{width}.png"))
        context.close()
    created = runtime.accounts.find_by_email(email)
    assert created is not None and created.role == Role.lead and created.password_change_required
