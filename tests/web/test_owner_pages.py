"""The owner's pages over HTTP (in-process client, real runtime): the chat page and its data,
the embed per partner and its CSP, the widget script, the partner theme, the owner's copy as
a fragment, the Korean fallback font; and the page contexts and texts they are built from."""

import io
import json
import re
import uuid
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from fontTools.ttLib import TTFont
from markupsafe import escape

from application.partners.schemas import Partner
from application.runtime import Runtime
from assistant.flow import load_flow
from knowledge.loader import DEFAULT_SEEDS_DIR
from knowledge.sources import load_sources
from prompts import PromptsError, load_prompt_file, load_prompts
from prompts.web import WEB_PROMPTS_DIR, WebText, load_web_text
from tests.intake_answers import DAEJEON_MOULD_MAKER
from tests.web.test_chat_api import say, start
from web.pages.korean_font import FONT_FILE
from web.pages.owner_page import chat_page, slot_topics, theme

SITE = "https://portal.example.kr"
TOPICS = ["company", "costs", "staffing", "remote", "readiness", "needs"]


class _ChatData(HTMLParser):
    """The JSON in <script type="application/json" id="chat-data">."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = tag == "script" and ("id", "chat-data") in attrs

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        self.inside = False


def chat_data(html: str) -> dict[str, Any]:
    parser = _ChatData()
    parser.feed(html)
    data: dict[str, Any] = json.loads(parser.text)
    return data


@pytest.fixture
def partner(runtime: Runtime) -> Partner:
    saved = Partner(key=f"site-{uuid.uuid4().hex[:8]}", name="대전 포털", title="대전 기업 <상담>",
                    greeting="무엇이든 물어보세요 <b>", colour="#f5d90a", allowed_origins=[SITE])
    runtime.partners.save(saved)
    return saved


def test_chat_page_is_served_with_a_csp_and_its_data(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.text
    assert '<html lang="ko">' in html
    assert re.search(r'<script type="module" src="/static/m/[0-9a-f]{12}/owner/chat/main\.js"></script>', html)
    assert "<script>" not in html and " style=" not in html and "onclick" not in html
    data = chat_data(html)
    assert [t["id"] for t in data["topics"]] == TOPICS
    assert [t["label"] for t in data["topics"]] == ["회사", "비용", "인력", "원격근무", "디지털 준비도", "필요한 지원"]
    assert data["lang"] == "ko" and data["lang_explicit"] is False and data["partner"] is None
    assert data["storage_key"] == "intake.chat"
    assert data["urls"] == {"sessions": "/api/sessions", "owner_copy": "/owner-copy/", "other_lang": "/?lang=en"}


def test_english_page(client: TestClient) -> None:
    html = client.get("/?lang=en").text
    assert '<html lang="en">' in html
    assert escape(load_web_text("en").input_placeholder) in html
    data = chat_data(html)
    assert data["lang"] == "en" and data["lang_explicit"] is True
    assert data["urls"]["other_lang"] == "/?lang=ko"
    assert client.get("/?lang=fr").status_code == 422


def test_static_assets_are_served_from_the_app(client: TestClient) -> None:
    html = client.get("/").text
    for address in re.findall(r'(?:href|src)="(/[^"]+)"', html):
        response = client.get(address)
        assert response.status_code == 200, address
    css = client.get("/static/owner/chat.css").text
    assert f'url("/fonts/{FONT_FILE}")' in css
    assert "http://" not in css and "https://" not in css


def test_embed_for_a_partner_is_themed_and_framable_by_its_site_only(client: TestClient, partner: Partner) -> None:
    response = client.get(f"/embed?partner={partner.key}&via=widget")
    assert response.status_code == 200
    assert f"frame-ancestors {SITE}" in response.headers["content-security-policy"]
    html = response.text
    assert "대전 기업 &lt;상담&gt;" in html and "무엇이든 물어보세요 &lt;b&gt;" in html
    assert "mode-embed in-widget" in html and 'id="close-widget"' in html
    data = chat_data(html)
    assert data["partner"] == partner.key and data["storage_key"] == f"intake.chat.{partner.key}"
    assert data["in_widget"] is True
    assert data["urls"]["other_lang"] == f"/embed?partner={partner.key}&lang=en&via=widget"

    theme_css = client.get(f"/embed/theme.css?partner={partner.key}")
    assert theme_css.headers["content-type"].startswith("text/css")
    # A light yellow brand gets dark text.
    assert "--brand: #f5d90a;" in theme_css.text and "--brand-ink: #111827;" in theme_css.text


def test_embed_of_an_unknown_or_disabled_partner_is_a_plain_404_page(client: TestClient, runtime: Runtime,
                                                                     partner: Partner) -> None:
    text = load_web_text("ko")
    for address in ("/embed?partner=nobody-here", "/embed", "/embed?partner=%3Cscript%3E"):
        response = client.get(address)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert escape(text.not_found_title) in response.text and escape(text.not_found_body) in response.text
        assert "<script" not in response.text
    runtime.partners.save(partner.model_copy(update={"active": False}))
    assert client.get(f"/embed?partner={partner.key}").status_code == 404
    assert client.get(f"/embed/theme.css?partner={partner.key}").status_code == 404
    english = client.get("/embed?partner=nobody-here&lang=en")
    assert escape(load_web_text("en").not_found_title) in english.text


def test_widget_script(client: TestClient) -> None:
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=3600"
    assert response.headers["etag"]
    assert "attachShadow" in response.text
    again = client.get("/widget.js", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


def test_owner_copy_fragment(client: TestClient) -> None:
    session_id, headers, turn = start(client)
    address = f"/owner-copy/{session_id}"
    assert client.get(address).status_code == 401
    assert client.get(address, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.get("/owner-copy/nobody", headers=headers).status_code == 404
    not_ready = client.get(address, headers=headers)
    assert not_ready.status_code == 409 and not_ready.json()["error"]["code"] == "not_ready"

    for number in range(60):
        expecting = turn["expecting"]
        if expecting is None:
            break
        answer = "네" if expecting == "consent" else DAEJEON_MOULD_MAKER.get(expecting, "잘 모르겠어요")
        turn = say(client, session_id, headers, answer, f"copy-{number}")
    fragment = client.get(address, headers=headers)
    assert fragment.status_code == 200
    assert fragment.headers["cache-control"] == "no-store"
    html = fragment.text
    assert not html.lstrip().startswith("<!doctype") and "<html" not in html and "<style" not in html
    assert 'class="radar"' in html and 'id="owner-programs"' in html and 'class="next-step"' in html
    assert " style=" not in html  # the chat page's CSP forbids style attributes
    assert "minsu@example.com" not in html and "김민수" not in html


def test_korean_fallback_font(client: TestClient) -> None:
    response = client.get(f"/fonts/{FONT_FILE}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "font/woff2"
    assert "immutable" in response.headers["cache-control"]
    assert response.content[:4] == b"wOF2"  # one face as WOFF2, not a collection
    assert 40_000 < len(response.content) <= 300_000
    face = TTFont(io.BytesIO(response.content))
    assert {ord("힣"), ord("가"), ord("A"), ord("·")} <= set(face.getBestCmap())
    assert client.get("/fonts/other.ttf").status_code == 404


def test_chat_page_context_follows_the_flow() -> None:
    flow = load_flow()
    page = chat_page(flow, "en", lang_explicit=True)
    assert [t.id for t in page.topics] == TOPICS
    assert [t.label for t in page.topics] == [load_prompts("en").topics[t] for t in TOPICS]
    topics = slot_topics(flow)
    assert topics["readiness.ai"] == "readiness" and topics["needs.urgency"] == "needs"
    assert topics["consent"] == "contact" and topics["company"] == "company"
    labels = page.client.value_labels
    assert labels["remote.status"]["none"] == load_prompts("en").value_label("remote_status", "none")
    assert labels["readiness.data"]["0"] == load_prompts("en").scales["data"][0]
    assert page.client.text["fix_option"] == load_prompts("en").say.fix_option


def test_theme_contrast() -> None:
    assert theme("#1F5BC4").ink == "#ffffff"
    assert theme("#f5d90a").ink == "#111827"
    shades = theme("#0f766e")

    def lightness(colour: str) -> int:
        return sum(int(colour[i:i + 2], 16) for i in (1, 3, 5))

    assert shades.brand == "#0f766e"
    assert lightness(shades.dark) < lightness(shades.brand) < lightness(shades.soft)


def test_web_texts_load_in_both_languages_with_the_same_lines() -> None:
    ko, en = load_web_text("ko"), load_web_text("en")
    assert set(ko.model_dump()) == set(en.model_dump())
    assert "{code}" in ko.resume_chat_note and "{code}" in en.resume_chat_note


def test_a_mistyped_placeholder_stops_the_load(tmp_path: Path) -> None:
    broken = (WEB_PROMPTS_DIR / "ko.yaml").read_text(encoding="utf-8").replace("{code}", "{kode}")
    path = tmp_path / "ko.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(PromptsError, match=r"resume_chat_note: .*kode"):
        load_prompt_file(path, WebText, {"lang": "ko"}, "web/ko.yaml")


def test_a_source_page_shows_the_article_with_the_quote_marked_and_its_age(client: TestClient) -> None:
    catalogue = load_sources()
    for seed, info in catalogue.sources.items():
        lines = [" ".join(line.split()) for line in (DEFAULT_SEEDS_DIR / seed).read_text(encoding="utf-8").splitlines()]
        sentence = max(lines, key=len)[:60].strip()
        page = client.get(f"/sources/{info.slug}", params={"q": sentence})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        html = page.text
        assert re.search(r"<mark>.*?</mark>", html, re.S) and html.count("<mark>") == 1
        assert sentence in unescape(re.search(r"<mark>(.*?)</mark>", html, re.S).group(1))  # type: ignore[union-attr]
        assert f"{info.year}년" in html and seed not in html and ".txt" not in html
        assert " style=" not in html and "<script" not in html
    slug = next(iter(catalogue.sources.values())).slug
    assert "<mark>" not in client.get(f"/sources/{slug}", params={"q": "기사에 없는 문장이에요"}).text
    english = client.get(f"/sources/{slug}", params={"lang": "en"}).text
    assert '<html lang="en">' in english and "your mentor confirms" in english
    assert client.get("/sources/no-such-article").status_code == 404


def test_chat_citations_link_to_their_source_page(runtime: Runtime) -> None:
    answer = runtime.answerer.answer("스마트공장 지원 받으려면 뭐가 필요해요?", lang="ko")
    assert answer.citations
    for citation in answer.citations:
        assert citation.url is not None and citation.url.startswith("/sources/")
        assert ".txt" not in citation.source and "?q=" in citation.url
