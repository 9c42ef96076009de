"""axe-core (the npm package `scripts/test` installs next to this file) run on a page or frame
as it is at that moment. A check fails on any critical or serious violation and names each
rule, what it asks for and the elements that break it."""

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Frame, Page

AXE_JS = Path(__file__).resolve().with_name("node_modules") / "axe-core" / "axe.min.js"
BLOCKING = ("critical", "serious")


@cache
def _source() -> str:
    assert AXE_JS.is_file(), f"{AXE_JS} is missing: run `npm ci --prefix tests/web/browser` (scripts/test does)"
    return AXE_JS.read_text(encoding="utf-8")


def violations(target: Page | Frame, within: str | None = None) -> list[dict[str, Any]]:
    """The critical and serious violations axe finds now, in the whole document or only
    `within` the elements a selector names. Evaluated through the DevTools protocol, so the
    page's own CSP (script-src 'self') does not keep axe out."""
    if not target.evaluate("() => typeof window.axe === 'object'"):
        target.evaluate(_source())
    # Frames of other origins (the partner site's widget) are checked on their own.
    found: list[dict[str, Any]] = target.evaluate("""async (within) => {
        const context = within ? {include: [within]} : document;
        const result = await axe.run(context, {resultTypes: ['violations'], iframes: false});
        return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(' ') + ' — ' + n.failureSummary)}));
    }""", within)
    return [v for v in found if v["impact"] in BLOCKING]


def assert_accessible(target: Page | Frame, state: str, within: str | None = None) -> None:
    found = violations(target, within)
    report = "\n".join(f"{v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"][:5])
                       for v in found)
    assert not found, f"axe-core, {state}:\n{report}"
