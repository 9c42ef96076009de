"""The readiness radar drawn into a PDF with fpdf2's primitives, from the same layout as the
SVG (radar.py): band rings, axes (dashed where unknown), the score area, markers and labels,
and the re-assessment's (T1) dashed polygon with square markers when there is one."""

from collections.abc import Callable

from fpdf import FPDF

from application.briefs.radar import (
    AFTER_FILL,
    AFTER_STROKE,
    CENTER,
    LABEL_SIZE,
    LEGEND_LINE,
    LEGEND_SIZE,
    LINE_HEIGHT,
    MARK_SIZE,
    RadarLayout,
    after_segments,
    segments,
)

MM_TO_PT = 72 / 25.4
SHADES = ("#f4f6fb", "#e9eef8", "#f4f6fb", "#e9eef8")
INK, MUTED, BRAND, LINES = "#1f2937", "#6b7385", "#1f5bc4", "#c5cedd"


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def radar_height(layout: RadarLayout, width: float) -> float:
    return layout.box[3] * width / layout.box[2]


def draw_radar(pdf: FPDF, layout: RadarLayout, x0: float, y0: float, width: float, font: str) -> None:
    """Draw the chart `width` mm wide with its top-left corner at (x0, y0)."""
    bx, by, bw, _ = layout.box
    k = width / bw

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return x0 + (point[0] - bx) * k, y0 + (point[1] - by) * k

    def write(x: float, y: float, text: str, size: float, colour: str, anchor: str = "start") -> None:
        pdf.set_font(font, size=size * k * MM_TO_PT)
        pdf.set_text_color(*rgb(colour))
        w = pdf.get_string_width(text)
        pdf.text(x - {"start": 0.0, "middle": w / 2, "end": w}[anchor], y, text)

    pdf.set_line_width(0.25)
    pdf.set_draw_color(*rgb(LINES))
    for (_, points), shade in zip(reversed(layout.rings), SHADES, strict=True):
        pdf.set_fill_color(*rgb(shade))
        pdf.polygon([at(p) for p in points], style="DF")
    for axis in layout.axes:
        if axis.point is None:
            pdf.set_dash_pattern(1.2, 1.2)
        pdf.line(*at(CENTER), *at(axis.end))
        pdf.set_dash_pattern()
    for ring, points in layout.rings:
        x, y = at(points[0])
        write(x + 4 * k, y + MARK_SIZE * k, str(ring), MARK_SIZE, MUTED)
    known = [at(p) for p in layout.known]
    if len(known) >= 3:
        with pdf.local_context(fill_opacity=0.22):
            pdf.set_fill_color(*rgb("#2f6fdb"))
            pdf.polygon(known, style="F")
    pdf.set_draw_color(*rgb(BRAND))
    for start, end, solid in segments(layout):  # dashed where an edge bridges unknown dimensions
        pdf.set_line_width(0.6 if solid else 0.35)
        if not solid:
            pdf.set_dash_pattern(0.8, 1.0)
        pdf.line(*at(start), *at(end))
        pdf.set_dash_pattern()
    if layout.compared:
        draw_after(pdf, layout, at, k)
    for axis in layout.axes:
        if axis.point is None:
            x, y = at(axis.end)
            r = MARK_SIZE * 0.65 * k
            pdf.set_draw_color(*rgb("#8a94a6"))
            pdf.set_fill_color(255, 255, 255)
            pdf.set_line_width(0.3)
            pdf.set_dash_pattern(0.8, 0.6)
            pdf.circle(x, y, r, style="DF")  # fpdf2 >= 2.8.1: (x, y) is the centre
            pdf.set_dash_pattern()
            write(x, y + MARK_SIZE * 0.36 * k, "?", MARK_SIZE, MUTED, "middle")
        else:
            x, y = at(axis.point)
            r = 4.5 * k
            pdf.set_fill_color(*rgb(BRAND))
            pdf.circle(x, y, r, style="F")
        lx, ly = at(axis.label_at)
        lines = [(line, INK) for line in axis.lines] + [(axis.score_line, MUTED if axis.point is None else BRAND)]
        for i, (line, colour) in enumerate(lines):
            write(lx, ly + i * LINE_HEIGHT * k, line, LABEL_SIZE, colour, axis.anchor)
    for i, line in enumerate(layout.legend):
        x, y = at((CENTER[0], layout.legend_y + i * LEGEND_LINE))
        write(x, y, line, LEGEND_SIZE, MUTED, "middle")


def draw_after(pdf: FPDF, layout: RadarLayout, at: Callable[[tuple[float, float]], tuple[float, float]],
               k: float) -> None:
    """T1 over T0: a lighter area, a dashed outline and square markers."""
    known = [at(p) for p in layout.known_after]
    if len(known) >= 3:
        with pdf.local_context(fill_opacity=0.14):
            pdf.set_fill_color(*rgb(AFTER_FILL))
            pdf.polygon(known, style="F")
    pdf.set_draw_color(*rgb(AFTER_STROKE))
    pdf.set_line_width(0.6)
    pdf.set_dash_pattern(1.6, 0.9)
    for start, end in after_segments(layout):
        pdf.line(*at(start), *at(end))
    pdf.set_dash_pattern()
    pdf.set_fill_color(*rgb(AFTER_STROKE))
    side = 9 * k
    for point in layout.known_after:
        x, y = at(point)
        pdf.rect(x - side / 2, y - side / 2, side, side, style="F")
