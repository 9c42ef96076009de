"""Charts of the figures as server-rendered, accessible SVG: role="img" named by its <title>
and described by a <desc> that lists every value, each bar labelled in text (never colour
alone), and suppressed cells drawn as no bar at all, only "5 미만" — the chart shows nothing
the table beside it does not.

Each row's label sits on its own line above its bar, so long programme names fit a 360 px
phone; the text is large against the 320-unit-wide box so it is about 14 px there."""

from html import escape

from application.insights.formatting import cell_text, number
from application.insights.schemas import Cell, Figure, Row
from prompts.insights import InsightsPrompts, load_insights_prompts

WIDTH = 320.0
PAD = 4.0
FONT = 16.0
LABEL_LINE = 20.0
BAR = 15.0
ROW_GAP = 12.0
ROW = LABEL_LINE + BAR + ROW_GAP
VALUE_ROOM = 80.0  # right of the longest bar: "5 미만", "12 / 15"
LABEL_CHARS = 19
BAR_COLOUR = "#1f4e8c"
OVER_COLOUR = "#b3261e"
TRACK_COLOUR = "#e8eef6"
INK = "#1b2430"
# The readiness bands, from basic to advanced, light to dark (an ordered scale), then
# "unknown" in grey; the segments' counts and the legend's words carry the meaning.
BAND_COLOURS = ("#cfe0f5", "#8fb5e6", "#3f78c4", "#163a69", "#d5d9df")
BAND_TEXT = (INK, INK, "#ffffff", "#ffffff", INK)
LEGEND_LINE = 23.0


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _open(figure: Figure, height: float, desc: str, text: InsightsPrompts) -> list[str]:
    ident = f"chart-{figure.key}"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH:.0f} {height:.0f}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" font-size="{FONT:.0f}">',
        f'<title id="{ident}-title">{escape(figure.title)}</title>',
        f'<desc id="{ident}-desc">{escape(text.chart_desc.format(title=figure.title))} {escape(desc)}</desc>',
    ]


def _describe(rows: list[Row], values: list[str], text: InsightsPrompts) -> str:
    return ", ".join(text.chart_value.format(label=r.label, value=v) for r, v in zip(rows, values, strict=True))


def bar_chart(figure: Figure, text: InsightsPrompts | None = None) -> str:
    """One bar per row from the chart's column, against its reference column when it has one."""
    text = text or load_insights_prompts()
    chart = figure.chart
    if chart is None or chart.column is None:
        raise ValueError(f"{figure.key} has no bar chart")
    index = figure.column_index(chart.column)
    kind = figure.columns[index].kind
    ref_index = figure.column_index(chart.reference) if chart.reference else None
    drawn = [r for r in figure.rows if not (chart.skip_zero and r.cells[index] == Cell(value=0))]
    values = [r.cells[index].value for r in drawn]
    refs = [r.cells[ref_index].value if ref_index is not None else None for r in drawn]
    top = max([v for v in (*values, *refs) if v is not None] or [0]) or 1
    labels = []
    for row, value, ref in zip(drawn, values, refs, strict=True):
        shown = cell_text(row.cells[index], kind, text)
        labels.append(f"{shown} / {number(ref)}" if ref is not None and value is not None else shown)
    height = PAD * 2 + ROW * len(drawn)
    omitted = text.zero_rows if len(drawn) < len(figure.rows) else ""
    parts = _open(figure, height, _describe(drawn, labels, text) + omitted, text)
    span = WIDTH - 2 * PAD - VALUE_ROOM
    for i, (row, value, ref, label) in enumerate(zip(drawn, values, refs, labels, strict=True)):
        y = PAD + i * ROW
        parts.append(f'<text x="{PAD}" y="{y + FONT:.1f}" fill="{INK}">{escape(_label(row.label))}</text>')
        bar_y = y + LABEL_LINE
        parts.append(f'<rect x="{PAD}" y="{bar_y:.1f}" width="{span:.1f}" height="{BAR}" fill="{TRACK_COLOUR}"/>')
        length = span * (value or 0) / top
        over = ref is not None and value is not None and value > ref
        if length > 0:
            parts.append(f'<rect x="{PAD}" y="{bar_y:.1f}" width="{length:.1f}" height="{BAR}" '
                         f'fill="{OVER_COLOUR if over else BAR_COLOUR}"/>')
        if ref is not None:
            mark = PAD + span * ref / top
            parts.append(f'<line x1="{mark:.1f}" x2="{mark:.1f}" y1="{bar_y - 3:.1f}" y2="{bar_y + BAR + 3:.1f}" '
                         f'stroke="{INK}" stroke-width="2"/>')
        parts.append(f'<text x="{PAD + span + 6:.1f}" y="{bar_y + BAR - 2:.1f}" fill="{INK}">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def stacked_chart(figure: Figure, text: InsightsPrompts | None = None) -> str:
    """One bar per row split into the chart's segment columns (the readiness bands). Hidden
    cells are merged into one hatched segment at the end: its size is the row's total less
    the shown cells, which the table gives away already, so it reveals no single cell."""
    text = text or load_insights_prompts()
    chart = figure.chart
    if chart is None or not chart.segments:
        raise ValueError(f"{figure.key} has no stacked chart")
    indexes = [figure.column_index(s) for s in chart.segments]
    names = [figure.columns[i].label for i in indexes]
    ident = f"chart-{figure.key}"
    legend_rows = (len(names) + 1 + 2) // 3
    legend_height = legend_rows * LEGEND_LINE + 6
    height = PAD * 2 + legend_height + ROW * len(figure.rows)
    described = []
    for row in figure.rows:
        listed = ", ".join(f"{n} {cell_text(row.cells[i], 'count', text)}" for n, i in zip(names, indexes, strict=True))
        described.append(f"{row.label}: {listed}")
    parts = _open(figure, height, "; ".join(described), text)
    parts.append(f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
                 f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
                 f'<line x1="0" y1="0" x2="0" y2="6" stroke="#566070" stroke-width="2.5"/></pattern></defs>')
    column_width = (WIDTH - 2 * PAD) / 3
    for n, name in enumerate([*names, text.hidden_segment]):
        x = PAD + (n % 3) * column_width
        y = PAD + (n // 3) * LEGEND_LINE
        fill = BAND_COLOURS[n] if n < len(names) else f"url(#{ident}-hatch)"
        parts.append(f'<rect x="{x:.1f}" y="{y + 3:.1f}" width="14" height="14" fill="{fill}" stroke="{INK}" '
                     f'stroke-width="0.5"/>')
        parts.append(f'<text x="{x + 20:.1f}" y="{y + FONT:.1f}" fill="{INK}">{escape(name)}</text>')
    span = WIDTH - 2 * PAD
    for r, row in enumerate(figure.rows):
        y = PAD + legend_height + r * ROW
        parts.append(f'<text x="{PAD}" y="{y + FONT:.1f}" fill="{INK}">{escape(_label(row.label))}</text>')
        cells = [row.cells[i] for i in indexes]
        shown = [c.value or 0 for c in cells]
        # Every row counts the same firms (the figure's base): what the shown cells leave of
        # it is the hidden ones' sum, which the table gives away already. A hidden base hides
        # the whole row.
        total = figure.base.value if figure.base is not None and figure.base.value is not None else None
        if total is None:
            shown = [0 for _ in cells]
        whole = sum(shown)
        rest = (total - whole) if total is not None else 1
        scale = span / (whole + rest) if whole + rest else 0
        x = PAD
        bar_y = y + LABEL_LINE
        for n, value in enumerate(shown):
            if not value:
                continue
            width = value * scale
            parts.append(f'<rect x="{x:.1f}" y="{bar_y:.1f}" width="{width:.1f}" height="{BAR}" '
                         f'fill="{BAND_COLOURS[n]}"/>')
            if width >= 26:
                parts.append(f'<text x="{x + width / 2:.1f}" y="{bar_y + BAR - 2:.1f}" text-anchor="middle" '
                             f'font-size="14" fill="{BAND_TEXT[n]}">{escape(number(value))}</text>')
            x += width
        if rest > 0:
            parts.append(f'<rect x="{x:.1f}" y="{bar_y:.1f}" width="{rest * scale:.1f}" height="{BAR}" '
                         f'fill="url(#{ident}-hatch)"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def chart_svg(figure: Figure, text: InsightsPrompts | None = None) -> str | None:
    """The figure's chart, or None when it has none or nothing to draw."""
    if figure.chart is None or not figure.rows:
        return None
    column = figure.chart.column
    if figure.chart.skip_zero and column and all(
            r.cells[figure.column_index(column)] == Cell(value=0) for r in figure.rows):
        return None
    return stacked_chart(figure, text) if figure.chart.kind == "stacked" else bar_chart(figure, text)
