"""Validation reports every problem as `file: field: message`."""

from pathlib import Path

import pytest
import yaml

from knowledge.loader import KnowledgeBaseError, load_knowledge_base

SEED = "000_29ead96a7137f035.txt"
QUOTE = "해당 중소기업은 이들을 비용 부담 없이 이용할 수 있다."


def valid_entry(slug: str = "sample", kind: str = "program") -> dict[str, object]:
    text = {"ko": "한국어 문장이에요.", "en": "An English sentence."}
    return {
        "slug": slug,
        "kind": kind,
        "name": text,
        "operator": text,
        "summary": text,
        "body": text,
        "sources": [{"seed": SEED, "quote": QUOTE}],
    }


def write(root: Path, relative: str, data: object) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


@pytest.fixture
def entries_dir(tmp_path: Path) -> Path:
    return tmp_path / "entries"


def problems_of(entries_dir: Path) -> list[str]:
    from knowledge.loader import DEFAULT_SEEDS_DIR

    _, problems = load_knowledge_base(entries_dir, DEFAULT_SEEDS_DIR, strict=False)
    return [str(p) for p in problems]


def test_a_valid_entry_loads(entries_dir: Path) -> None:
    write(entries_dir, "programs/sample.yaml", valid_entry())
    assert problems_of(entries_dir) == []


def test_missing_field_names_file_and_field(entries_dir: Path) -> None:
    data = valid_entry()
    del data["summary"]
    write(entries_dir, "programs/sample.yaml", data)
    assert problems_of(entries_dir) == ["entries/programs/sample.yaml: summary: Field required"]


def test_unknown_enum_value_is_reported(entries_dir: Path) -> None:
    data = valid_entry()
    data["eligibility"] = {"regions": ["atlantis"]}
    write(entries_dir, "programs/sample.yaml", data)
    [problem] = problems_of(entries_dir)
    assert problem.startswith("entries/programs/sample.yaml: eligibility.regions.0: Input should be")


def test_several_problems_are_all_reported(entries_dir: Path) -> None:
    data = valid_entry(slug="Bad Slug")
    data["support_types"] = ["money"]
    data["eligibility"] = {"employees_min": 50, "employees_max": 10}
    write(entries_dir, "programs/sample.yaml", data)
    fields = sorted(p.split(": ")[1] for p in problems_of(entries_dir))
    assert fields == ["eligibility", "slug", "support_types.0"]


def test_quote_must_occur_in_seed(entries_dir: Path) -> None:
    data = valid_entry()
    data["sources"] = [{"seed": SEED, "quote": "이 문장은 기사에 없는 지어낸 문장이에요."}]
    write(entries_dir, "programs/sample.yaml", data)
    assert problems_of(entries_dir) == [
        "entries/programs/sample.yaml: sources.0.quote: quote does not occur in the seed"
    ]


def test_unknown_seed_file(entries_dir: Path) -> None:
    data = valid_entry()
    data["sources"] = [{"seed": "999_missing.txt", "quote": QUOTE}]
    write(entries_dir, "programs/sample.yaml", data)
    assert problems_of(entries_dir) == ["entries/programs/sample.yaml: sources.0.seed: no seed file '999_missing.txt'"]


def test_file_name_must_match_slug(entries_dir: Path) -> None:
    write(entries_dir, "programs/other-name.yaml", valid_entry())
    assert problems_of(entries_dir) == ["entries/programs/other-name.yaml: slug: file name must be 'sample.yaml'"]


def test_duplicate_ids_are_reported(entries_dir: Path) -> None:
    write(entries_dir, "programs/sample.yaml", valid_entry())
    write(entries_dir, "more/sample.yaml", valid_entry())
    [problem] = problems_of(entries_dir)
    assert "slug: 'program:sample' is also defined in" in problem


def test_broken_yaml_and_non_mapping(entries_dir: Path) -> None:
    write(entries_dir, "programs/broken.yaml", "slug: [unclosed\n")
    write(entries_dir, "programs/list.yaml", "- a\n- b\n")
    found = problems_of(entries_dir)
    assert "entries/programs/list.yaml: (file): expected a mapping of fields" in found
    assert any(p.startswith("entries/programs/broken.yaml: (file): not valid YAML") for p in found)


def test_strict_loading_raises_with_all_problems(entries_dir: Path) -> None:
    from knowledge.loader import DEFAULT_SEEDS_DIR

    data = valid_entry()
    del data["name"]
    write(entries_dir, "programs/sample.yaml", data)
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(entries_dir, DEFAULT_SEEDS_DIR)
    assert "name: Field required" in str(raised.value)
