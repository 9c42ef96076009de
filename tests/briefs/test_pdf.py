"""The PDF: a real PDF whose Korean text comes back out, with the font embedded in it."""

import io
import re
from typing import Any

from pypdf import PdfReader

from application.briefs import render_brief
from application.briefs.pdf import render_brief_pdf
from assistant.decision.brief import NeedsBrief


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def font_descriptors(reader: PdfReader) -> list[Any]:
    found = []
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        fonts = resources.get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                found.append(descendant.get_object()["/FontDescriptor"].get_object())
    return found


def test_korean_pdf_text_comes_back(korean_brief: NeedsBrief) -> None:
    data = render_brief_pdf(korean_brief)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 3
    text = squash(page_text(reader))
    top = next(p for p in korean_brief.programs if p.eligibility != "ineligible")
    expected = ["한빛정밀", "요구사항브리프", "회사개요", "디지털준비도", "지원사업", "추천멘토", "상담에서물어볼것",
                top.name, top.reasons[0], korean_brief.vendors[0].name, korean_brief.mentors[0].name,
                "생산현황을한눈에보고,사무직은재택도가능하게하고싶어요", korean_brief.readiness.dimensions["data"].advice,
                "블록체인", "모름", korean_brief.kb_version, "owner@example.com", korean_brief.vendor_disclaimer]
    for program in korean_brief.programs:
        expected += [program.name, *program.failed]
    for wanted in expected:
        assert squash(wanted) in text, wanted
    assert reader.metadata is not None and reader.metadata.title == "한빛정밀 · 요구사항 브리프"
    # Sources read as publisher, year and headline; no seed file name, no "시드".
    assert "메트로신문,2020" in text or "중앙일보,2009" in text
    assert not re.search(r"\d{3}_[0-9a-f]{16}|\.txt|시드", text)


def test_font_is_embedded(korean_brief: NeedsBrief) -> None:
    reader = PdfReader(io.BytesIO(render_brief_pdf(korean_brief)))
    descriptors = font_descriptors(reader)
    assert descriptors
    assert all("/FontFile2" in d or "/FontFile3" in d for d in descriptors)
    assert any("WenQuanYi" in str(d["/FontName"]) for d in descriptors)


def test_english_pdf(english_brief: NeedsBrief, korean_brief: NeedsBrief) -> None:
    reader = PdfReader(io.BytesIO(render_brief(english_brief, "pdf")))  # type: ignore[arg-type]
    text = squash(page_text(reader))
    for wanted in ("Needs brief", "Company profile", "Support programs", "Suggested mentors", english_brief.programs[0].name,
                   "Blockchain", "unknown"):
        assert squash(wanted) in text, wanted
    asked = squash(page_text(PdfReader(io.BytesIO(render_brief_pdf(korean_brief, "en")))))
    assert "Companyprofile" in asked and "한빛정밀" in asked


def test_a_sparse_brief_still_renders(sparse_brief: NeedsBrief) -> None:
    text = squash(page_text(PdfReader(io.BytesIO(render_brief_pdf(sparse_brief)))))
    assert "이름을밝히지않은회사" in text and "동의기록이없어요" in text
