"""The history's field-by-field changes between two versions."""

from application.catalog.changes import FieldChange, field_changes


def test_changed_added_and_removed_fields_are_named_by_path() -> None:
    before = {"name": {"ko": "스마트공장", "en": "Smart factory"}, "tags": ["ai", "cloud"],
              "sources": [{"seed": "001", "quote": "옛 문장"}], "alias": "SF"}
    after = {"name": {"ko": "스마트공장 지원", "en": "Smart factory"}, "tags": ["ai", "cloud", "data"],
             "sources": [{"seed": "001", "quote": "새 문장"}, {"seed": "002", "quote": "더한 문장"}], "note": "새 메모"}
    assert field_changes(before, after) == [
        FieldChange(field="name.ko", before="스마트공장", after="스마트공장 지원"),
        FieldChange(field="tags", before="ai, cloud", after="ai, cloud, data"),
        FieldChange(field="sources.1.quote", before="옛 문장", after="새 문장"),
        FieldChange(field="sources.2.seed", before=None, after="002"),
        FieldChange(field="sources.2.quote", before=None, after="더한 문장"),
        FieldChange(field="note", before=None, after="새 메모"),
        FieldChange(field="alias", before="SF", after=None),
    ]


def test_the_same_content_has_no_changes_and_empty_counts_as_absent() -> None:
    content = {"name": {"ko": "멘토"}, "regions": [], "note": ""}
    assert field_changes(content, dict(content)) == []
    assert field_changes({"name": {"ko": "멘토"}}, content) == []
