"""The mentor's page and the owner's copy: every section, escaped owner text, both languages,
and nothing fetched from the network."""

import re
from html.parser import HTMLParser

from markupsafe import escape

from application.briefs import render_brief
from application.briefs.html import render_brief_html, render_owner_html
from assistant.decision.brief import NeedsBrief
from assistant.decision.owner import owner_copy
from prompts.brief import load_brief_prompts

SECTIONS = ["profile", "words", "readiness", "programs", "programs-eligible", "programs-check",
            "programs-ineligible", "vendors", "mentors", "unknowns", "contact", "record"]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def shown(text: str, html: str) -> bool:
    """Whether the text appears on the page, as autoescaping writes it."""
    return str(escape(text)) in html


def ids(html: str) -> set[str]:
    return {str(a["id"]) for _, a in tags(html) if a.get("id")}


def test_korean_page_has_every_section_with_the_briefs_content(korean_brief: NeedsBrief) -> None:
    html = render_brief_html(korean_brief)
    assert html.startswith("<!doctype html>") and '<html lang="ko">' in html
    assert set(SECTIONS) <= ids(html)
    brief = korean_brief
    for text in ("한빛정밀", "제조업", "대전", "25명", "daejeon-center",  # profile
                 "“생산 현황을 한눈에 보고, 사무직은 재택도 가능하게 하고 싶어요”", "인건비랑 자재비가 제일 부담이에요",
                 "3개월 안에", "owner@example.com", "김대표", "privacy-v1", "2025-05-01 18:58 KST",
                 "2025-05-01 19:00 KST", brief.kb_version, "case-render", "sess-render",
                 load_brief_prompts("ko").vendors.disclaimer, "company.annual_revenue_krw", "연 매출"):
        assert shown(text, html), text
    dims = brief.readiness.dimensions
    assert dims["blockchain"].score is None
    assert shown(dims["data"].advice, html) and "다음 단계(보통)까지 6점" in html  # data: 20 → 26
    assert 'id="readiness-radar"' in html and 'role="img"' in html
    for program in brief.programs:
        assert f'id="{program.id}"' in html and shown(program.name, html)
        assert all(shown(reason, html) for reason in program.reasons)
        assert all(shown(check, html) for check in program.checks)
        for citation in program.citations:
            assert shown(citation.source, html) and shown(citation.quote, html)
            assert f'href="{escape(str(citation.url))}"' in html  # the sentence in its article
    # Owners and mentors read publishers and headlines, never seed file names.
    assert not re.search(r"\d{3}_[0-9a-f]{16}|\.txt|시드", html)
    for vendor in brief.vendors:
        assert shown(vendor.name, html) and shown(vendor.reasons[0], html)
    for mentor in brief.mentors:
        assert shown(mentor.name, html) and (mentor.lead is None or shown(mentor.lead.name, html))
    assert "1단계 현장지원 멘토" in html


def test_ineligible_programs_say_why(korean_brief: NeedsBrief) -> None:
    html = render_brief_html(korean_brief)
    ineligible = [p for p in korean_brief.programs if p.eligibility == "ineligible"]
    assert ineligible, "the firm founded in 2009 is too old for the pre-founder program"
    section = html[html.index('id="programs-ineligible"'):html.index('id="vendors"')]
    for program in ineligible:
        assert shown(program.name, section) and all(shown(f, section) for f in program.failed)
        assert 'class="failed"' in section and "제외 이유" in section


def test_owner_text_is_escaped(xss_brief: NeedsBrief) -> None:
    html = render_brief_html(xss_brief)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not [t for t, a in tags(html) if t in ("script", "img")]
    assert '"><img' not in html and "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert all(not k.startswith("on") for _, a in tags(html) for k in a)


def test_page_is_self_contained(korean_brief: NeedsBrief) -> None:
    html = render_brief_html(korean_brief)
    found = tags(html)
    assert not [t for t, _ in found if t in ("script", "link", "img", "iframe")]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert "<style>" in html and "--brand" in html


def test_english_page(korean_brief: NeedsBrief, english_brief: NeedsBrief) -> None:
    html = render_brief_html(english_brief)
    assert '<html lang="en">' in html and set(SECTIONS) <= ids(html)
    for text in ("Needs brief", "Company profile", "In the owner's own words", "Support programs", "Eligible",
                 "Suggested technology vendors", "not endorsements", "Suggested mentors", "Ask about these",
                 "Manufacturing", "Daejeon", "Within 3 months", "Tier 1 field-support mentor"):
        assert shown(text, html), text
    assert shown(english_brief.programs[0].reasons[0], html)
    assert "Program names and reasons" not in html  # the brief is English already
    asked = render_brief_html(korean_brief, "en")
    assert '<html lang="en">' in asked and "Digital readiness" in asked
    assert shown("Program names and reasons are in the conversation's language (Korean).", asked)
    assert shown(korean_brief.programs[0].name, asked)  # content stays as written


def test_render_brief_formats(korean_brief: NeedsBrief) -> None:
    assert NeedsBrief.model_validate_json(render_brief(korean_brief, "json")) == korean_brief
    assert render_brief(korean_brief, "html", "en") == render_brief_html(korean_brief, "en")


def test_owner_copy_page_is_short_and_private(korean_brief: NeedsBrief) -> None:
    copy = owner_copy(korean_brief, contact_days=2)
    html = render_owner_html(copy)
    assert "상담 결과 요약" in html and "담당 멘토가 영업일 기준 2일 안에 연락드려요." in html
    assert 'id="owner-radar"' in html and "블록체인" in html
    for program in copy.programs:
        assert shown(program.name, html) and shown(program.reasons[0], html)
    for secret in ("owner@example.com", "김대표", "예시 멘토", "vendor:", "sess-render", "case-render"):
        assert secret not in html
    english = render_owner_html(copy, "en")
    assert "Your consultation summary" in english and "within 2 working days" in english


def test_a_sparse_brief_still_renders(sparse_brief: NeedsBrief) -> None:
    html = render_brief_html(sparse_brief)
    assert set(SECTIONS) <= ids(html)
    for text in ("이름을 밝히지 않은 회사", "말씀하지 않았어요.", "동의 기록이 없어요", "해당 없음"):
        assert shown(text, html), text
    assert html.count('class="unknown"') == len(sparse_brief.readiness.dimensions)
    owner = render_owner_html(owner_copy(sparse_brief, contact_days=2), "en")
    assert "Your consultation summary" in owner
