"""The partner widget on a plain web site of another origin (the site at `localhost`, the
service at 127.0.0.1), the site with a strict CSP of its own: the whole intake through the
launcher and the framed chat, keyboard only where a person would use it, with the site's
styles and global names left exactly as they were; and a refused origin or key adding nothing."""

import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Frame, Page, expect

from application.partners.schemas import Partner
from tests.web.browser.axe import assert_accessible
from tests.web.browser.chat import Chat, shoot
from tests.web.browser.conftest import SHOTS

SITE_CSS = """
* { letter-spacing: .01em; }
body { margin: 0; font-family: Georgia, "Times New Roman", serif; background: #fffbea; color: #333; }
header { background: #7a1f1f; color: #fff; padding: 20px; }
h1 { margin: 0; font-size: 30px; }
main { padding: 20px; }
div, section { border: 1px dotted #999; }
button { background: hotpink; border-radius: 0; padding: 6px 12px; }
a { color: darkgreen; }
"""
PROBED = ("html", "body", "header", "h1", "main", "p", "a", "button")
PROPERTIES = ("font-family", "font-size", "line-height", "color", "background-color", "margin-top", "margin-bottom",
              "padding-top", "padding-left", "letter-spacing", "border-top-style", "border-top-width", "display",
              "position", "box-sizing", "text-decoration-line")
WIDGET_LOG = "[intake widget]"
FRAME_SECONDS = 20


def site_page(site_dir: Path, app_url: str, name: str, key: str | None) -> str:
    """A partner's page with its own stylesheet and a strict CSP that lets in the service."""
    (site_dir / "site.css").write_text(SITE_CSS, encoding="utf-8")
    snippet = f'<script src="{app_url}/widget.js" data-partner="{key}" async></script>' if key else ""
    policy = (f"default-src 'self'; script-src 'self' {app_url}; connect-src {app_url}; frame-src {app_url}; "
              "style-src 'self'; img-src 'self'")
    (site_dir / name).write_text(f"""<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>대전 기업지원 포털</title><link rel="stylesheet" href="site.css"></head>
<body><header><h1>대전 기업지원 포털</h1></header>
<main><p>공지사항과 지원사업 안내를 확인하세요. <a href="#notice">공지 보기</a></p><button type="button">포털 메뉴</button></main>
{snippet}</body></html>""", encoding="utf-8")
    return name


def site_styles(page: Page) -> Any:
    return page.evaluate("""([selectors, properties]) => selectors.map((selector) => {
        const style = getComputedStyle(document.querySelector(selector));
        return [selector, properties.map((name) => style.getPropertyValue(name))];
    })""", [list(PROBED), list(PROPERTIES)])


def global_names(page: Page) -> Any:
    return page.evaluate("Object.getOwnPropertyNames(window).filter((name) => !/^[0-9]+$/.test(name)).sort()")


def chat_frame(page: Page) -> Frame:
    deadline = time.monotonic() + FRAME_SECONDS
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "/embed?" in frame.url:
                return frame
        page.wait_for_timeout(100)
    raise AssertionError("the widget opened no chat frame")


def test_intake_through_the_widget_leaves_the_site_untouched(context: BrowserContext, app_url: str, site_url: str,
                                                             site_dir: Path, make_partner: Any) -> None:
    partner: Partner = make_partner(site_url)
    plain = site_page(site_dir, app_url, "plain.html", None)
    with_widget = site_page(site_dir, app_url, f"portal-{partner.key}.html", partner.key)
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 860})
    page.goto(f"{site_url}/{plain}")
    styles, names = site_styles(page), global_names(page)

    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{site_url}/{with_widget}")
    widget = page.locator("intake-chat-widget")
    launcher = widget.locator("button.launcher")
    launcher.wait_for()
    assert launcher.get_attribute("aria-label") == partner.title
    assert launcher.get_attribute("aria-expanded") == "false"
    assert site_styles(page) == styles
    assert global_names(page) == names
    # The site around the launcher is the partner's: axe checks only what the widget adds.
    shoot(page, "widget-closed", SHOTS, audit=None)
    assert_accessible(page, "the widget's launcher", within="intake-chat-widget")

    # By keyboard: from the site's own button, Tab reaches the launcher; Enter opens the chat.
    page.locator("main button").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "INTAKE-CHAT-WIDGET"
    # Browsers keep no storage for a third-party frame (Chromium blocks it), so the session
    # is read from the service's answer, as the chat itself got it.
    with page.expect_response(lambda r: r.request.method == "POST" and r.url == f"{app_url}/api/sessions") as created:
        page.keyboard.press("Enter")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    frame = chat_frame(page)
    chat = Chat(frame, app_url, session=created.value.json())
    chat.wait_started()
    expect(frame.locator("#message")).to_be_focused()
    assert frame.locator(".brand-title").inner_text() == partner.title
    assert frame.locator(".partner-greeting").inner_text() == partner.greeting
    brand = frame.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()")
    assert brand == partner.colour
    shoot(page, "widget-open", SHOTS, audit=frame)

    chat.finish()
    assert chat.view()["partner"] == partner.key
    chat.wait_for_copy()
    page.set_viewport_size({"width": 1280, "height": 860})
    shoot(page, "widget-copy", SHOTS, audit=frame)

    # Escape in the chat closes the panel and puts focus back on the launcher.
    frame.locator("#message").press("Escape")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(widget.locator(".panel")).to_be_hidden()
    assert page.evaluate("document.activeElement.shadowRoot.activeElement.className") == "launcher"
    assert site_styles(page) == styles
    assert [error for error in errors if WIDGET_LOG in error] == []


@pytest.mark.parametrize("refusal", ["foreign origin", "unknown key"])
def test_refused_widget_adds_nothing_and_says_why(context: BrowserContext, app_url: str, site_url: str,
                                                  site_dir: Path, make_partner: Any, refusal: str) -> None:
    key = make_partner("https://portal.example.kr").key if refusal == "foreign origin" else "no-such-portal"
    name = site_page(site_dir, app_url, f"refused-{key}.html", key)
    page = context.new_page()
    logged: list[ConsoleMessage] = []
    page.on("console", lambda message: logged.append(message))
    page.goto(f"{site_url}/{name}")
    deadline = time.monotonic() + FRAME_SECONDS
    while not any(WIDGET_LOG in message.text for message in logged) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    reasons = [message for message in logged if WIDGET_LOG in message.text]
    assert reasons and all(message.type == "error" for message in reasons)
    assert key in reasons[0].text or site_url in reasons[0].text
    assert page.locator("intake-chat-widget").count() == 0
    assert len(page.frames) == 1
