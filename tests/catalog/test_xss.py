"""Markup typed into knowledge-base fields stays text: escaped on every admin page that shows
it, and handed to the owner's chat as JSON text (the chat page puts it in with textContent,
tests/catalog/test_browser.py)."""

from html import escape

import pytest
from fastapi.testclient import TestClient

from application.catalog.entries import EntryAdmin
from application.catalog.mentors import MentorAdmin
from application.runtime import Runtime
from tests.catalog.conftest import STAFF
from tests.catalog.xss import IMAGE, SCRIPT, XSS_ALIAS, XSS_ENTRY, save_xss_entry

PAGES = ["/admin/kb", "/admin/kb?q=가나다라", "/admin/kb/vendor/oddconcept", "/admin/kb/vendor/oddconcept/history",
         "/admin/mentors", "/admin/mentors/sample-strategy-lee", "/admin/mentors/sample-strategy-lee/history"]


@pytest.fixture(scope="module", autouse=True)
def marked_up(editable_runtime: Runtime) -> None:
    save_xss_entry(EntryAdmin(editable_runtime.knowledge))
    mentors = MentorAdmin(editable_runtime.knowledge)
    lee = mentors.listing("sample-strategy-lee").mentor.model_dump(mode="json")
    if SCRIPT not in lee["name"]["ko"]:
        lee["name"]["ko"] = f"예시 멘토 이OO {SCRIPT}"
        mentors.edit(lee, item_id="sample-strategy-lee", author=STAFF, base_version=None)


@pytest.mark.parametrize("path", PAGES)
def test_markup_in_fields_is_escaped_on_admin_pages(staff_client: TestClient, path: str) -> None:
    page = staff_client.get(path)
    assert page.status_code == 200
    assert "<script>window.__xss" not in page.text
    assert "<img src=x" not in page.text
    assert escape(SCRIPT) in page.text or escape(SCRIPT, quote=False) in page.text


def test_an_owners_question_gets_the_markup_as_json_text(staff_client: TestClient) -> None:
    started = staff_client.post("/api/sessions", json={"lang": "ko"})
    assert started.status_code == 201
    session = started.json()
    answer = staff_client.post(f"/api/sessions/{session['session_id']}/messages",
                               headers={"Authorization": f"Bearer {session['token']}"},
                               json={"client_message_id": "xss-1", "text": f"{XSS_ALIAS}가 뭐예요?"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    turn = answer.json()["turn"]
    assert any(c["id"] == XSS_ENTRY for c in turn["citations"])
    said = "\n".join(turn["messages"])
    assert SCRIPT in said and IMAGE in said
