"""The brief as a PDF, drawn with fpdf2 (pure Python) from the same page context as the HTML
page (context.py), section for section, with the readiness radar drawn from the same layout.

Korean needs a font with Hangul: WenQuanYi Micro Hei (TrueType outlines, Apache-2.0), shipped
in the PyPI package paperang-p2-fonts-cjk. It is read from the installed package, never from
the system or the network, and embedded as a subset (FontFile2), so the PDF reads the same
everywhere and its text can be copied and searched."""

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from application.briefs.context import BriefPage, ProgramView, ReasonView, Row, Source, brief_page
from application.briefs.pdf_radar import draw_radar, radar_height, rgb
from application.briefs.radar import RadarLayout
from application.briefs.reassessment import ReassessmentView, with_reassessment
from application.reassessment.schemas import Reassessment
from assistant.decision.brief import NeedsBrief
from prompts.brief import Lang

FONT = "WQY"
FONT_PACKAGE = "paperang_p2_fonts_cjk"
FONT_FILE = "fonts/wqy-microhei.ttc"
INK, MUTED, BRAND = "#1f2937", "#6b7385", "#1f5bc4"
GROUP_COLOURS = {"eligible": "#17744a", "check": "#9a5b00", "ineligible": "#a12a2a"}
SOFT = {"check": "#fff4e0", "failed": "#fbeaea", "note": "#eef2fa"}
MARGIN = 16.0
LINE = 5.2  # mm per line of 10 pt text


@lru_cache(maxsize=1)
def font_path() -> Path:
    path = Path(str(files(FONT_PACKAGE) / FONT_FILE))
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the Korean PDF font is missing; install paperang-p2-fonts-cjk")
    return path


def stand_in(char: str, cmap: dict[int, str]) -> str:
    """A character the font has for one it lacks ("∙" → "·"), or the character itself."""
    if ord(char) in cmap:
        return char
    for candidate in (STAND_INS.get(char, ""), unicodedata.normalize("NFKC", char)):
        if candidate and all(ord(c) in cmap for c in candidate):
            return candidate
    return char


STAND_INS = {"\u2219": "·", "\u2022": "·", "\u2713": "v", "\u2014": "-", "\u2013": "-", "\u00a0": " "}


class BriefPDF(FPDF):
    footer_text = ""

    def normalize_text(self, text: str) -> str:
        cmap = getattr(self.current_font, "cmap", None)
        if cmap and not text.isascii():
            text = "".join(stand_in(c, cmap) for c in text)
        return super().normalize_text(text)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*rgb(MUTED))
        self.cell(0, 5, f"{self.footer_text}  ·  {self.page_no()}/{{nb}}", align="R")


class Writer:
    """Small layout verbs over fpdf2: headings, paragraphs, bullets, key–value rows."""

    def __init__(self, *, lang: Lang, title: str, company_name: str, subject: str) -> None:
        pdf = BriefPDF(format="A4")
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=16)
        pdf.add_font(FONT, "", str(font_path()))
        pdf.set_lang(lang)
        pdf.set_title(f"{company_name} · {title}")
        pdf.set_subject(subject)
        pdf.set_creator("sme-intake")
        pdf.footer_text = f"{title} · {company_name}"
        pdf.add_page()
        self.pdf = pdf

    def style(self, size: float = 10, colour: str = INK) -> None:
        self.pdf.set_font(FONT, size=size)
        self.pdf.set_text_color(*rgb(colour))

    def strong(self, text: str, size: float, colour: str = INK, height: float | None = None) -> None:
        """Bold-looking text: the one face, filled and thinly stroked."""
        self.style(size, colour)
        with self.pdf.local_context(text_mode="FILL_STROKE", line_width=size / 90, draw_color=rgb(colour)):
            self.pdf.multi_cell(0, height or size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str) -> None:
        pdf = self.pdf
        if pdf.will_page_break(30):
            pdf.add_page()
        pdf.ln(4)
        self.strong(text, 14, BRAND, 8)
        pdf.set_draw_color(*rgb("#c5cedd"))
        pdf.set_line_width(0.3)
        pdf.line(MARGIN, pdf.get_y() + 0.5, pdf.w - MARGIN, pdf.get_y() + 0.5)
        pdf.ln(3)

    def para(self, text: str, size: float = 10, colour: str = INK, fill: str | None = None) -> None:
        self.style(size, colour)
        if fill:
            self.pdf.set_fill_color(*rgb(fill))
        self.pdf.multi_cell(0, size * 0.52, text, align="L", fill=fill is not None, padding=(1, 2) if fill else 0,
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def label(self, text: str) -> None:
        if self.pdf.will_page_break(14):  # keep a label with what it introduces
            self.pdf.add_page()
        self.pdf.ln(1)
        self.strong(text, 8.5, MUTED, 4.6)

    def bullets(self, items: Iterable[str], size: float = 9.5, colour: str = INK, fill: str | None = None) -> None:
        pdf = self.pdf
        self.style(size, colour)
        if fill:
            pdf.set_fill_color(*rgb(fill))
        for item in items:
            pdf.set_x(MARGIN + 1)
            pdf.cell(4, size * 0.5, "•", fill=fill is not None)
            pdf.multi_cell(0, size * 0.5, item, align="L", fill=fill is not None, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def rows(self, rows: Sequence[Row], label_width: float = 42) -> None:
        pdf = self.pdf
        for row in rows:
            self.style(9, MUTED)
            pdf.cell(label_width, LINE, row.label)
            self.style(10, MUTED if row.muted else INK)
            pdf.multi_cell(0, LINE, row.value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def reason_lines(reasons: Sequence[ReasonView]) -> list[str]:
    return [r.text + "".join(f" [{n}]" for n in r.refs) for r in reasons]


def source_lines(sources: Sequence[Source]) -> list[str]:
    return [f"[{s.number}] {s.label} — “{s.quote}”" if s.label else f"[{s.number}] “{s.quote}”" for s in sources]


def program_block(w: Writer, p: ProgramView, page: BriefPage, colour: str) -> None:
    pdf = w.pdf
    if pdf.will_page_break(26):
        pdf.add_page()
    pdf.ln(2)
    w.strong(p.name, 11, colour, 5.8)
    w.para(f"{p.id}  ·  {page.text.fit} {p.fit}", 8, MUTED)
    if p.failed:
        w.label(page.text.failed)
        w.bullets(reason_lines(p.failed), colour="#6e1d1d", fill=SOFT["failed"])
    if p.reasons:
        w.label(page.text.notes if p.failed else page.text.why)
        w.bullets(reason_lines(p.reasons))
    if p.checks:
        w.label(page.text.checks)
        w.bullets(p.checks, colour="#6b4000", fill=SOFT["check"])
    if p.sources:
        w.label(page.text.sources)
        w.bullets(source_lines(p.sources), size=8, colour="#4b5563")


def readiness_block(w: Writer, page: BriefPage) -> None:
    pdf = w.pdf
    w.heading(page.text.section_readiness)
    w.strong(f"{page.overall.label}: {page.overall.score_text} ({page.overall.band_label})", 12, BRAND, 7)
    if page.overall.gap_text:
        w.para(page.overall.gap_text, 8.5, MUTED)
    radar_block(w, page.radar)
    for d in page.dimensions:
        if pdf.will_page_break(16):
            pdf.add_page()
        y = pdf.get_y()
        w.strong(f"{d.label}  {d.score_text} · {d.band_label}", 10, INK, 5.4)
        bar_x, bar_w = pdf.w - MARGIN - 50, 50.0
        pdf.set_fill_color(*rgb("#edf0f5"))
        pdf.rect(bar_x, y + 1.6, bar_w, 2.2, style="F")
        if d.score:
            pdf.set_fill_color(*rgb(BRAND))
            pdf.rect(bar_x, y + 1.6, bar_w * d.score / 100, 2.2, style="F")
        w.para(d.advice, 9)
        if d.gap_text:
            w.para(d.gap_text, 8, MUTED)
        pdf.ln(1.2)


def radar_block(w: Writer, layout: RadarLayout, width: float = 100.0) -> None:
    pdf = w.pdf
    if pdf.will_page_break(radar_height(layout, width)):
        pdf.add_page()
    top = pdf.get_y() + 2
    draw_radar(pdf, layout, (pdf.w - width) / 2, top, width, FONT)
    pdf.set_y(top + radar_height(layout, width) + 3)


CHANGE_COLOURS = {"up": "#17744a", "down": "#a12a2a", "same": INK, "none": MUTED}


def reassessment_block(w: Writer, r: ReassessmentView) -> None:
    """T0, T1 and the change per dimension as a table; the change in arrow, number and words."""
    pdf = w.pdf
    w.heading(r.text.section_change)
    w.para(r.text.intro, 8.5, MUTED)
    pdf.ln(1)
    widths = (44.0, 28.0, 28.0)
    w.style(8.5, MUTED)
    for width, head in zip(widths, (r.text.dimension, r.text.before, r.text.after), strict=True):
        pdf.cell(width, LINE, head)
    pdf.cell(0, LINE, r.text.change, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for c in r.changes:
        if pdf.will_page_break(LINE + 1):
            pdf.add_page()
        w.style(10, INK)
        pdf.cell(widths[0], LINE + 0.6, c.label)
        pdf.cell(widths[1], LINE + 0.6, c.before)
        w.style(10, INK if c.reassessed else MUTED)
        pdf.cell(widths[2], LINE + 0.6, c.after)
        w.style(10, CHANGE_COLOURS[c.direction])
        pdf.cell(0, LINE + 0.6, f"{c.mark}  {c.words}" if c.mark else c.words, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_draw_color(*rgb("#e3e8ef"))
        pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
    w.label(r.text.summary)
    w.para(r.summary, 10)
    w.label(r.text.programs_applied)
    if r.programs_applied:
        w.bullets(r.programs_applied)
    else:
        w.para(r.text.no_programs, 9.5, MUTED)
    pdf.ln(1)
    w.para(r.recorded, 8.5, MUTED)


def render_page_pdf(page: BriefPage) -> bytes:
    w = Writer(lang=page.lang, title=page.title, company_name=page.company_name, subject=page.text.audience)
    pdf = w.pdf
    w.para(f"{page.title} · {page.text.audience}", 9, MUTED)
    w.strong(page.company_name, 20, INK, 10)
    meta = [f"{page.text.created_at}: {page.created_at}", f"{page.text.kb_version}: {page.kb_version}"]
    if page.urgency:
        meta.insert(0, f"{page.text.urgency}: {page.urgency}")
    w.para("   ·   ".join(meta), 9, MUTED)
    if page.language_note:
        w.para(page.language_note, 9, INK, fill=SOFT["note"])
    w.heading(page.text.section_profile)
    w.rows(page.profile)
    w.heading(page.text.section_words)
    for label, said in ((page.text.goals, page.goals), (page.text.pressures, page.pressures)):
        w.label(label)
        w.para(f"“{said}”" if said else page.text.not_said, 11 if said else 9.5, INK if said else MUTED)
    readiness_block(w, page)
    if page.reassessment:
        reassessment_block(w, page.reassessment)
    w.heading(page.text.section_programs)
    for group in page.program_groups:
        colour = GROUP_COLOURS[group.key]
        if pdf.will_page_break(30):
            pdf.add_page()
        w.strong(f"{group.title} ({group.count})", 12, colour, 7)
        w.para(group.intro if group.count else page.text.none, 8.5, MUTED)
        for p in (*group.featured, *group.more):
            program_block(w, p, page, colour)
        pdf.ln(2)
    w.heading(page.text.section_vendors)
    w.para(f"{page.text.vendor_disclaimer_title}: {page.vendor_disclaimer}", 9, INK, fill="#f3f4f7")
    for v in page.vendors:
        pdf.ln(1.5)
        w.strong(f"{v.name}", 10.5, INK, 5.6)
        w.para(f"{v.id}  ·  {page.text.fit} {v.fit}", 8, MUTED)
        w.bullets(reason_lines(v.reasons))
        w.bullets(source_lines(v.sources), size=8, colour="#4b5563")
    w.heading(page.text.section_mentors)
    for m in page.mentors:
        pdf.ln(1.5)
        w.strong(m.name, 10.5, INK, 5.6)
        details = [m.id, m.tier_label, m.load, f"{page.text.fit} {m.fit}"] + ([page.text.full] if m.full else [])
        w.para("  ·  ".join(details), 8, MUTED)
        if m.lead:
            w.para(f"{page.text.lead}: {m.lead}", 9)
        w.bullets(m.reasons)
    w.heading(page.text.section_unknowns)
    if page.unknowns:
        w.para(page.text.ask_hint, 8.5, MUTED)
        w.bullets([f"{a.label} ({a.slot_id}) — {a.question}" if a.question else f"{a.label} ({a.slot_id})"
                   for a in page.unknowns])
    else:
        w.para(page.text.no_unknowns, 9.5, MUTED)
    w.heading(page.text.section_answers)
    for answers in page.answers:
        w.label(answers.title)
        w.rows(answers.rows, label_width=52)
    w.heading(page.text.section_contact)
    w.rows([*page.contact, Row(page.text.consent, page.consent, muted=not page.consent_ok)])
    w.heading(page.text.section_record)
    w.rows(page.record)
    return bytes(pdf.output())


def render_brief_pdf(brief: NeedsBrief, lang: Lang | None = None, reassessment: Reassessment | None = None) -> bytes:
    """The mentor's brief as PDF bytes, in `lang` (default: the brief's language), with the
    re-assessment (T0 → T1) when there is one."""
    return render_page_pdf(with_reassessment(brief_page(brief, lang), brief, reassessment))
