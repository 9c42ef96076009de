"""Rendering the needs brief for people: an SVG readiness radar, an HTML page for the mentor
(and the owner's shorter copy) and a PDF with an embedded Korean font, all from one typed
page context per page."""

from typing import Literal

from application.briefs.errors import UnknownFormat
from application.reassessment.schemas import Reassessment
from assistant.decision.brief import NeedsBrief
from prompts.brief import Lang

Format = Literal["json", "html", "pdf"]
FORMATS: tuple[Format, ...] = ("json", "html", "pdf")


def render_brief(brief: NeedsBrief, format: Format, lang: Lang | None = None,
                 reassessment: Reassessment | None = None) -> bytes | str:
    """The brief as JSON (the §6 document, always in the brief's own language), an HTML page
    (str) or a PDF (bytes); HTML and PDF in `lang`, default the brief's language, showing
    the re-assessment (T1) when it is given."""
    if format == "json":
        return brief.model_dump_json(indent=2)
    if format == "html":
        from application.briefs.html import render_brief_html

        return render_brief_html(brief, lang, reassessment)
    if format == "pdf":
        from application.briefs.pdf import render_brief_pdf

        return render_brief_pdf(brief, lang, reassessment)
    raise UnknownFormat(format, FORMATS)


__all__ = ["FORMATS", "Format", "render_brief"]
