"""The figures as files: CSV (one figure, or the whole report), a self-contained HTML page and a
PDF, all from the same published cells, so every rendering shows the same suppression.

CSV is UTF-8 with a byte-order mark and CRLF line ends, which Excel needs to show Korean;
a text cell that starts like a formula (= + - @) is prefixed with an apostrophe so a
spreadsheet never runs it. The PDF embeds the brief's Korean font (application/briefs/pdf.py)."""

import csv
import io
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib.resources import files

from fpdf import FPDF
from fpdf.enums import TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from application.briefs.pdf import FONT, MARGIN, BriefPDF, font_path
from application.briefs.pdf_radar import rgb
from application.calendar import korean_time
from application.insights.charts import BAND_COLOURS, BAND_TEXT, TRACK_COLOUR, chart_svg
from application.insights.formatting import cell_text, csv_text, number
from application.insights.schemas import Cell, Figure, Insights, Kind, Row
from prompts.insights import InsightsPrompts, load_insights_prompts

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
INK, MUTED, BRAND, LINE_COLOUR, TRACK = "#1b2430", "#566070", "#1f4e8c", "#dde3ea", TRACK_COLOUR
# Hidden bands are one grey part in the PDF (the page hatches it).
HIDDEN_PART = "#aeb4bd"


def _safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _has_sub(figure: Figure) -> bool:
    return any(r.sub for r in figure.rows)


def _csv_rows(figure: Figure, text: InsightsPrompts) -> list[list[str]]:
    sub = _has_sub(figure)
    header = [text.item, *([text.team] if sub else []), *(c.label for c in figure.columns)]
    rows = [header]
    for row in [*figure.rows, *([figure.total] if figure.total else [])]:
        rows.append([_safe(row.label), *([_safe(row.sub or "")] if sub else []),
                     *(csv_text(c, text) for c in row.cells)])
    return rows


def _write_csv(rows: Sequence[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return (BOM + out.getvalue()).encode("utf-8")


def figure_csv(figure: Figure, text: InsightsPrompts | None = None) -> bytes:
    """One figure as a table: a header row, one row per item, the total last."""
    return _write_csv(_csv_rows(figure, text or load_insights_prompts()))


def report_csv(insights: Insights, title: str, text: InsightsPrompts | None = None) -> bytes:
    """Every figure one after another, each under its title, separated by an empty line."""
    text = text or load_insights_prompts()
    rows: list[list[str]] = [[title], [_period(insights, text)], [text.suppression.strip()], []]
    for figure in insights.figures:
        rows += [[figure.title], *_csv_rows(figure, text), []]
    return _write_csv(rows)


def _period(insights: Insights, text: InsightsPrompts) -> str:
    return text.period.format(since=insights.period.since.isoformat(), until=insights.period.until.isoformat())


def generated_line(insights: Insights, text: InsightsPrompts | None = None) -> str:
    text = text or load_insights_prompts()
    return text.generated.format(at=korean_time(insights.generated_at).strftime("%Y-%m-%d %H:%M"))


def month_title(insights: Insights, text: InsightsPrompts | None = None) -> str:
    text = text or load_insights_prompts()
    since = insights.period.since
    return text.report_title.format(month=text.month.format(year=since.year, month=since.month))


# --- HTML ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=PackageLoader("application.insights", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def stylesheet() -> Markup:
    css = (files("application.insights") / "static" / "report.css").read_text(encoding="utf-8")
    return Markup(css.replace("</", "<\\/"))  # a stylesheet can never close its <style> element


def figure_html(figure: Figure, csv_href: str | None = None, text: InsightsPrompts | None = None) -> Markup:
    """One figure's section: heading, note, chart beside its table, remarks."""
    text = text or load_insights_prompts()
    svg = chart_svg(figure, text)

    def cell(value: Cell, kind: Kind) -> str:
        return cell_text(value, kind, text)

    html = environment().get_template("insights/_figure.html").render(
        figure=figure, chart=Markup(svg) if svg else None, text=text, cell=cell, csv_href=csv_href)
    return Markup(html)


def report_html(insights: Insights, title: str, text: InsightsPrompts | None = None) -> str:
    text = text or load_insights_prompts()
    sections = [figure_html(f, None, text) for f in insights.figures]
    return environment().get_template("insights/report.html").render(
        title=title, insights=insights, text=text, css=stylesheet(), sections=sections,
        generated=generated_line(insights, text))


# --- PDF -------------------------------------------------------------------------------------

def _pdf(title: str) -> BriefPDF:
    pdf = BriefPDF(format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font(FONT, "", str(font_path()))
    pdf.set_lang("ko")
    pdf.set_title(title)
    pdf.set_creator("sme-intake")
    pdf.footer_text = title
    pdf.add_page()
    return pdf


def _para(pdf: BriefPDF, text: str, size: float = 9.5, colour: str = INK) -> None:
    pdf.set_font(FONT, size=size)
    pdf.set_text_color(*rgb(colour))
    pdf.multi_cell(0, size * 0.52, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _strong(pdf: BriefPDF, text: str, size: float, colour: str = INK) -> None:
    """Bold-looking text: the one face, filled and thinly stroked (as the brief does)."""
    pdf.set_font(FONT, size=size)
    pdf.set_text_color(*rgb(colour))
    with pdf.local_context(text_mode="FILL_STROKE", line_width=size / 90, draw_color=rgb(colour)):
        pdf.multi_cell(0, size * 0.55, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _pdf_table(pdf: FPDF, figure: Figure, text: InsightsPrompts) -> None:
    sub = _has_sub(figure)
    label_share = 3 if len(figure.columns) <= 4 else 2
    widths = (label_share, *([2] if sub else []), *(1.4 for _ in figure.columns))
    pdf.set_font(FONT, size=8.5)
    pdf.set_text_color(*rgb(INK))
    pdf.set_draw_color(*rgb(LINE_COLOUR))
    heading = FontFace(color=rgb(MUTED), fill_color=rgb("#f3f5f8"))
    rows: list[Row] = [*figure.rows, *([figure.total] if figure.total else [])]
    align: Callable[[int], str] = lambda i: "LEFT" if i < (2 if sub else 1) else "RIGHT"  # noqa: E731
    with pdf.table(col_widths=widths, line_height=5.2, headings_style=heading, first_row_as_headings=True,
                   borders_layout=TableBordersLayout.HORIZONTAL_LINES,
                   text_align=tuple(align(i) for i in range(len(widths)))) as table:
        header = table.row()
        for label in (text.item, *([text.team] if sub else []), *(c.label for c in figure.columns)):
            header.cell(label)
        for row in rows:
            line = table.row()
            line.cell(row.label)
            if sub:
                line.cell(row.sub or "")
            for c, column in zip(row.cells, figure.columns, strict=True):
                line.cell(cell_text(c, column.kind, text))


def _pdf_bars(pdf: FPDF, figure: Figure, text: InsightsPrompts) -> None:
    """The figure's chart drawn with fpdf2: a labelled bar per row, or a row of band parts
    (hidden bands as one grey part, as on the page), each with its number in text."""
    chart = figure.chart
    if chart is None or not figure.rows:
        return
    label_w, bar_w, line = 58.0, pdf.w - 2 * MARGIN - 58.0 - 24.0, 5.0
    pdf.set_font(FONT, size=8)
    if chart.kind == "stacked":
        indexes = [figure.column_index(k) for k in chart.segments]
        base = figure.base.value if figure.base is not None else None
        x = MARGIN
        for n, name in enumerate([*(figure.columns[i].label for i in indexes), text.hidden_segment]):
            pdf.set_fill_color(*rgb(BAND_COLOURS[n] if n < len(indexes) else HIDDEN_PART))
            pdf.rect(x, pdf.get_y() + 1.2, 3, 3, style="FD")
            pdf.set_xy(x + 4, pdf.get_y())
            pdf.set_text_color(*rgb(INK))
            pdf.cell(pdf.get_string_width(name) + 5, line, name)
            x = pdf.get_x()
        pdf.ln(line + 1)
        for row in figure.rows:
            if pdf.will_page_break(line):
                pdf.add_page()
            y = pdf.get_y()
            pdf.set_text_color(*rgb(INK))
            pdf.cell(label_w, line, row.label)
            x = MARGIN + label_w
            shown = [row.cells[i].value or 0 for i in indexes]
            rest = (base - sum(shown)) if base else 0
            whole = sum(shown) + rest
            for n, value in enumerate([*shown, rest]):
                if not value or not whole:
                    continue
                width = bar_w * value / whole
                colour = BAND_COLOURS[n] if n < len(shown) else HIDDEN_PART
                pdf.set_fill_color(*rgb(colour))
                pdf.rect(x, y + 1, width, line - 2, style="F")
                if width > 6 and n < len(shown):
                    pdf.set_text_color(*rgb(BAND_TEXT[n]))
                    pdf.text(x + width / 2 - 1.2, y + line - 1.4, number(value))
                x += width
            pdf.ln(line)
        return
    if chart.column is None:
        return
    index = figure.column_index(chart.column)
    kind = figure.columns[index].kind
    drawn = [r for r in figure.rows if not (chart.skip_zero and r.cells[index] == Cell(value=0))]
    top = max([r.cells[index].value or 0 for r in drawn] or [0]) or 1
    for row in drawn:
        if pdf.will_page_break(line):
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_text_color(*rgb(INK))
        pdf.cell(label_w, line, row.label[:28])
        pdf.set_fill_color(*rgb(TRACK))
        pdf.rect(MARGIN + label_w, y + 1, bar_w, line - 2, style="F")
        value = row.cells[index].value or 0
        if value:
            pdf.set_fill_color(*rgb(BRAND))
            pdf.rect(MARGIN + label_w, y + 1, bar_w * min(value, top) / top, line - 2, style="F")
        pdf.set_x(MARGIN + label_w + bar_w + 2)
        pdf.cell(22, line, cell_text(row.cells[index], kind, text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def report_pdf(insights: Insights, title: str, text: InsightsPrompts | None = None) -> bytes:
    text = text or load_insights_prompts()
    pdf = _pdf(title)
    _strong(pdf, title, 18, INK)
    pdf.ln(1)
    _para(pdf, _period(insights, text), 9.5, MUTED)
    _para(pdf, generated_line(insights, text), 8.5, MUTED)
    pdf.ln(2)
    _para(pdf, text.intro)
    _para(pdf, text.suppression.strip(), 8.5, MUTED)
    if insights.funnel_incomplete:
        _para(pdf, text.retention.format(days=insights.session_retention_days).strip(), 8.5, MUTED)
    for figure in insights.figures:
        if pdf.will_page_break(40):
            pdf.add_page()
        pdf.ln(5)
        _strong(pdf, figure.title, 12.5, BRAND)
        _para(pdf, figure.note.strip(), 8.5, MUTED)
        pdf.ln(1.5)
        if figure.rows:
            _pdf_bars(pdf, figure, text)
            _pdf_table(pdf, figure, text)
        else:
            _para(pdf, figure.empty or text.missing, 9, MUTED)
        for remark in figure.remarks:
            _para(pdf, remark, 8.5, MUTED)
    return bytes(pdf.output())
