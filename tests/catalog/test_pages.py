"""The admin pages through real HTTP (the app on the editable runtime, a staff login):
list and search, the entry form round trip, validation errors next to their fields, saving
with Post/Redirect/Get reaching /api/search, history and restore, stale editors, import and
export, mentors and partners."""

import json
import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape as markup_escape

from application.catalog.versions import Action, ItemKind, append
from application.runtime import Runtime
from tests.catalog.conftest import STAFF, csrf
from tests.catalog.htmlforms import form_posting_to

EDIT = "/admin/kb/program/kosme-smart-factory"


def _search(client: TestClient, query: str) -> list[dict[str, str]]:
    answer = client.get("/api/search", params={"q": query, "k": 3})
    assert answer.status_code == 200
    results: list[dict[str, str]] = answer.json()["results"]
    return results


def _error_next_to(html: str, field: str) -> str:
    """The Korean problem text shown right under the input of `field`."""
    element_id = "f-" + field.replace(".", "-")
    found = re.search(rf'id="{element_id}"[^>]*aria-invalid="true"[^>]*>.*?<p class="field-error" '
                      rf'id="{element_id}-error-1" data-field="{re.escape(field)}">\s*<span>([^<]+)</span>', html, re.S)
    assert found, f"no error shown next to {field}"
    return found.group(1)


def test_list_shows_every_entry_and_searches_by_name_id_and_tag(staff_client: TestClient,
                                                                editable_runtime: Runtime) -> None:
    page = staff_client.get("/admin/kb")
    assert page.status_code == 200
    for entry in editable_runtime.kb.entries.values():
        assert f'href="/admin/kb/{entry.kind}/{entry.slug}"' in page.text
    by_tag = staff_client.get("/admin/kb", params={"q": "after-service"}).text
    assert f'href="{EDIT}"' in by_tag and 'href="/admin/kb/vendor/tilon"' not in by_tag
    assert f'href="{EDIT}"' in staff_client.get("/admin/kb", params={"q": "스마트공장"}).text
    by_id = staff_client.get("/admin/kb", params={"q": "vendor:tilon"}).text
    assert 'href="/admin/kb/vendor/tilon"' in by_id and f'href="{EDIT}"' not in by_id


def test_saving_an_unchanged_form_stores_nothing(staff_client: TestClient, editable_runtime: Runtime) -> None:
    form = form_posting_to(staff_client.get(EDIT).text, EDIT)
    before = editable_runtime.knowledge.revision
    saved = staff_client.post(EDIT, data=form.data(), follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == EDIT
    assert editable_runtime.knowledge.revision == before
    assert "바뀐 내용이 없어서" in staff_client.get(EDIT).text


def test_edit_reaches_search_at_once_and_restore_from_history_brings_it_back(
        staff_client: TestClient, editable_runtime: Runtime) -> None:
    path = "/admin/kb/program/kosme-online-export"
    form = form_posting_to(staff_client.get(path).text, path)
    old_summary = form.get("summary.ko")
    form.set("summary.ko", "해외 쇼핑몰 입점부터 라이브커머스 촬영까지 돕는 온라인 수출 길잡이 사업이에요.")
    saved = staff_client.post(path, data=form.data(), follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == path
    assert "저장했어요(버전 1)" in staff_client.get(path).text
    hit = _search(staff_client, "라이브커머스 촬영 온라인 수출 길잡이")[0]
    assert hit["id"] == "program:kosme-online-export"
    assert editable_runtime.kb.entries[hit["id"]].summary.ko == form.get("summary.ko")

    history = staff_client.get(f"{path}/history")
    assert history.status_code == 200
    assert "김운영" in history.text and "수정" in history.text and "배포본" in history.text
    # The change in words, field by field, with the whole old and new value.
    assert "<code>summary.ko</code> 칸을 바꿨어요." in history.text
    assert f"<ins>{markup_escape(form.get('summary.ko'))!s}</ins>" in history.text
    assert f"<del>{markup_escape(old_summary)!s}</del>" in history.text
    restore = f"{path}/history/0/restore"
    assert f'action="{restore}"' in history.text
    restored = staff_client.post(restore, data={"csrf_token": csrf(staff_client, path)}, follow_redirects=False)
    assert restored.status_code == 303 and restored.headers["location"] == f"{path}/history"
    assert "버전 0의 내용으로 되돌렸어요" in staff_client.get(f"{path}/history").text
    assert editable_runtime.kb.entries["program:kosme-online-export"].summary.ko == old_summary


def test_validation_errors_appear_next_to_their_fields(staff_client: TestClient,
                                                       editable_runtime: Runtime) -> None:
    path = "/admin/kb/vendor/inca-internet"
    form = form_posting_to(staff_client.get(path).text, path)
    form.set("name.en", "")
    form.set("sources.0.quote", form.get("sources.0.quote") + " 덧붙인 말")
    form.set("eligibility.employees_min", "열명")
    revision = editable_runtime.knowledge.revision
    answer = staff_client.post(path, data=form.data())
    assert answer.status_code == 422
    assert "고칠 곳이 2군데" in answer.text
    assert _error_next_to(answer.text, "name.en") == "비어 있어요. 내용을 채워 주세요."
    assert _error_next_to(answer.text, "eligibility.employees_min") == "숫자(정수)로 써 주세요."
    assert editable_runtime.knowledge.revision == revision
    # The quote is checked once the schema passes, and the form keeps what was typed.
    form.set("name.en", "INCA Internet")
    form.set("eligibility.employees_min", "")
    answer = staff_client.post(path, data=form.data())
    assert answer.status_code == 422
    assert _error_next_to(answer.text, "sources.0.quote").startswith("이 인용문이 시드 파일에 그대로 있지 않아요")
    assert "sources.0.quote: quote does not occur in the seed" in answer.text
    assert form_posting_to(answer.text, path).get("sources.0.quote") == form.get("sources.0.quote")
    assert editable_runtime.knowledge.revision == revision


def test_a_stale_form_is_refused_and_keeps_the_typing(staff_client: TestClient) -> None:
    path = "/admin/kb/vendor/datastreams"
    first = form_posting_to(staff_client.get(path).text, path)
    second = form_posting_to(staff_client.get(path).text, path)
    first.set("aliases", first.get("aliases") + "\n데이터스트림즈 데이터")
    assert staff_client.post(path, data=first.data(), follow_redirects=False).status_code == 303
    second.set("aliases", second.get("aliases") + "\n다른 사람의 별칭")
    answer = staff_client.post(path, data=second.data())
    assert answer.status_code == 409
    assert "다른 사람이 먼저 저장했어요" in answer.text
    assert "다른 사람의 별칭" in form_posting_to(answer.text, path).get("aliases")


def test_a_new_entry_form_with_rows_added(staff_client: TestClient, editable_runtime: Runtime) -> None:
    form = form_posting_to(staff_client.get("/admin/kb/new").text, "/admin/kb/new")
    seed_quote = editable_runtime.kb.entries["program:innovation-mentor"].sources[0]
    values = {"slug": "it-helpdesk-pilot", "kind": "program", "name.ko": "IT 헬프데스크 시범사업",
              "name.en": "IT helpdesk pilot", "operator.ko": "예시 기관", "operator.en": "Sample agency",
              "summary.ko": "작은 회사의 전산 문제를 전화로 풀어 주는 시범사업이에요.",
              "summary.en": "A pilot that solves small firms' IT problems by phone.",
              "body.ko": "전화로 전산 문제를 풀어 줘요.", "body.en": "IT problems solved by phone.",
              "sources.0.seed": seed_quote.seed, "sources.0.quote": seed_quote.quote}
    for name, value in values.items():
        form.set(name, value)
    form.fields.append(("support_types", "consulting"))
    # A second condition row, as the "add row" button makes it.
    form.fields += [("eligibility.conditions.1.ko", "전화 상담만 해요."), ("eligibility.conditions.1.en", "Phone only.")]
    answer = staff_client.post("/admin/kb/new", data=form.data(), follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/admin/kb/program/it-helpdesk-pilot"
    entry = editable_runtime.kb.entries["program:it-helpdesk-pilot"]
    assert [c.ko for c in entry.eligibility.conditions] == ["전화 상담만 해요."]
    assert entry.support_types == ["consulting"]
    assert _search(staff_client, "IT 헬프데스크 시범사업")[0]["id"] == "program:it-helpdesk-pilot"


def test_import_page_shows_line_field_message_and_applies_nothing(staff_client: TestClient,
                                                                  editable_runtime: Runtime) -> None:
    lines = staff_client.get("/admin/kb/export").text.splitlines()
    good = json.loads(lines[0])
    good["summary"]["ko"] = "가져오기 화면에서 바꾼 요약이에요."
    bad = json.loads(lines[1])
    del bad["name"]["en"]
    upload = "\n".join([json.dumps(good, ensure_ascii=False), json.dumps(bad, ensure_ascii=False)]) + "\n"
    token = csrf(staff_client, "/admin/kb")
    revision = editable_runtime.knowledge.revision
    answer = staff_client.post("/admin/kb/import", data={"csrf_token": token},
                               files={"file": ("바뀐항목.jsonl", upload.encode(), "application/jsonl")})
    assert answer.status_code == 422
    assert "<code>바뀐항목.jsonl:2: name.en: Field required</code>" in answer.text
    assert "아무 항목도 바꾸지 않았어요" in answer.text
    assert editable_runtime.knowledge.revision == revision
    fixed = upload.splitlines()[0] + "\n"
    answer = staff_client.post("/admin/kb/import", data={"csrf_token": token},
                               files={"file": ("바뀐항목.jsonl", fixed.encode(), "application/jsonl")},
                               follow_redirects=False)
    assert answer.status_code == 303
    assert "바뀐 항목 1개" in staff_client.get("/admin/kb").text
    entry_id = f"{good['kind']}:{good['slug']}"
    assert editable_runtime.kb.entries[entry_id].summary.ko == good["summary"]["ko"]


@pytest.mark.parametrize(("unstorable", "said"), [
    ("\u0000", "summary.ko holds a NUL character or a lone surrogate"),  # the entry schema
    ("\ud800", "Invalid JSON"),  # pydantic's JSON reader refuses a lone surrogate escape itself
])
def test_an_imported_line_spelling_unstorable_text_is_refused(staff_client: TestClient, editable_runtime: Runtime,
                                                              unstorable: str, said: str) -> None:
    """The upload is multipart, so the request guard cannot read it: a JSON escape that decodes
    to a NUL (PostgreSQL refuses it) or a lone surrogate is refused before anything is stored."""
    line = json.loads(staff_client.get("/admin/kb/export").text.splitlines()[0])
    line["summary"]["ko"] = f"널 문자가{unstorable} 들어간 요약이에요."
    upload = json.dumps(line, ensure_ascii=True) + "\n"
    revision = editable_runtime.knowledge.revision
    answer = staff_client.post("/admin/kb/import", data={"csrf_token": csrf(staff_client, "/admin/kb")},
                               files={"file": ("널.jsonl", upload.encode(), "application/jsonl")})
    assert answer.status_code == 422
    assert said in answer.text
    assert editable_runtime.knowledge.revision == revision


def test_export_is_json_lines_of_every_entry(staff_client: TestClient, editable_runtime: Runtime) -> None:
    answer = staff_client.get("/admin/kb/export")
    assert answer.status_code == 200
    assert "attachment" in answer.headers["content-disposition"]
    ids = {f"{json.loads(line)['kind']}:{json.loads(line)['slug']}" for line in answer.text.splitlines()}
    assert ids == set(editable_runtime.kb.entries)


def test_mentor_form_saves_a_version_and_shows_roster_problems(staff_client: TestClient,
                                                               editable_runtime: Runtime) -> None:
    path = "/admin/mentors/sample-field-seo"
    form = form_posting_to(staff_client.get(path).text, path)
    form.set("weekly_capacity", "7")
    assert staff_client.post(path, data=form.data(), follow_redirects=False).status_code == 303
    assert next(m for m in editable_runtime.roster if m.slug == "sample-field-seo").weekly_capacity == 7
    form.set("lead", "")
    form.set("weekly_capacity", "7")
    answer = staff_client.post(path, data=form.data())
    assert answer.status_code == 422
    assert "1단계 멘토는 2단계 리드 멘토를 꼭 정해야 해요." in answer.text
    history = staff_client.get(f"{path}/history").text
    assert "버전 1" in history and "<code>weekly_capacity</code> 칸을 바꿨어요." in history and "<ins>7</ins>" in history


def test_the_roster_names_each_mentors_lead_by_name(staff_client: TestClient, editable_runtime: Runtime) -> None:
    page = staff_client.get("/admin/mentors").text
    seo = next(m for m in editable_runtime.roster if m.slug == "sample-field-seo")
    lead = next(m for m in editable_runtime.roster if m.slug == seo.lead)
    row = page[page.index(">" + seo.name.ko + "<"):]
    row = row[:row.index("</tr>")]
    assert f"리드 {lead.name.ko}" in row and seo.lead not in row.replace(f"/admin/mentors/{seo.lead}", "")


def test_partner_pages_create_edit_and_restore(staff_client: TestClient, editable_runtime: Runtime) -> None:
    form = form_posting_to(staff_client.get("/admin/partners/new").text, "/admin/partners/new")
    for name, value in {"key": "busan-hub", "name": "부산 디지털 허브", "title": "부산 상담 창",
                        "greeting": "안녕하세요. 무엇을 도와드릴까요?",
                        "allowed_origins": "https://hub.busan.example.kr/path"}.items():
        form.set(name, value)
    answer = staff_client.post("/admin/partners/new", data=form.data())
    assert answer.status_code == 422
    assert _error_next_to(answer.text, "allowed_origins").startswith("주소 형식이 맞지 않아요")
    form.set("allowed_origins", "https://hub.busan.example.kr")
    created = staff_client.post("/admin/partners/new", data=form.data(), follow_redirects=False)
    assert created.status_code == 303 and created.headers["location"] == "/admin/partners/busan-hub"
    path = "/admin/partners/busan-hub"
    edit = form_posting_to(staff_client.get(path).text, path)
    edit.set("title", "부산 디지털전환 상담")
    assert staff_client.post(path, data=edit.data(), follow_redirects=False).status_code == 303
    assert editable_runtime.partners.get("busan-hub").title == "부산 디지털전환 상담"  # type: ignore[union-attr]
    token = csrf(staff_client, path)
    assert staff_client.post(f"{path}/history/1/restore", data={"csrf_token": token},
                             follow_redirects=False).status_code == 303
    assert editable_runtime.partners.get("busan-hub").title == "부산 상담 창"  # type: ignore[union-attr]
    assert "부산 디지털 허브" in staff_client.get("/admin/partners").text


@pytest.mark.parametrize("path", ["/admin/kb/program/no-such-entry", "/admin/kb/vendor/no-such-entry/history",
                                  "/admin/mentors/no-such-mentor", "/admin/partners/no-such-partner"])
def test_unknown_items_are_404(staff_client: TestClient, path: str) -> None:
    answer = staff_client.get(path)
    assert answer.status_code == 404
    assert "찾는 항목이 없어요" in answer.text


def test_restoring_a_version_that_does_not_exist_is_404(staff_client: TestClient) -> None:
    token = csrf(staff_client, EDIT)
    assert staff_client.post(f"{EDIT}/history/99/restore", data={"csrf_token": token}).status_code == 404


def test_posts_without_the_csrf_token_are_refused(staff_client: TestClient, editable_runtime: Runtime) -> None:
    form = form_posting_to(staff_client.get(EDIT).text, EDIT)
    form.fields = [(k, v) for k, v in form.fields if k != "csrf_token"]
    form.set("summary.ko", "토큰 없이 보낸 요약")
    assert staff_client.post(EDIT, data=form.data()).status_code == 403
    assert editable_runtime.kb.entries["program:kosme-smart-factory"].summary.ko != "토큰 없이 보낸 요약"


def test_a_save_by_another_worker_is_picked_up_by_the_next_request(staff_client: TestClient,
                                                                   editable_runtime: Runtime) -> None:
    entry_id = "vendor:rsupport"
    live = editable_runtime.knowledge
    edited = editable_runtime.kb.entries[entry_id].model_copy(deep=True)
    edited.aliases = [*edited.aliases, "다른일꾼원격지원"]
    # Written straight to the database, as another worker process's save would be.
    with live.writer.begin() as db:
        append(db, kind=ItemKind.ENTRY, item_id=entry_id, content=edited.model_dump(mode="json"),
               action=Action.EDIT, author=STAFF,
               original=live.shipped.kb.entries[entry_id].model_dump(mode="json"))
    assert "다른일꾼원격지원" not in editable_runtime.kb.entries[entry_id].aliases
    assert _search(staff_client, "다른일꾼원격지원 써보고 싶어요")[0]["id"] == entry_id
    assert "다른일꾼원격지원" in editable_runtime.kb.entries[entry_id].aliases
