"""The brief page in a real browser (Debian's Chromium driven by Playwright): screenshots at
phone and desktop width into tests/screenshots/, no sideways scrolling at 360 px, and the
radar visible. Korean glyphs come from the font package the PDF uses, via fontconfig."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from application.briefs.html import render_brief_html, render_owner_html
from assistant.decision.brief import NeedsBrief
from assistant.decision.owner import owner_copy
from tests.browser import CHROMIUM, launch_chromium

SHOTS = Path(__file__).resolve().parents[1] / "screenshots"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with launch_chromium(tmp_path_factory.mktemp("fonts")) as chromium:
        yield chromium


# The smallest text the chart may show, in CSS pixels on the screen.
MIN_CHART_TEXT_PX = 12


def smallest_chart_text(page: Page) -> float:
    """The smallest of the radar's texts as drawn: its font size times the SVG's scale."""
    sizes: list[float] = page.evaluate("""() => [...document.querySelectorAll('svg.radar text')].map(
        (t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)""")
    assert sizes, "the radar has no text"
    return min(sizes)


def open_page(browser: Browser, html: str, path: Path, width: int) -> Page:
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_brief_page_fits_a_phone_and_shows_the_radar(browser: Browser, korean_brief: NeedsBrief,
                                                     tmp_path: Path, lang: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    html = render_brief_html(korean_brief, lang)  # type: ignore[arg-type]
    for width in (360, 1280):
        page = open_page(browser, html, tmp_path / f"brief-{lang}.html", width)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        if width == 360:
            assert overflow <= 360, f"the page scrolls sideways at 360 px ({overflow} px wide)"
        radar = page.locator("svg.radar")
        assert radar.is_visible()
        box = radar.bounding_box()
        assert box is not None and box["width"] >= 280 and box["height"] >= 250
        assert smallest_chart_text(page) >= MIN_CHART_TEXT_PX
        page.screenshot(path=str(SHOTS / f"brief-{lang}-{width}.png"), full_page=True)
        page.close()


def test_owner_copy_fits_a_phone(browser: Browser, korean_brief: NeedsBrief, tmp_path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    page = open_page(browser, render_owner_html(owner_copy(korean_brief, contact_days=2)), tmp_path / "owner.html", 360)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("svg.radar").is_visible()
    assert smallest_chart_text(page) >= MIN_CHART_TEXT_PX
    page.screenshot(path=str(SHOTS / "owner-ko-360.png"), full_page=True)
    page.close()
