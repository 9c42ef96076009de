"""The owner's chat at `/` in Chromium against the live service: a whole Korean intake with a
side question, a changed answer and a reload on the way, ending with the owner's copy; an
English session and the language switch; consent refused; picking the chat up on another
device with the resume code; script payloads typed into the chat; the Korean fallback font."""

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, expect

from application.runtime import Runtime
from application.settings import Settings
from prompts import load_prompts
from prompts.brief import load_brief_prompts
from prompts.errors import load_error_prompts
from prompts.web import load_web_text
from tests.web.browser.chat import Chat, progress_status, shoot
from tests.web.browser.conftest import SHOTS, serve
from web.app import create_app

SIDE_QUESTION = "스마트공장 지원사업이 뭐예요?"
KO = load_prompts("ko")
WEB = load_web_text("ko")


def open_chat(context: BrowserContext, app_url: str, path: str = "/") -> tuple[Page, Chat]:
    page = context.new_page()
    page.goto(app_url + path)
    chat = Chat(page.main_frame, app_url, lang="en" if "lang=en" in path else "ko")
    chat.wait_started()
    return page, chat


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth"), f"the page scrolls sideways ({width} px wide)"


def test_korean_intake_with_a_fix_a_reload_and_the_owners_copy(context: BrowserContext, app_url: str,
                                                               runtime: Runtime) -> None:
    page, chat = open_chat(context, app_url)
    code = chat.stored()["resume_code"]
    assert page.locator("#log .note.resume .code").inner_text() == code
    # On a 360 × 780 phone: the first question and its example are in sight above the
    # pinned box and quick replies; focus starts in the box and the quick replies follow it.
    question = chat.assistant().last.bounding_box()
    dock = page.locator("#dock").bounding_box()
    assert question is not None and dock is not None
    assert question["y"] >= 0 and question["y"] + question["height"] <= dock["y"]
    expect(page.locator("#message")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#send")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#quick button").first).to_be_focused()
    assert progress_status(page.main_frame) == WEB.progress_status.format(n=1, total=6, topic=KO.topics["company"])
    shoot(page, "chat-start", SHOTS)

    chat.answer()  # one message fills industry, region and employees
    chat.answer()  # founded year
    founded = chat.answers["company.founded_year"]
    first = chat.owner().first
    assert first.get_by_role("button").get_attribute("aria-label") == f"내 답 고치기: {chat.answers['company.industry']}"

    # An answer that filled several slots asks which one to change; Escape puts focus back.
    first.get_by_role("button").click()
    menu = first.locator(".fix-menu")
    choices = menu.get_by_role("button").all_inner_texts()
    filled = ("company.industry", "company.region", "company.employees")
    assert set(choices[:-1]) == {KO.say.fix_option.format(label=KO.label(slot)) for slot in filled}
    assert choices[-1] == WEB.cancel
    shoot(page, "chat-fix-menu", SHOTS)
    page.keyboard.press("Escape")
    assert menu.count() == 0

    # Changing the founding year: click the answer, the question comes again.
    chat.click_answer(founded)
    assert chat.view()["expecting"] == "company.founded_year"
    assert chat.owner_texts()[-1] == KO.say.fix_option.format(label=KO.label("company.founded_year"))
    chat.say("2012년")
    assert chat.view()["slots"]["company.founded_year"]["value"] == 2012

    # A side question is answered with its source, and the question is asked again.
    expecting = chat.view()["expecting"]
    chat.say(SIDE_QUESTION)
    sources = chat.assistant().locator(".sources")
    assert sources.count() == 1
    assert sources.locator(".source-label").first.inner_text() == KO.say.source_label
    assert chat.view()["expecting"] == expecting
    # The source opens on its own page: the article, the quoted sentence marked, how old it is.
    sources.locator("summary").first.click()
    link = sources.get_by_role("link", name=WEB.source_open)
    article = page.context.new_page()
    article.goto(app_url + str(link.get_attribute("href")))
    expect(article.locator("article mark")).to_have_count(1)
    marked = str(article.locator("article mark").text_content()).removeprefix(WEB.source_quoted + ": ")
    assert marked in sources.locator("details p").first.inner_text()
    assert ".txt" not in article.content() and "시드" not in article.content()
    shoot(article, "source-article", SHOTS)
    article.close()

    chat.answer_until(lambda expecting: expecting.startswith("staffing."))
    assert progress_status(page.main_frame) == WEB.progress_status.format(n=3, total=6, topic=KO.topics["staffing"])
    assert page.locator(".step.done").count() == 2
    shoot(page, "chat-midway", SHOTS)

    # Reload half-way: the same conversation comes back and goes on.
    owners = chat.owner_texts()
    page.reload()
    chat.wait_started()
    assert chat.owner_texts() == owners
    assert page.locator("#log .note.resume .code").inner_text() == code
    chat.answer_until(lambda expecting: expecting == "consent")

    # The consent step: the notice with its line breaks, and agree / don't agree buttons.
    assert "\n" in chat.assistant_texts()[-1]
    assert page.locator("#quick button.consent-yes").inner_text() == KO.say.consent_yes
    shoot(page, "chat-consent", SHOTS)
    chat.finish(consent=True)

    copy = chat.wait_for_copy()
    assert copy.locator("#owner-programs article.program").count() >= 1
    owner_text = load_brief_prompts("ko").owner
    assert copy.locator(".next-step").inner_text() == owner_text.next_step.format(days=runtime.engine.mentor_contact_days)
    assert copy.locator("ul.dims li").count() >= 5
    assert progress_status(page.main_frame) == WEB.progress_finished
    # The page says the conversation is over and where to look next.
    expect(page.locator("#log .note.finished")).to_have_text(WEB.finished_note)
    assert page.locator("#message").get_attribute("placeholder") == WEB.finished_placeholder
    # Finished: earlier answers can no longer be changed.
    assert chat.owner().get_by_role("button").count() == 0
    no_sideways_scroll(page)
    shoot(page, "owner-copy", SHOTS)
    page.set_viewport_size({"width": 1280, "height": 860})
    page.locator("#copy").scroll_into_view_if_needed()
    page.locator("#copy").screenshot(path=str(SHOTS / "owner-copy-section-1280.png"))

    # Come back tomorrow: a new page in the same browser shows the finished chat and the copy.
    again = context.new_page()
    again.goto(app_url + "/")
    Chat(again.main_frame, app_url).wait_for_copy()
    assert Chat(again.main_frame, app_url).owner_texts()[:3] == owners[:3]


def test_english_session_and_switching_language_keeps_the_conversation(context: BrowserContext,
                                                                        app_url: str) -> None:
    page, chat = open_chat(context, app_url, "/?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#message").get_attribute("placeholder") == load_web_text("en").input_placeholder
    assert chat.assistant_texts()[0].startswith("Hello")
    assert progress_status(page.main_frame) == "Step 1 of 6: Company"
    chat.say("We run a small online shop in Busan with 4 people")
    chat.say("2019")
    view = chat.view()
    assert view["lang"] == "en" and view["slots"]["company.region"]["value"] == "busan"
    shoot(page, "chat-english", SHOTS)

    # To Korean: the page and the assistant switch, the answers stay where they were.
    page.get_by_role("link", name="한국어").click()
    page.wait_for_url("**/?lang=ko")
    chat.wait_started()
    assert page.locator("html").get_attribute("lang") == "ko"
    assert chat.owner_texts()[:2] == ["We run a small online shop in Busan with 4 people", "2019"]
    # What was said in English before the switch keeps its language for screen readers.
    assert page.locator("#log .msg.owner .text").first.get_attribute("lang") == "en"
    assert page.locator("#log .msg.assistant .text").first.get_attribute("lang") == "en"
    assert chat.view()["lang"] == "ko"
    assert any("가" <= ch <= "힣" for ch in chat.assistant_texts()[-1])
    asked = chat.view()["expecting"]
    chat.say("매출 5억")
    assert chat.view()["slots"][asked]["status"] == "answered"

    # A plain visit to `/` follows the conversation's language.
    chat.view()  # still Korean
    page.goto(app_url + "/")
    chat.wait_started()
    assert page.locator("html").get_attribute("lang") == "ko"


def test_consent_refused_shows_the_copy_without_a_mentor(context: BrowserContext, app_url: str) -> None:
    page, chat = open_chat(context, app_url)
    # A question that takes several answers: pick two, then send them together.
    chat.answer_until(lambda expecting: expecting == "needs.support_types")
    labels = {option["value"]: option["label"] for option in chat.view()["turn"]["options"]}
    send = page.locator("#quick").get_by_role("button", name=WEB.multi_send, exact=True)
    expect(send).to_have_attribute("aria-disabled", "true")
    for value in ("funding", "mentoring"):
        pick = page.locator("#quick").get_by_role("button", name=labels[value], exact=True)
        pick.click()
        expect(pick).to_have_attribute("aria-pressed", "true")
    assert chat.view()["expecting"] == "needs.support_types"  # nothing sent yet
    shoot(page, "chat-multi-choice", SHOTS)
    # On a phone the choices scroll sideways in one row; the send button stays in sight.
    width = page.viewport_size["width"] if page.viewport_size else 0
    box = send.bounding_box()
    assert width == 360 and box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    chat.press(WEB.multi_send)
    assert chat.view()["slots"]["needs.support_types"]["value"] == ["funding", "mentoring"]
    assert chat.owner_texts()[-1] == f"{labels['funding']}, {labels['mentoring']}"
    chat.answer_until(lambda expecting: expecting == "consent")
    chat.answer(consent=False)
    chat.finish(consent=False)
    view = chat.view()
    assert view["finished"] and not view["brief_ready"]
    assert not any(slot.startswith("contact.") for slot in view["slots"])
    copy = chat.wait_for_copy()
    assert copy.locator(".next-step").inner_text() == load_brief_prompts("ko").owner.next_step_without_mentor
    shoot(page, "consent-refused", SHOTS)


def test_resume_code_on_another_device(context: BrowserContext, browser: Browser, app_url: str) -> None:
    page, chat = open_chat(context, app_url)
    chat.answer()
    chat.answer()
    code = page.locator("#resume-code").inner_text()
    owners = chat.owner_texts()

    phone = browser.new_context(viewport={"width": 360, "height": 780}, locale="ko-KR")
    phone.set_default_timeout(20_000)
    other, fresh = open_chat(phone, app_url)
    assert fresh.owner().count() == 0
    other.locator("#resume-input").fill(code.lower().replace("-", " "))
    other.get_by_role("button", name="이어하기", exact=True).click()
    other.locator("#log .note.ok").wait_for()
    assert fresh.owner_texts() == owners
    assert other.locator("#resume-code").inner_text() == code
    shoot(other, "resume-code", SHOTS)
    fresh.answer()
    assert chat.view() == fresh.view()

    other.locator("#resume-input").fill("ZZZZ-ZZZZ")
    other.get_by_role("button", name="이어하기", exact=True).click()
    error = other.locator("#resume-error")
    error.wait_for()
    assert "코드" in error.inner_text()
    phone.close()


def test_script_payloads_typed_into_the_chat_stay_text(context: BrowserContext, app_url: str) -> None:
    payloads = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>",
                '<a href="javascript:alert(3)">눌러 주세요</a>']
    page, chat = open_chat(context, app_url)
    dialogs: list[str] = []

    def opened(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", opened)
    for payload in payloads:
        chat.say(payload)
    page.reload()
    chat.wait_started()
    for _ in range(2):
        shown = chat.owner_texts()
        assert shown[:3] == payloads
        assert page.locator("#log script, #log img, #log a[href^='javascript']").count() == 0
        page.reload()
        chat.wait_started()
    page.wait_for_timeout(300)
    assert dialogs == []


def test_the_korean_fallback_font_is_accepted(context: BrowserContext, app_url: str) -> None:
    page = context.new_page()
    page.goto(app_url + "/")
    url = httpx.get(app_url + "/static/owner/chat.css").text.split('url("', 1)[1].split('"', 1)[0]
    status = page.evaluate("""async (url) => {
        const face = new FontFace('probe', `url(${url})`);
        try { await face.load(); return face.status; } catch (error) { return String(error); }
    }""", url)
    assert status == "loaded"


@pytest.fixture
def throttled_url(settings: Settings, runtime: Runtime) -> Iterator[str]:
    """The service with room for two messages a minute per conversation."""
    with serve(create_app(settings.model_copy(update={"rate_limit_messages": "2/minute"}), runtime=runtime)) as url:
        yield url


def test_a_refused_message_is_explained_in_the_services_words(context: BrowserContext, throttled_url: str) -> None:
    page, chat = open_chat(context, throttled_url)
    chat.answer()
    chat.answer()
    box = page.locator("#message")
    box.fill("세 번째 답이에요")
    box.press("Enter")
    note = page.locator("#log .note.error")
    note.wait_for()
    assert note.inner_text() == load_error_prompts("ko").message("rate_limited_messages")
    assert box.input_value() == "세 번째 답이에요"  # given back to send later
    assert len(chat.owner_texts()) == 2
    shoot(page, "rate-limited", SHOTS)
