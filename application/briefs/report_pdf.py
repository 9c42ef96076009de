"""The case report as a PDF, drawn with the brief's writer (pdf.py: the embedded Korean font,
headings, rows) from the same page context as the HTML report (report.py)."""

from application.briefs.pdf import INK, MUTED, Writer, radar_block, reassessment_block
from application.briefs.report import report_page
from application.reassessment.schemas import CaseReport


def render_report_pdf(report: CaseReport) -> bytes:
    page = report_page(report)
    w = Writer(lang=page.lang, title=page.title, company_name=page.company_name, subject=page.report.audience)
    pdf = w.pdf
    w.para(f"{page.title} · {page.report.audience}", 9, MUTED)
    w.strong(page.company_name, 20, INK, 10)
    w.heading(page.report.section_case)
    w.rows(page.facts)
    w.heading(page.text.section_readiness)
    radar_block(w, page.radar)
    if page.reassessment:
        reassessment_block(w, page.reassessment)
    else:
        w.para(page.report.pending, 9.5, MUTED)
    w.heading(page.report.section_done)
    w.label(page.report.steps)
    for step in page.steps:
        who = f" · {step.actor}" if step.actor else ""
        w.bullets([f"{step.label}  {step.at}{who}"])
        if step.note:
            pdf.set_x(pdf.l_margin + 5)
            w.para(step.note, 9, MUTED)
    w.label(page.report.notes)
    if page.notes:
        for note in page.notes:
            w.bullets([f"{note.at} · {note.actor}"], size=8.5, colour=MUTED)
            w.para(note.text, 9.5)
    else:
        w.para(page.report.no_notes, 9.5, MUTED)
    return bytes(pdf.output())
