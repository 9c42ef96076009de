"""Editing the knowledge base through the service, on a runtime of its own: the overlay at
start-up, a save reaching search at once, restore, a second worker catching up, stale
editors, new entries, the preview against what really happens, import and export, mentors."""

import pytest

from application.catalog.entries import EntryAdmin
from application.catalog.errors import ImportRejected, InvalidItem, StaleEdit
from application.catalog.live import LiveKnowledge, effective_at_start
from application.catalog.mentors import MentorAdmin
from application.catalog.preview import preview_cases
from application.catalog.versions import Action
from application.runtime import Runtime
from knowledge.loader import KnowledgeBase
from knowledge.transfer import parse_jsonl
from retrieval import Retriever
from tests.catalog.conftest import EDITED_AT_START, STAFF, START_SUMMARY, shipped_entry


def _top(runtime: Runtime, query: str, k: int = 5) -> list[str]:
    return [r.id for r in runtime.retriever.search(query, k=k).results]


def test_edits_saved_before_start_are_in_the_index_at_start(editable_runtime: Runtime) -> None:
    assert editable_runtime.kb.entries[EDITED_AT_START].summary.ko == START_SUMMARY
    # Only the overlaid entry differed from the copied index, so only it was re-embedded.
    assert editable_runtime.sync_report.updated == [EDITED_AT_START]
    assert not editable_runtime.sync_report.added and not editable_runtime.sync_report.removed
    hit = editable_runtime.retriever.search("태양광발전소 옥상 설치 상담", k=3).results[0]
    assert hit.id == EDITED_AT_START and hit.summary == START_SUMMARY


def test_a_saved_edit_is_searchable_at_once_and_restore_brings_back_the_old_text(
        editable_runtime: Runtime, entries: EntryAdmin) -> None:
    entry_id = "program:kosme-job-matching"
    old = shipped_entry(entry_id)
    kb_version = editable_runtime.kb.version
    data = shipped_entry(entry_id)
    data["summary"]["ko"] = "은퇴한 숙련 기능공과 청년 구직자를 짝지어 주는 세대 잇기 일자리 연결이에요."
    saved = entries.save(data, entry_id=entry_id, author=STAFF, base_version=0)
    assert saved is not None and saved.version == 1 and saved.author == STAFF
    assert editable_runtime.kb.version != kb_version
    hit = editable_runtime.retriever.search("은퇴한 숙련 기능공 세대 잇기", k=3).results[0]
    assert hit.id == entry_id and hit.summary == data["summary"]["ko"]

    history = entries.history(entry_id)
    assert [(v.version, v.action) for v in history] == [(1, Action.EDIT), (0, Action.ORIGINAL)]
    assert f"+  ko: {data['summary']['ko']}" in history[0].diff
    assert f"-  ko: {old['summary']['ko']}" in history[0].diff

    restored = entries.restore(entry_id, 0, author=STAFF)
    assert restored.version == 2 and restored.action == Action.RESTORE and restored.content == old
    assert editable_runtime.kb.version == kb_version
    again = [r for r in editable_runtime.retriever.search("은퇴한 숙련 기능공 세대 잇기", k=5).results
             if r.id == entry_id]
    assert all(r.summary == old["summary"]["ko"] for r in again)
    assert entries.get(entry_id).version == 2


def test_another_worker_notices_a_save_on_its_next_check(editable_runtime: Runtime, entries: EntryAdmin) -> None:
    live = editable_runtime.knowledge
    # A second process: its own knowledge base and retriever, the same database and index.
    current = effective_at_start(live.shipped, live.reader)
    kb = KnowledgeBase(entries=current.entries, files=live.shipped.kb.files)
    other = LiveKnowledge(shipped=live.shipped, effective=current, kb=kb, roster=current.mentors, index=live.index,
                          retriever=Retriever(kb, editable_runtime.embedder, live.index), reader=live.reader,
                          writer=live.writer, preview_queries=editable_runtime.settings.preview_queries)
    assert not other.refresh_if_stale()
    entry_id = "vendor:machbase"
    data = shipped_entry(entry_id)
    data["summary"]["ko"] = "공장 센서 시계열을 초고속으로 쌓는 국산 데이터베이스 회사예요. 두 번째 일꾼도 알아요."
    entries.save(data, entry_id=entry_id, author=STAFF, base_version=None)
    assert other.kb.entries[entry_id].summary.ko != data["summary"]["ko"]
    assert other.refresh_if_stale()
    assert other.kb.entries[entry_id].summary.ko == data["summary"]["ko"]
    assert other.retriever.search("두 번째 일꾼도 알아요", k=1).results[0].summary == data["summary"]["ko"]
    assert not other.refresh_if_stale()


def test_an_editor_who_started_from_an_old_version_is_refused(entries: EntryAdmin) -> None:
    entry_id = "vendor:softcamp"
    data = shipped_entry(entry_id)
    data["aliases"] = [*data["aliases"], "소프트캠프 보안"]
    assert entries.save(data, entry_id=entry_id, author=STAFF, base_version=0) is not None
    data["aliases"] = [*data["aliases"], "문서 보안 소프트캠프"]
    with pytest.raises(StaleEdit):
        entries.save(data, entry_id=entry_id, author=STAFF, base_version=0)
    assert "문서 보안 소프트캠프" not in entries.get(entry_id).entry.aliases


def test_an_invalid_edit_changes_nothing(editable_runtime: Runtime, entries: EntryAdmin) -> None:
    entry_id = "vendor:tmaxos"
    revision = editable_runtime.knowledge.revision
    data = shipped_entry(entry_id)
    data["sources"][0]["quote"] = "티맥스오에스는 세상에서 가장 큰 회사예요"
    with pytest.raises(InvalidItem) as raised:
        entries.save(data, entry_id=entry_id, author=STAFF, base_version=0)
    assert [p.field for p in raised.value.problems] == ["sources.0.quote"]
    assert editable_runtime.knowledge.revision == revision
    assert entries.get(entry_id).entry.model_dump(mode="json") == shipped_entry(entry_id)


def test_a_new_entry_is_created_once(editable_runtime: Runtime, entries: EntryAdmin) -> None:
    data = shipped_entry("program:kasdi-re100")
    data["slug"] = "kasdi-carbon-coaching"
    data["name"] = {"ko": "탄소중립 코칭 바우처", "en": "Carbon-neutral coaching voucher"}
    data["aliases"] = ["탄소중립 코칭 바우처"]
    created = entries.save(data, entry_id=None, author=STAFF, base_version=None)
    assert created is not None and created.action == Action.CREATE and created.version == 1
    assert _top(editable_runtime, "탄소중립 코칭 바우처 신청", k=1) == ["program:kasdi-carbon-coaching"]
    with pytest.raises(InvalidItem) as raised:
        entries.save(data, entry_id=None, author=STAFF, base_version=None)
    assert [(p.field, p.code) for p in raised.value.problems] == [("slug", "duplicate")]


def test_preview_foretells_exactly_what_saving_does_and_touches_nothing(
        editable_runtime: Runtime, entries: EntryAdmin) -> None:
    entry_id = "program:kasdi-daas-remote-work"
    cases = preview_cases(editable_runtime.settings.preview_queries)
    other_entrys = next(c for c in cases if c.relevant and entry_id not in _top(editable_runtime, c.query))
    unanswerable = next(c for c in cases if not c.relevant and entry_id not in _top(editable_runtime, c.query))
    data = shipped_entry(entry_id)
    # Wording about something else entirely, plus one owner's question word for word.
    data["summary"] = {"ko": "어선의 그물 손질과 수산물 경매 일정을 돕는 어촌 지원이에요.",
                       "en": "Help for fishing villages with net repair and fish auction schedules."}
    data["body"] = data["summary"]
    data["aliases"], data["capability_tags"] = [], ["fishing"]
    data["owner_needs"] = {"ko": [other_entrys.query, unanswerable.query], "en": []}
    data["public_facts"], data["eligibility"]["conditions"] = [], []
    kb_version, count = editable_runtime.kb.version, editable_runtime.index.count()

    _, preview = entries.preview(data, entry_id=entry_id)

    assert preview.queries == len(cases)
    # Newly finding another entry's question, or one nothing should answer, is a regression.
    mismatched = {c.id: c for c in preview.mismatched}
    assert other_entrys.id in mismatched and not mismatched[other_entrys.id].unanswerable
    assert unanswerable.id in mismatched and mismatched[unanswerable.id].unanswerable
    assert not {c.id for c in preview.gained} & set(mismatched)
    assert all(c.expected for c in preview.gained)
    assert preview.lost, "a remote-work entry rewritten about fishing must lose remote-work questions"
    assert all(c.rank_before and not c.rank_after for c in preview.lost)
    assert editable_runtime.kb.version == kb_version and editable_runtime.index.count() == count
    for change in preview.gained + preview.mismatched + preview.lost + preview.kept:
        ranked = _top(editable_runtime, change.query)
        assert (ranked.index(entry_id) + 1 if entry_id in ranked else None) == change.rank_before

    entries.save(data, entry_id=entry_id, author=STAFF, base_version=None)
    try:
        for change in preview.gained + preview.mismatched + preview.lost + preview.kept:
            ranked = _top(editable_runtime, change.query)
            assert (ranked.index(entry_id) + 1 if entry_id in ranked else None) == change.rank_after
    finally:
        entries.restore(entry_id, 0, author=STAFF)


def test_import_applies_all_lines_or_none(editable_runtime: Runtime, entries: EntryAdmin) -> None:
    lines = entries.export_jsonl().splitlines()
    kb = KnowledgeBase(entries={e.id: e for e in parse_jsonl("\n".join(lines), "export", editable_runtime.knowledge
                                                             .shipped.seeds_dir)[0]})
    target = next(i for i, line in enumerate(lines) if '"slug": "kisti-knowledge-mentoring"' in line)
    changed = kb.entries["program:kisti-knowledge-mentoring"].model_copy(deep=True)
    changed.summary.ko = "가져오기로 바꾼 KISTI 지식 멘토링 요약이에요."
    lines[target] = changed.model_dump_json()
    broken = next(i for i, line in enumerate(lines) if '"slug": "kitech-consulting"' in line)
    lines[broken] = lines[broken].replace('"kind": "program"', '"kind": "programme"')
    revision = editable_runtime.knowledge.revision

    with pytest.raises(ImportRejected) as raised:
        entries.import_jsonl("\n".join(lines), name="upload.jsonl", author=STAFF)
    assert [str(p) for p in raised.value.problems] == [
        f"upload.jsonl:{broken + 1}: kind: Input should be 'program' or 'vendor'"]
    assert editable_runtime.knowledge.revision == revision
    assert editable_runtime.kb.entries[changed.id].summary.ko != changed.summary.ko

    lines[broken] = lines[broken].replace('"kind": "programme"', '"kind": "program"')
    report = entries.import_jsonl("\n".join(lines), name="upload.jsonl", author=STAFF)
    assert report.updated == [changed.id] and not report.created
    assert len(report.unchanged) == len(lines) - 1
    assert editable_runtime.kb.entries[changed.id] == changed
    assert entries.history(changed.id)[0].action == Action.IMPORT


def test_export_round_trips(editable_runtime: Runtime, entries: EntryAdmin) -> None:
    text = entries.export_jsonl()
    parsed, problems = parse_jsonl(text, "export.jsonl", editable_runtime.knowledge.shipped.seeds_dir)
    assert problems == []
    assert {e.id: e for e in parsed} == editable_runtime.kb.entries
    revision = editable_runtime.knowledge.revision
    report = entries.import_jsonl(text, name="export.jsonl", author=STAFF)
    assert not report.created and not report.updated and len(report.unchanged) == len(parsed)
    assert editable_runtime.knowledge.revision == revision


def test_mentor_edits_reach_the_roster_the_briefs_use(editable_runtime: Runtime) -> None:
    mentors = MentorAdmin(editable_runtime.knowledge)
    roster = editable_runtime.roster
    data = mentors.listing("sample-field-jung").mentor.model_dump(mode="json")
    data["weekly_capacity"] = 11
    saved = mentors.edit(data, item_id="sample-field-jung", author=STAFF, base_version=0)
    assert saved is not None and saved.version == 1
    assert editable_runtime.roster is roster
    assert next(m for m in roster if m.slug == "sample-field-jung").weekly_capacity == 11
    with pytest.raises(InvalidItem):
        mentors.edit({**data, "lead": None}, item_id="sample-field-jung", author=STAFF, base_version=1)
    mentors.restore("sample-field-jung", 0, author=STAFF)
    assert next(m for m in roster if m.slug == "sample-field-jung").weekly_capacity != 11
    new = {**data, "slug": "field-new-park", "name": {"ko": "박현장", "en": "Park Field"}, "sample": False}
    assert mentors.edit(new, item_id=None, author=STAFF, base_version=None) is not None
    assert any(m.slug == "field-new-park" for m in roster)
