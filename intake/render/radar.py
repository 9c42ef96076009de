"""The readiness radar: one axis per dimension (0–100), the band rings at 25/50/75/100 and the
owner's scores as a polygon. A dimension whose score is unknown gets no vertex: its axis is
dashed, a hollow "?" marker sits at its end and its label says "unknown" in the brief's
language, so a missing answer is never read as a zero.

`radar_layout` computes the geometry once (in a 520 × 490 box); `radar_svg` turns it into
server-rendered, accessible SVG (role="img", <title>, <desc> listing every value) and the
PDF renderer draws the same layout with its own primitives."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

from assistant.decision.readiness import Readiness
from prompts.brief import BANDS, Lang, load_brief_prompts

WIDTH, HEIGHT = 520, 490
CENTER = (260.0, 238.0)
RADIUS = 160.0
LABEL_GAP = 14.0
LINE_HEIGHT = 17.0
LABEL_SIZE = 15
RINGS = (25, 50, 75, 100)
BAND_RANGES = ((0, 25), (26, 50), (51, 75), (76, 100))
WRAP_AT = 9  # characters: longer labels with a space are set on two lines

Anchor = Literal["start", "middle", "end"]
Point = tuple[float, float]


@dataclass(frozen=True)
class RadarValue:
    key: str
    label: str
    score: int | None
    band: str  # the band's name in the page's language


@dataclass(frozen=True)
class RadarText:
    title: str
    desc: str
    unknown: str
    points: str  # "{score}점"
    legend: str


@dataclass(frozen=True)
class RadarAxis:
    value: RadarValue
    end: Point  # where 100 lies
    point: Point | None  # where the score lies; None when unknown
    label_at: Point  # first baseline of the label block
    anchor: Anchor
    lines: tuple[str, ...]  # the label, wrapped
    score_line: str


@dataclass(frozen=True)
class RadarLayout:
    axes: tuple[RadarAxis, ...]
    rings: tuple[tuple[int, tuple[Point, ...]], ...]
    text: RadarText

    @property
    def known(self) -> list[Point]:
        return [a.point for a in self.axes if a.point is not None]


def _at(angle: float, radius: float) -> Point:
    return (round(CENTER[0] + radius * math.cos(angle), 1), round(CENTER[1] + radius * math.sin(angle), 1))


def wrap_label(label: str) -> tuple[str, ...]:
    if len(label) <= WRAP_AT or " " not in label:
        return (label,)
    spaces = [i for i, c in enumerate(label) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return (label[:cut], label[cut + 1:])


def _label_block(angle: float, lines: int) -> tuple[Point, Anchor]:
    x, y = _at(angle, RADIUS + LABEL_GAP)
    cos, sin = math.cos(angle), math.sin(angle)
    anchor: Anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
    if sin < -0.3:  # above the chart: the block ends at the anchor point
        first = y - (lines - 1) * LINE_HEIGHT - 4
    elif sin > 0.3:  # below: the block starts there
        first = y + LABEL_SIZE
    else:
        first = y - (lines - 1) * LINE_HEIGHT / 2 + LABEL_SIZE / 3
    return (x, round(first, 1)), anchor


def radar_layout(values: Sequence[RadarValue], text: RadarText) -> RadarLayout:
    count = max(len(values), 1)
    angles = [-math.pi / 2 + 2 * math.pi * i / count for i in range(count)]
    axes = []
    for value, angle in zip(values, angles, strict=False):
        lines = wrap_label(value.label)
        label_at, anchor = _label_block(angle, len(lines) + 1)
        score_line = text.unknown if value.score is None else text.points.format(score=value.score)
        point = None if value.score is None else _at(angle, RADIUS * max(0, min(100, value.score)) / 100)
        axes.append(RadarAxis(value, _at(angle, RADIUS), point, label_at, anchor, lines, score_line))
    rings = tuple((ring, tuple(_at(a, RADIUS * ring / 100) for a in angles)) for ring in RINGS)
    return RadarLayout(tuple(axes), rings, text)


def _points(points: Sequence[Point]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def _segments(layout: RadarLayout) -> list[tuple[Point, Point, bool]]:
    """Edges of the score polygon: solid between neighbouring known dimensions, dashed where
    the edge bridges unknown ones."""
    known = [(i, a.point) for i, a in enumerate(layout.axes) if a.point is not None]
    if len(known) < 2:
        return []
    pairs = list(zip(known, known[1:] + known[:1], strict=True))
    if len(known) == 2:
        pairs = pairs[:1]
    total = len(layout.axes)
    return [(p, q, (j - i) % total == 1) for (i, p), (j, q) in pairs]


def radar_svg(layout: RadarLayout, *, element_id: str = "radar") -> str:
    text = layout.text
    ident = escape(element_id, quote=True)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="radar" id="{ident}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" '
        'font-family="Pretendard, \'Apple SD Gothic Neo\', \'Malgun Gothic\', \'Noto Sans KR\', '
        '\'Noto Sans CJK KR\', \'WenQuanYi Micro Hei\', sans-serif">',
        f'<title id="{ident}-title">{escape(text.title)}</title>',
        f'<desc id="{ident}-desc">{escape(describe(layout))}</desc>',
    ]
    shades = ("#f4f6fb", "#e9eef8", "#f4f6fb", "#e9eef8")
    for (ring, points), shade in zip(reversed(layout.rings), shades, strict=True):
        out.append(f'<polygon class="ring ring-{ring}" points="{_points(points)}" fill="{shade}" '
                   'stroke="#c5cedd" stroke-width="1"/>')
    for axis in layout.axes:
        dash = ' stroke-dasharray="4 4"' if axis.point is None else ""
        out.append(f'<line x1="{CENTER[0]:g}" y1="{CENTER[1]:g}" x2="{axis.end[0]:g}" y2="{axis.end[1]:g}" '
                   f'stroke="#c5cedd" stroke-width="1"{dash}/>')
    for ring, points in layout.rings:
        x, y = points[0]
        out.append(f'<text x="{x + 4:g}" y="{y + 11:g}" font-size="11" fill="#6b7385">{ring}</text>')
    if len(layout.known) >= 3:
        out.append(f'<polygon class="scores" points="{_points(layout.known)}" fill="#2f6fdb" '
                   'fill-opacity="0.22" stroke="none"/>')
    for (x1, y1), (x2, y2), solid in _segments(layout):
        style = 'stroke="#1f5bc4" stroke-width="2.5"' if solid else \
            'stroke="#1f5bc4" stroke-width="1.5" stroke-dasharray="3 4" stroke-opacity="0.6"'
        out.append(f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" {style}/>')
    for axis in layout.axes:
        out.extend(_axis_marks(axis))
    out.append(f'<text x="{WIDTH / 2:g}" y="{HEIGHT - 8:g}" text-anchor="middle" font-size="13" '
               f'fill="#4b5563">{escape(text.legend)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _axis_marks(axis: RadarAxis) -> list[str]:
    key = escape(axis.value.key, quote=True)
    if axis.point is None:
        x, y = axis.end
        marks = [f'<g class="unknown" data-dimension="{key}">'
                 f'<circle cx="{x:g}" cy="{y:g}" r="8" fill="#ffffff" stroke="#8a94a6" stroke-width="1.5" '
                 'stroke-dasharray="3 2"/>'
                 f'<text x="{x:g}" y="{y + 4:g}" text-anchor="middle" font-size="11" fill="#6b7385">?</text></g>']
    else:
        x, y = axis.point
        marks = [f'<circle class="known" data-dimension="{key}" cx="{x:g}" cy="{y:g}" r="4.5" '
                 'fill="#1f5bc4" stroke="#ffffff" stroke-width="1.5"/>']
    lx, ly = axis.label_at
    tspans = [f'<tspan x="{lx:g}" dy="{0 if i == 0 else LINE_HEIGHT:g}">{escape(line)}</tspan>'
              for i, line in enumerate(axis.lines)]
    colour = "#6b7385" if axis.point is None else "#1f5bc4"
    tspans.append(f'<tspan x="{lx:g}" dy="{LINE_HEIGHT:g}" font-weight="700" fill="{colour}">'
                  f'{escape(axis.score_line)}</tspan>')
    marks.append(f'<text class="label" data-dimension="{key}" x="{lx:g}" y="{ly:g}" '
                 f'text-anchor="{axis.anchor}" font-size="{LABEL_SIZE}" fill="#1f2937">{"".join(tspans)}</text>')
    return marks


def describe(layout: RadarLayout) -> str:
    """The chart in words, for screen readers and the PDF's alternative text."""
    parts = []
    for axis in layout.axes:
        value = axis.value
        parts.append(f"{value.label}: {axis.score_line}" + ("" if value.score is None else f" ({value.band})"))
    return f"{layout.text.desc} " + "; ".join(parts) + "."


def readiness_radar(readiness: Readiness, lang: Lang) -> RadarLayout:
    """The layout of a brief's readiness, labelled in `lang`."""
    prompts = load_brief_prompts(lang)
    values = [RadarValue(key=name, label=prompts.dimensions.get(name, result.label), score=result.score,
                         band=prompts.bands[result.band]) for name, result in readiness.dimensions.items()]
    legend = " · ".join(f"{prompts.bands[band]} {lo}–{hi}" for band, (lo, hi) in zip(BANDS, BAND_RANGES, strict=True))
    text = RadarText(title=prompts.page.radar_title, desc=prompts.page.radar_desc, unknown=prompts.page.unknown,
                     points=prompts.page.points, legend=legend)
    return radar_layout(values, text)
