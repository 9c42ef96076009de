"""Bytes the owner's chat page moves over the network, measured in Chromium.

    .venv/bin/python bench/page_weight.py [--url http://127.0.0.1:8000]

Without `--url` it starts `.venv/bin/intake serve` on a free port with INTAKE_DATA_DIR in a
fresh temporary directory (the first start builds the search index) and stops it at the end.

Two browsers (Debian's Chromium, driven by Playwright, cache on, as a person's browser is):
one whose fonts include Korean (the font package the PDF uses, through fontconfig) and one
with no Korean font at all, where the page must fetch its WOFF2 fallback. For each: the
first visit to `/` (a fresh profile: the page, its styles and scripts, the new conversation,
the greeting) and a repeat visit in the same profile (the conversation resumes). The figure
per request is what went over the wire, headers included (Chromium's encodedDataLength), so
compression counts and anything served from the browser's cache counts as 0.

Prints a table and the totals; this is not a test.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import BrowserContext, sync_playwright

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
START_SECONDS = 600
# What the page must stay under (issue 14): compressed HTML, CSS and JS, conversation included.
FIRST_VISIT_BUDGET = 60_000
REPEAT_VISIT_BUDGET = 25_000


@dataclass
class Visit:
    name: str
    requests: list[tuple[str, int, str]] = field(default_factory=list)  # url, bytes, how it came

    @property
    def total(self) -> int:
        return sum(size for _, size, _ in self.requests)


def fontconfig(folder: Path, korean: bool) -> Path:
    """A fontconfig file: the system's fonts, plus the Korean font package when `korean`."""
    extra = f"<dir>{files('paperang_p2_fonts_cjk') / 'fonts'}</dir>" if korean else ""
    conf = folder / f"fonts-{'ko' if korean else 'latin'}.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"{extra}<cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>", encoding="utf-8")
    return conf


def visit(context: BrowserContext, url: str, name: str) -> Visit:
    """Opens the chat in a new tab of `context` and waits for the greeting and a quiet network."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    how: dict[str, str] = {}
    sizes: dict[str, int] = {}

    def sent(event: dict[str, Any]) -> None:
        urls[event["requestId"]] = event["request"]["url"]

    def received(event: dict[str, Any]) -> None:
        response = event["response"]
        how[event["requestId"]] = ("cache" if response.get("fromDiskCache") or response.get("fromMemoryCache")
                                   else response.get("headers", {}).get("content-encoding", "-"))

    def finished(event: dict[str, Any]) -> None:
        sizes[event["requestId"]] = int(event["encodedDataLength"])

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", received)
    cdp.on("Network.requestServedFromCache", lambda event: how.__setitem__(event["requestId"], "cache"))
    cdp.on("Network.loadingFinished", finished)
    page.goto(url + "/")
    page.locator("#log .msg.assistant").first.wait_for()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    page.close()
    result = Visit(name)
    for request_id, address in urls.items():
        if request_id in sizes:
            result.requests.append((address.removeprefix(url), sizes[request_id], how.get(request_id, "-")))
    return result


def measure(url: str, folder: Path) -> list[Visit]:
    visits = []
    with sync_playwright() as playwright:
        for korean in (True, False):
            env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig(folder, korean))}
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, env=env)
            context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ko-KR")
            device = "with a Korean font" if korean else "without a Korean font"
            visits.append(visit(context, url, f"first visit, {device}"))
            visits.append(visit(context, url, f"repeat visit, {device}"))
            context.close()
            browser.close()
    return visits


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def service(folder: Path) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(Path(sys.executable).parent / "intake"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "INTAKE_DATA_DIR": str(folder / "data"), "HF_HUB_OFFLINE": "1"}
    with (folder / "server.log").open("wb") as log:
        server = subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                if server.poll() is not None:
                    raise SystemExit(f"the service stopped; see {folder / 'server.log'}")
                try:
                    if httpx.get(base + "/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("the service did not start in time")
                time.sleep(1)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


def report(visits: Sequence[Visit]) -> None:
    for one in visits:
        print(f"\n== {one.name}: {one.total / 1000:.1f} KB")
        for address, size, how in sorted(one.requests, key=lambda r: -r[1]):
            print(f"  {size:>8,} B  {how:<6} {address[:90]}")
    print("\nsummary (the budget is for the page without the fallback font, which has its own: 300 KB)")
    for one in visits:
        budget = FIRST_VISIT_BUDGET if one.name.startswith("first") else REPEAT_VISIT_BUDGET
        font = sum(size for address, size, _ in one.requests if address.startswith("/fonts/"))
        page = one.total - font
        print(f"  {one.name:<40} page {page / 1000:5.1f} KB (budget {budget / 1000:.0f} KB"
              f"{', OVER' if page > budget else ''}), fallback font {font / 1000:5.1f} KB")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running service (default: start one in a temporary directory)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="intake-weight-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        if args.url:
            report(measure(args.url.rstrip("/"), folder))
        else:
            with service(folder) as url:
                report(measure(url, folder))


if __name__ == "__main__":
    main()
