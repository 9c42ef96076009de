"""The version store on SQLite and PostgreSQL: version 0 keeps the original, numbers grow
per item, history comes newest first with diffs and authors, a stale editor is refused,
and the overlay reads the newest valid version of every item."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from application.catalog.errors import StaleEdit
from application.catalog.live import Shipped, read_effective
from application.catalog.models import ItemVersionRow
from application.catalog.versions import (
    Action,
    Author,
    ItemKind,
    append,
    get_version,
    history,
    latest_of_kind,
    latest_revision,
)
from application.partners.schemas import Partner
from application.partners.service import PartnerService
from knowledge.loader import DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR

KIM = Author(id="u-kim", name="김운영")
LEE = Author(id="u-lee", name="이관리")
ORIGINAL = {"title": "처음", "lines": ["하나"]}


def test_first_save_keeps_the_original_as_version_0(factory: sessionmaker[Session]) -> None:
    with factory.begin() as db:
        saved = append(db, kind=ItemKind.ENTRY, item_id="program:x", content={"title": "고침", "lines": ["하나"]},
                       action=Action.EDIT, author=KIM, original=ORIGINAL, expected_version=0)
    assert saved.version == 1
    with factory() as db:
        versions = history(db, ItemKind.ENTRY, "program:x")
    assert [(v.version, v.action) for v in versions] == [(1, Action.EDIT), (0, Action.ORIGINAL)]
    assert versions[1].content == ORIGINAL and versions[1].author.id is None
    assert versions[0].author == KIM
    assert "-title: 처음" in versions[0].diff and "+title: 고침" in versions[0].diff


def test_versions_count_up_per_item_and_history_is_newest_first(factory: sessionmaker[Session]) -> None:
    with factory.begin() as db:
        append(db, kind=ItemKind.MENTOR, item_id="field-a", content={"n": 1}, action=Action.CREATE, author=KIM,
               original=None)
        append(db, kind=ItemKind.MENTOR, item_id="field-b", content={"n": 1}, action=Action.CREATE, author=KIM,
               original=None)
    with factory.begin() as db:
        second = append(db, kind=ItemKind.MENTOR, item_id="field-a", content={"n": 2}, action=Action.EDIT,
                        author=LEE, original=None, expected_version=1)
    assert second.version == 2
    with factory() as db:
        assert [v.version for v in history(db, ItemKind.MENTOR, "field-a")] == [2, 1]
        assert {k: v.content for k, v in latest_of_kind(db, ItemKind.MENTOR).items()} == {
            "field-a": {"n": 2}, "field-b": {"n": 1}}
        assert latest_of_kind(db, ItemKind.ENTRY) == {}
        assert latest_revision(db) == second.revision
        first = get_version(db, ItemKind.MENTOR, "field-a", 1)
        assert first is not None and first.content == {"n": 1} and first.author == KIM
        assert get_version(db, ItemKind.MENTOR, "field-a", 9) is None


def test_a_stale_editor_is_refused_and_nothing_is_written(factory: sessionmaker[Session]) -> None:
    with factory.begin() as db:
        append(db, kind=ItemKind.ENTRY, item_id="vendor:y", content={"v": 1}, action=Action.EDIT, author=KIM,
               original={"v": 0}, expected_version=0)
    # Lee opened the form at version 0 too, and saves after Kim.
    with pytest.raises(StaleEdit), factory.begin() as db:
        append(db, kind=ItemKind.ENTRY, item_id="vendor:y", content={"v": 2}, action=Action.EDIT, author=LEE,
               original={"v": 0}, expected_version=0)
    with factory() as db:
        assert db.scalar(select(func.count()).select_from(ItemVersionRow)) == 2
        assert [v.content for v in history(db, ItemKind.ENTRY, "vendor:y")] == [{"v": 1}, {"v": 0}]


def test_overlay_takes_the_newest_valid_version_and_falls_back_on_invalid(factory: sessionmaker[Session]) -> None:
    shipped = Shipped.load(DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR)
    smart = shipped.kb.entries["program:kosme-smart-factory"]
    edited = smart.model_copy(deep=True)
    edited.summary.ko = "수정한 요약이에요."
    broken = shipped.kb.entries["vendor:tilon"].model_dump(mode="json")
    broken["sources"][0]["quote"] = "시드 파일 어디에도 없는 인용문이에요"
    mentor = shipped.mentors["sample-field-kim"].model_copy(update={"weekly_capacity": 9})
    with factory.begin() as db:
        for item_id, content in (("program:kosme-smart-factory", edited.model_dump(mode="json")),
                                 ("vendor:tilon", broken)):
            append(db, kind=ItemKind.ENTRY, item_id=item_id, content=content, action=Action.EDIT, author=KIM,
                   original=shipped.kb.entries[item_id].model_dump(mode="json"))
        append(db, kind=ItemKind.MENTOR, item_id=mentor.slug, content=mentor.model_dump(mode="json"),
               action=Action.EDIT, author=KIM, original=shipped.mentors[mentor.slug].model_dump(mode="json"))
    with factory() as db:
        effective = read_effective(db, shipped)
    assert effective.entries["program:kosme-smart-factory"] == edited
    assert effective.entries["vendor:tilon"] == shipped.kb.entries["vendor:tilon"]
    assert [(p.field, p.message) for p in effective.problems] == [("sources.0.quote",
                                                                   "quote does not occur in the seed")]
    assert next(m for m in effective.mentors if m.slug == "sample-field-kim").weekly_capacity == 9
    assert set(effective.entries) == set(shipped.kb.entries)
    assert effective.revision > 0


def test_partner_versions_are_written_with_the_partner(factory: sessionmaker[Session]) -> None:
    service = PartnerService(factory)
    # A partner registered on the command line, before any admin edit.
    service.save(Partner(key="daejeon-center", name="대전센터", title="상담 창", greeting="안녕하세요",
                         allowed_origins=["https://portal.example.kr"]))
    data = {**service.listing("daejeon-center").partner.model_dump(mode="json"), "title": "디지털전환 상담"}
    saved = service.edit(data, item_id="daejeon-center", author=KIM, base_version=0)
    assert saved is not None and saved.version == 1
    assert service.get("daejeon-center").title == "디지털전환 상담"  # type: ignore[union-attr]
    assert service.edit(data, item_id="daejeon-center", author=KIM, base_version=1) is None
    restored = service.restore("daejeon-center", 0, author=LEE)
    assert restored.version == 2 and restored.action == Action.RESTORE
    assert service.get("daejeon-center").title == "상담 창"  # type: ignore[union-attr]
    assert [v.action for v in service.history("daejeon-center")] == [Action.RESTORE, Action.EDIT, Action.ORIGINAL]
