"""The Korean web font the pages fall back to when a device has no Korean font of its own.

The only Korean font at hand ships as a TrueType collection (WenQuanYi Micro Hei, in the
paperang_p2_fonts_cjk package the PDF uses), and browsers refuse collections as web fonts
(Chromium's sanitizer rejects it). So the first request cuts the regular face out, keeps
Hangul, Latin and punctuation, writes it as WOFF2 (about 80 KB instead of 5 MB; fontTools
compresses it with `brotli`), and caches the result in the data folder; later requests, and
later starts, serve the cached file."""

import os
import tempfile
import threading
from importlib.resources import as_file, files
from pathlib import Path

# Bump when the cut changes, so browsers holding the old file (cached as immutable) refetch.
FONT_VERSION = "2"
FONT_FILE = f"korean-fallback-v{FONT_VERSION}.woff2"
FONT_MEDIA_TYPE = "font/woff2"
FAMILY_INDEX = 0  # the proportional face; index 1 is the monospaced one

_RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 punctuation and letters
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2000, 0x206F),  # General punctuation (quotes, dashes, ellipsis)
    (0x2190, 0x21FF),  # Arrows
    (0x2460, 0x24FF),  # Enclosed numbers
    (0x25A0, 0x25FF),  # Geometric shapes (·, ○, ■)
    (0x3000, 0x303F),  # CJK punctuation
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0xA960, 0xA97F),  # Hangul Jamo extended-A
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xD7B0, 0xD7FF),  # Hangul Jamo extended-B
    (0xFF00, 0xFFEF),  # Full-width forms
)

_lock = threading.Lock()


def _unicodes() -> set[int]:
    return {code for start, end in _RANGES for code in range(start, end + 1)}


def _cut(source: Path, target: Path) -> None:
    # Imported here: the cut runs once per data folder, and fontTools would otherwise stay
    # resident (some 15 MB) in every worker.
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTCollection  # type: ignore[import-untyped]

    font = TTCollection(str(source)).fonts[FAMILY_INDEX]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False  # a fallback face: smaller beats crisper
    # FontForge's timestamp table: unknown to browsers' sanitizers.
    options.drop_tables = [*options.drop_tables, "FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_unicodes())
    subsetter.subset(font)
    font.flavor = "woff2"
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: a reader never sees half a file, nor do two workers clash.
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(handle)
    try:
        font.save(temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def korean_font(data_dir: Path) -> Path:
    """The cached fallback face, made on first use."""
    target = data_dir / "fonts" / FONT_FILE
    if target.exists():
        return target
    with _lock:
        if not target.exists():
            with as_file(files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc") as source:
                _cut(source, target)
    return target
