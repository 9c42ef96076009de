"""The readiness radar: one axis per dimension (0–100), the band rings at 25/50/75/100 and the
owner's scores as a polygon. A dimension whose score is unknown gets no vertex: its axis is
dashed, a hollow "?" marker sits at its end and its label says "unknown" in the brief's
language, so a missing answer is never read as a zero.

After a re-assessment (T1) the chart draws the second measurement as another polygon: dashed
outline and square markers, so the two series differ in shape and line as well as in colour,
with a legend line naming both; each re-assessed axis label reads "40점 → 60점".

`radar_layout` computes the geometry once, with a bounding box estimated from the labels'
lengths so the chart fills its space in either language; `radar_svg` turns it into
server-rendered, accessible SVG (role="img", <title>, <desc> listing every value) and the
PDF renderer draws the same layout with its own primitives."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

from assistant.decision.readiness import Readiness
from prompts.brief import BANDS, Lang, load_brief_prompts
from prompts.particles import format_text

CENTER = (0.0, 0.0)
# Text is large against the chart so that, scaled down to a phone's width (about 300 px for
# a box about 500 units wide), no label, ring number or legend line is drawn under 12 px.
RADIUS = 110.0
LABEL_GAP = 12.0
LINE_HEIGHT = 25.0
LABEL_SIZE = 22.0
LEGEND_SIZE = 21.0
LEGEND_LINE = 26.0
MARK_SIZE = 21.0  # ring numbers and the "?" of an unknown dimension
PAD = 6.0
RINGS = (25, 50, 75, 100)
BAND_RANGES = ((0, 25), (26, 50), (51, 75), (76, 100))
WRAP_AT = 9  # characters: longer labels with a space are set on two lines
# The legend's marks of T0 (round markers, solid outline) and T1 (square markers, dashed).
SERIES_MARKS = ("●", "■")
AFTER_FILL, AFTER_STROKE = "#d9480f", "#b03a06"

Anchor = Literal["start", "middle", "end"]
Point = tuple[float, float]


@dataclass(frozen=True)
class RadarValue:
    key: str
    label: str
    score: int | None
    band: str  # the band's name in the page's language
    # The re-assessment (T1): `compared` when this dimension was measured again, `after` its
    # score then (None: unknown at T1).
    compared: bool = False
    after: int | None = None


@dataclass(frozen=True)
class RadarText:
    title: str
    desc: str
    unknown: str
    points: str  # "{score}점"
    legend: tuple[str, ...]  # one entry per band: "기초 0–25"
    series: tuple[str, str] | None = None  # names of T0 and T1 when the chart compares them


@dataclass(frozen=True)
class RadarAxis:
    value: RadarValue
    end: Point  # where 100 lies
    point: Point | None  # where the score lies; None when unknown
    label_at: Point  # first baseline of the label block
    anchor: Anchor
    lines: tuple[str, ...]  # the label, wrapped
    score_line: str
    after_point: Point | None = None  # where the T1 score lies; None when not compared or unknown


@dataclass(frozen=True)
class RadarLayout:
    axes: tuple[RadarAxis, ...]
    rings: tuple[tuple[int, tuple[Point, ...]], ...]
    text: RadarText
    legend: tuple[str, ...]  # the legend's lines: the two series (when comparing), then the bands
    legend_y: float  # first legend baseline
    box: tuple[float, float, float, float]  # x, y, width, height of everything drawn

    @property
    def known(self) -> list[Point]:
        return [a.point for a in self.axes if a.point is not None]

    @property
    def known_after(self) -> list[Point]:
        return [a.after_point for a in self.axes if a.after_point is not None]

    @property
    def compared(self) -> bool:
        return self.text.series is not None and any(a.value.compared for a in self.axes)


def _at(angle: float, radius: float) -> Point:
    return (round(CENTER[0] + radius * math.cos(angle), 1), round(CENTER[1] + radius * math.sin(angle), 1))


def wrap_label(label: str) -> tuple[str, ...]:
    if len(label) <= WRAP_AT or " " not in label:
        return (label,)
    spaces = [i for i, c in enumerate(label) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return (label[:cut], label[cut + 1:])


def text_width(text: str, size: float) -> float:
    """An estimate: Hangul and other wide characters are about 1 em, the rest about 0.58."""
    return size * sum(1.0 if ord(c) >= 0x1100 and not 0x2000 <= ord(c) < 0x2E80 else 0.58 for c in text)


def _span(x: float, width: float, anchor: Anchor) -> tuple[float, float]:
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, left + width


def _legend_lines(entries: Sequence[str], width: float) -> tuple[str, ...]:
    lines: list[str] = []
    for entry in entries:
        joined = f"{lines[-1]} · {entry}" if lines else entry
        if lines and text_width(joined, LEGEND_SIZE) <= width:
            lines[-1] = joined
        else:
            lines.append(entry)
    return tuple(lines)


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


def _score_text(score: int | None, text: RadarText) -> str:
    return text.unknown if score is None else format_text(text.points, score=score)


def _on_axis(angle: float, score: int | None) -> Point | None:
    return None if score is None else _at(angle, RADIUS * max(0, min(100, score)) / 100)


def radar_layout(values: Sequence[RadarValue], text: RadarText) -> RadarLayout:
    count = max(len(values), 1)
    angles = [-math.pi / 2 + 2 * math.pi * i / count for i in range(count)]
    comparing = text.series is not None
    axes = []
    for value, angle in zip(values, angles, strict=False):
        lines = wrap_label(value.label)
        label_at, anchor = _label_block(angle, len(lines) + 1)
        compared = comparing and value.compared
        score_line = _score_text(value.score, text)
        if compared:
            score_line = f"{score_line} → {_score_text(value.after, text)}"
        after = _on_axis(angle, value.after) if compared else None
        axes.append(RadarAxis(value, _at(angle, RADIUS), _on_axis(angle, value.score), label_at, anchor, lines,
                              score_line, after))
    rings = tuple((ring, tuple(_at(a, RADIUS * ring / 100) for a in angles)) for ring in RINGS)
    left, right = CENTER[0] - RADIUS - 10, CENTER[0] + RADIUS + 10
    top, bottom = CENTER[1] - RADIUS - 10, CENTER[1] + RADIUS + 10
    for axis in axes:
        lines = (*axis.lines, axis.score_line)
        x0, x1 = _span(axis.label_at[0], max(text_width(line, LABEL_SIZE) for line in lines), axis.anchor)
        left, right = min(left, x0), max(right, x1)
        top = min(top, axis.label_at[1] - LABEL_SIZE)
        bottom = max(bottom, axis.label_at[1] + (len(lines) - 1) * LINE_HEIGHT + LABEL_SIZE * 0.3)
    series = ((f"{SERIES_MARKS[0]} {text.series[0]}", f"{SERIES_MARKS[1]} {text.series[1]}")
              if comparing and text.series and any(a.value.compared for a in axes) else ())
    legend = (*_legend_lines(series, right - left), *_legend_lines(text.legend, right - left))
    legend_y = bottom + LEGEND_LINE + 4
    right = max(right, CENTER[0] + max((text_width(line, LEGEND_SIZE) for line in legend), default=0) / 2)
    left = min(left, CENTER[0] - (right - CENTER[0]))  # keep the chart centred
    right = max(right, CENTER[0] + (CENTER[0] - left))
    bottom = legend_y + (len(legend) - 1) * LEGEND_LINE + LEGEND_SIZE * 0.3
    box = (round(left - PAD, 1), round(top - PAD, 1), round(right - left + 2 * PAD, 1),
           round(bottom - top + 2 * PAD, 1))
    return RadarLayout(tuple(axes), rings, text, legend, round(legend_y, 1), box)


def _points(points: Sequence[Point]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def segments(layout: RadarLayout) -> list[tuple[Point, Point, bool]]:
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
    bx, by, bw, bh = layout.box
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{bx:g} {by:g} {bw:g} {bh:g}" class="radar" id="{ident}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" '
        'font-family="Pretendard, \'Apple SD Gothic Neo\', \'Malgun Gothic\', \'Noto Sans KR\', '
        '\'Noto Sans CJK KR\', \'WenQuanYi Micro Hei\', \'Intake Korean\', sans-serif">',
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
        out.append(f'<text x="{x + 4:g}" y="{y + MARK_SIZE:g}" font-size="{MARK_SIZE:g}" fill="#4b5563">{ring}</text>')
    if len(layout.known) >= 3:
        out.append(f'<polygon class="scores" points="{_points(layout.known)}" fill="#2f6fdb" '
                   'fill-opacity="0.22" stroke="none"/>')
    for (x1, y1), (x2, y2), solid in segments(layout):
        style = 'stroke="#1f5bc4" stroke-width="2.5"' if solid else \
            'stroke="#1f5bc4" stroke-width="1.5" stroke-dasharray="3 4" stroke-opacity="0.6"'
        out.append(f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" {style}/>')
    out.extend(_after_marks(layout))
    for axis in layout.axes:
        out.extend(_axis_marks(axis))
    for i, line in enumerate(layout.legend):
        out.append(f'<text class="legend" x="{CENTER[0]:g}" y="{layout.legend_y + i * LEGEND_LINE:g}" '
                   f'text-anchor="middle" font-size="{LEGEND_SIZE:g}" fill="#4b5563">{escape(line)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def after_segments(layout: RadarLayout) -> list[tuple[Point, Point]]:
    """Edges of the T1 polygon, between neighbouring axes that both have a T1 score."""
    points = [a.after_point for a in layout.axes]
    total = len(points)
    if total < 2:
        return []
    pairs = [(points[i], points[(i + 1) % total]) for i in range(total if total > 2 else 1)]
    return [(p, q) for p, q in pairs if p is not None and q is not None]


def _after_marks(layout: RadarLayout) -> list[str]:
    if not layout.compared:
        return []
    out = []
    if len(layout.known_after) >= 3:
        out.append(f'<polygon class="scores-after" points="{_points(layout.known_after)}" fill="{AFTER_FILL}" '
                   'fill-opacity="0.14" stroke="none"/>')
    for (x1, y1), (x2, y2) in after_segments(layout):
        out.append(f'<line class="after-edge" x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" '
                   f'stroke="{AFTER_STROKE}" stroke-width="2.5" stroke-dasharray="7 4"/>')
    for axis in layout.axes:
        if axis.after_point is not None:
            x, y = axis.after_point
            key = escape(axis.value.key, quote=True)
            out.append(f'<rect class="after" data-dimension="{key}" x="{x - 4.5:g}" y="{y - 4.5:g}" width="9" '
                       f'height="9" fill="{AFTER_STROKE}" stroke="#ffffff" stroke-width="1.5"/>')
    return out


def _axis_marks(axis: RadarAxis) -> list[str]:
    key = escape(axis.value.key, quote=True)
    if axis.point is None:
        x, y = axis.end
        marks = [f'<g class="unknown" data-dimension="{key}">'
                 f'<circle cx="{x:g}" cy="{y:g}" r="{MARK_SIZE * 0.65:g}" fill="#ffffff" stroke="#8a94a6" '
                 'stroke-width="1.5" stroke-dasharray="3 2"/>'
                 f'<text x="{x:g}" y="{y + MARK_SIZE * 0.36:g}" text-anchor="middle" font-size="{MARK_SIZE:g}" '
                 'fill="#4b5563">?</text></g>']
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
    marks.append(f'<text class="axis-label" data-dimension="{key}" x="{lx:g}" y="{ly:g}" '
                 f'text-anchor="{axis.anchor}" font-size="{LABEL_SIZE:g}" fill="#1f2937">{"".join(tspans)}</text>')
    return marks


def describe(layout: RadarLayout) -> str:
    """The chart in words, for screen readers and the PDF's alternative text."""
    parts = []
    for axis in layout.axes:
        value = axis.value
        band = "" if value.score is None or value.compared else f" ({value.band})"
        parts.append(f"{value.label}: {axis.score_line}{band}")
    series = f" ({layout.text.series[0]} → {layout.text.series[1]})" if layout.compared and layout.text.series else ""
    return f"{layout.text.desc}{series} " + "; ".join(parts) + "."


def readiness_radar(readiness: Readiness, lang: Lang, after: Mapping[str, int | None] | None = None) -> RadarLayout:
    """The layout of a brief's readiness, labelled in `lang`; with `after` (T1 score per
    re-assessed dimension) the re-assessment is drawn over it."""
    prompts = load_brief_prompts(lang)
    values = [RadarValue(key=name, label=prompts.dimensions.get(name, result.label), score=result.score,
                         band=prompts.bands[result.band], compared=after is not None and name in after,
                         after=after.get(name) if after is not None else None)
              for name, result in readiness.dimensions.items()]
    legend = tuple(f"{prompts.bands[band]} {lo}–{hi}" for band, (lo, hi) in zip(BANDS, BAND_RANGES, strict=True))
    series = (prompts.report.before, prompts.report.after) if after is not None else None
    text = RadarText(title=prompts.page.radar_title, desc=prompts.page.radar_desc, unknown=prompts.page.unknown,
                     points=prompts.page.points, legend=legend, series=series)
    return radar_layout(values, text)
