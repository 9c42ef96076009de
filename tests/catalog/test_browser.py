"""The knowledge-base admin in a real browser (Debian's Chromium): staff sign in, edit an
entry's summary with a search preview, save, and /api/search has the change at once; the
history restores the previous version and search is back to the old text. Screenshots of
the list, the edit page with its preview and the history go to tests/screenshots/. An
owner's chat answer quoting an entry with markup in it shows it as text."""

import uuid
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from application.accounts import NewUser, Role
from application.catalog.entries import EntryAdmin
from application.partners.schemas import Partner
from application.runtime import Runtime
from application.settings import Settings
from tests.accounts.conftest import PASSWORD
from tests.browser import launch_chromium
from tests.catalog.xss import IMAGE, SCRIPT, XSS_ALIAS, save_xss_entry
from tests.web.browser.axe import assert_accessible
from tests.web.browser.chat import Chat
from tests.web.browser.conftest import SHOTS, serve
from web.app import create_app

ENTRY = "program:kosme-regional-champion"
EDIT_PATH = "/admin/kb/program/kosme-regional-champion"
NEW_SUMMARY = "지역 대표 기업을 초록별 반딧불 방식으로 키우는 릴레이 지원이에요. 단계마다 다음 지원으로 이어져요."
NEW_WORDS = "초록별 반딧불 방식"


@pytest.fixture(scope="module")
def app_url(editable_settings: Settings, editable_runtime: Runtime) -> Iterator[str]:
    with serve(create_app(editable_settings, runtime=editable_runtime)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with launch_chromium(tmp_path_factory.mktemp("fonts")) as chromium:
        yield chromium


@pytest.fixture
def staff_page(browser: Browser, app_url: str, editable_runtime: Runtime) -> Iterator[Page]:
    email = f"kb-browser-{uuid.uuid4().hex[:8]}@example.kr"
    editable_runtime.accounts.create_user(NewUser(email=email, name="박운영", role=Role.staff), password=PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.goto(f"{app_url}/login")
    page.get_by_label("이메일").fill(email)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url(f"{app_url}/console")
    yield page
    context.close()


def _top(app_url: str, query: str) -> dict[str, str]:
    answer = httpx.get(f"{app_url}/api/search", params={"q": query, "k": 1}, timeout=60)
    assert answer.status_code == 200
    result: dict[str, str] = answer.json()["results"][0]
    return result


def test_staff_edit_a_summary_see_it_in_search_and_restore_it(staff_page: Page, app_url: str,
                                                             editable_runtime: Runtime) -> None:
    SHOTS.mkdir(exist_ok=True)
    page = staff_page
    old_summary = editable_runtime.kb.entries[ENTRY].summary.ko
    assert _top(app_url, NEW_WORDS)["id"] != ENTRY

    page.get_by_role("link", name="지식베이스").click()
    expect(page.get_by_role("heading", name="지식베이스", exact=True)).to_be_visible()
    page.get_by_label("이름, id, 태그로 찾기").fill("지역 대표")
    page.get_by_role("button", name="찾기").click()
    page.get_by_role("link", name="고치기").first.wait_for()
    page.goto(f"{app_url}/admin/kb")
    page.screenshot(path=str(SHOTS / "admin-kb-list-1280.png"), full_page=True)

    page.goto(f"{app_url}{EDIT_PATH}")
    summary = page.get_by_label("요약 (한국어)")
    expect(summary).to_have_value(old_summary)
    summary.fill(NEW_SUMMARY)
    page.get_by_role("button", name="검색 미리보기").click()
    preview = page.locator("#preview")
    expect(preview.get_by_role("heading", name="검색 미리보기")).to_be_visible()
    expect(page.get_by_label("요약 (한국어)")).to_have_value(NEW_SUMMARY)
    assert _top(app_url, NEW_WORDS)["id"] != ENTRY, "the preview must not change the live search"
    # The window, not the whole page: the form's sticky save bar would sit mid-page in a
    # full-page picture.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / "admin-entry-preview-1280.png"))

    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("저장했어요")
    assert _top(app_url, NEW_WORDS)["id"] == ENTRY
    assert editable_runtime.kb.entries[ENTRY].summary.ko == NEW_SUMMARY

    page.get_by_role("link", name="변경 이력").click()
    expect(page.get_by_role("heading", name="변경 이력")).to_be_visible()
    expect(page.locator("ins").filter(has_text=NEW_SUMMARY[:20]).first).to_be_visible()
    page.screenshot(path=str(SHOTS / "admin-entry-history-1280.png"), full_page=True)
    page.get_by_test_id("restore-0").click()
    expect(page.get_by_role("status")).to_contain_text("버전 0의 내용으로 되돌렸어요")
    assert _top(app_url, NEW_WORDS)["id"] != ENTRY
    assert editable_runtime.kb.entries[ENTRY].summary.ko == old_summary
    assert _top(app_url, old_summary[:40])["id"] == ENTRY


def test_admin_pages_fit_a_phone(staff_page: Page, app_url: str) -> None:
    page = staff_page
    page.set_viewport_size({"width": 360, "height": 780})
    for path, name in (("/admin/kb", "admin-kb-list-360.png"), (EDIT_PATH, None), ("/admin/mentors", None),
                       ("/admin/partners", None)):
        page.goto(f"{app_url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways at 360 px ({width} px)"
        if name:
            page.screenshot(path=str(SHOTS / name), full_page=True)


def test_markup_from_the_knowledge_base_is_text_in_the_owners_chat(browser: Browser, app_url: str,
                                                                   editable_runtime: Runtime) -> None:
    save_xss_entry(EntryAdmin(editable_runtime.knowledge))
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="ko-KR")
    context.set_default_timeout(120_000)
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page = context.new_page()
    page.on("dialog", refuse)
    page.goto(f"{app_url}/")
    chat = Chat(frame=page.main_frame, app_url=app_url)
    chat.wait_started()
    chat.say(f"{XSS_ALIAS}가 뭐예요?")
    said = "\n".join(chat.assistant_texts())
    assert SCRIPT in said and IMAGE in said
    assert page.evaluate("window.__xss") is None
    assert page.locator("#log img[src='x']").count() == 0 and page.locator("#log script").count() == 0
    assert dialogs == []
    context.close()


def test_every_admin_page_passes_axe_at_phone_and_desktop_width(browser: Browser, app_url: str,
                                                                editable_runtime: Runtime) -> None:
    """Every staff page an admin reaches, as axe-core sees it at 360 and 1280 px."""
    email = f"kb-admin-{uuid.uuid4().hex[:8]}@example.kr"
    editable_runtime.accounts.create_user(NewUser(email=email, name="최관리", role=Role.admin), password=PASSWORD)
    partner = Partner(key=f"axe-{uuid.uuid4().hex[:6]}", name="대전 기업지원 포털", title="디지털 상담",
                      greeting="편하게 물어보세요.", allowed_origins=["https://portal.example.kr"])
    editable_runtime.partners.save(partner)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.goto(f"{app_url}/login")
    page.get_by_label("이메일").fill(email)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url(f"{app_url}/console")
    page.goto(f"{app_url}/admin/mentors")
    mentor = page.locator("a[href^='/admin/mentors/']:not([href$='/new'])").first.get_attribute("href")
    assert mentor is not None
    paths = ("/admin/kb", EDIT_PATH, f"{EDIT_PATH}/history", "/admin/kb/new", "/admin/mentors", mentor,
             f"{mentor}/history", "/admin/mentors/new", "/admin/partners", f"/admin/partners/{partner.key}",
             f"/admin/partners/{partner.key}/history", "/admin/partners/new", "/admin/users", "/admin/access-log",
             "/account")
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(f"{app_url}{path}")
            assert_accessible(page, f"{path} at {width} px")

    # The partner's page offers the one-line snippet for its site, with a copy button.
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page.goto(f"{app_url}/admin/partners/{partner.key}")
    snippet = f'<script src="{app_url}/widget.js" data-partner="{partner.key}" async></script>'
    expect(page.locator("#embed-snippet")).to_have_text(snippet)
    page.get_by_role("button", name="코드 복사").click()
    expect(page.get_by_role("button", name="복사했어요")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == snippet
    context.close()
