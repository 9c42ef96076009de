"""Debian's Chromium for the browser tests, driven by Playwright (whose own browser download is
never used). Korean glyphs come from the font package the PDF uses, via a fontconfig file."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Headless in a container without a user namespace or GPU, and no network chatter of its own.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def fontconfig(tmp: Path) -> Path:
    fonts = files("paperang_p2_fonts_cjk") / "fonts"
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{fonts}</dir><cachedir>{tmp / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return conf


@contextmanager
def launch_chromium(tmp_dir: Path) -> Iterator[Browser]:
    """A running Chromium whose fontconfig file and cache live in `tmp_dir`."""
    conf = fontconfig(tmp_dir)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS,
                                              env={**os.environ, "FONTCONFIG_FILE": str(conf)})
        yield chromium
        chromium.close()
