"""Drives the owner's chat the way a person does. What the assistant is asking is read from
the session's `expecting` (GET /api/sessions/{id}, with the token the page keeps in
localStorage), so the tests follow the turns rather than a fixed script; answers are typed,
or given with the quick-reply buttons, like an owner would."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx
from playwright.sync_api import Frame, Locator, Page

from tests.intake_answers import DAEJEON_MOULD_MAKER
from tests.web.browser.axe import assert_accessible

PAGE_KEY = "intake.chat"
CONSENT = "consent"
DONT_KNOW = {"ko": "잘 모르겠어요", "en": "I don't know"}
MAX_TURNS = 60
SHOT_HEIGHT = {360: 780, 1280: 860}


@dataclass
class Chat:
    frame: Frame
    app_url: str
    storage_key: str = PAGE_KEY
    lang: str = "ko"
    answers: dict[str, str] = field(default_factory=lambda: dict(DAEJEON_MOULD_MAKER))
    # The session as POST /api/sessions answered it, for a frame that may keep no storage.
    session: dict[str, Any] | None = None

    # -- what the page shows ----------------------------------------------------------------

    def assistant(self) -> Locator:
        return self.frame.locator("#log .msg.assistant")

    def owner(self) -> Locator:
        return self.frame.locator("#log .msg.owner")

    def owner_texts(self) -> list[str]:
        """The owner's messages as shown (without the screen-reader prefix)."""
        return self.frame.locator("#log .msg.owner .bubble .text").all_inner_texts()

    def assistant_texts(self) -> list[str]:
        return self.frame.locator("#log .msg.assistant .bubble .text").all_inner_texts()

    def quick(self, label: str) -> Locator:
        return self.frame.locator("#quick").get_by_role("button", name=label, exact=True)

    def stored(self) -> dict[str, Any]:
        if self.session is not None:
            return self.session
        stored: dict[str, Any] | None = self.frame.evaluate("key => JSON.parse(localStorage.getItem(key))",
                                                            self.storage_key)
        assert stored is not None, "the page keeps no session"
        return stored

    def view(self) -> dict[str, Any]:
        stored = self.stored()
        response = httpx.get(f"{self.app_url}/api/sessions/{stored['session_id']}",
                             headers={"Authorization": f"Bearer {stored['token']}"}, timeout=30)
        assert response.status_code == 200, response.text
        view: dict[str, Any] = response.json()
        return view

    # -- acting -------------------------------------------------------------------------------

    def wait_started(self) -> None:
        self.assistant().first.wait_for()
        self.frame.locator("#typing").wait_for(state="hidden")

    def _after(self, act: Any) -> None:
        before = self.assistant().count()
        act()
        self.assistant().nth(before).wait_for()
        self.frame.locator("#typing").wait_for(state="hidden")
        self.frame.locator("#log .msg.owner.sending").wait_for(state="detached")

    def say(self, text: str) -> None:
        """Types a message and sends it with Enter."""
        box = self.frame.locator("#message")

        def act() -> None:
            box.fill(text)
            box.press("Enter")

        self._after(act)

    def press(self, label: str) -> None:
        self._after(self.quick(label).click)

    def click_answer(self, text: str) -> None:
        """Clicks an earlier answer of the owner's (to change it)."""
        self._after(self.owner().get_by_role("button", name=text).click)

    def answer(self, consent: bool = True) -> str | None:
        """Answers whatever is asked now; returns what was asked (None once finished)."""
        view = self.view()
        expecting = view["expecting"]
        if view["finished"] or expecting is None:
            return None
        if expecting.split(".")[0] == CONSENT:
            wanted = "yes" if consent else "no"
            label = next(o["label"] for o in view["turn"]["options"] if o["value"] == wanted)
            self.press(label)
        else:
            self.say(self.answers.get(expecting, DONT_KNOW[self.lang]))
        return str(expecting)

    def answer_until(self, stop: Any, consent: bool = True) -> list[str]:
        """Answers question after question until `stop(expecting)` holds or the chat ends."""
        asked: list[str] = []
        for _ in range(MAX_TURNS):
            expecting = self.view()["expecting"]
            if expecting is None or stop(expecting):
                return asked
            answered = self.answer(consent)
            if answered is None:
                return asked
            asked.append(answered)
        raise AssertionError(f"the chat did not end within {MAX_TURNS} answers: {asked}")

    def finish(self, consent: bool = True) -> list[str]:
        asked = self.answer_until(lambda _: False, consent)
        assert self.view()["finished"]
        return asked

    def wait_for_copy(self) -> Locator:
        copy = self.frame.locator("#copy-body")
        copy.locator("svg.radar").wait_for()
        return copy


def progress_status(frame: Frame) -> str:
    return frame.locator("#progress-status").inner_text()


def shoot(page: Page, name: str, shots: Path, *, full_page: bool = False,
          audit: Frame | Literal["page"] | None = "page") -> None:
    """The page at phone and desktop width, the latest message in view, then the width it had.
    At each width axe-core checks `audit` (the page itself unless told; a partner's page
    passes the chat's frame, as the page around it is not ours)."""
    size = page.viewport_size
    checked = page.main_frame if audit == "page" else audit
    for width, height in SHOT_HEIGHT.items():
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("""() => {
            const copy = document.getElementById('copy');
            const log = document.getElementById('log');
            const target = copy && !copy.hidden ? copy : log && log.lastElementChild;
            if (target) target.scrollIntoView({block: target === copy ? 'start' : 'end'});
        }""")
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=full_page)
        if isinstance(checked, Frame):
            assert_accessible(checked, f"{name} at {width} px")
    if size is not None:
        page.set_viewport_size(size)
