"""Submitted content gets exactly the checks the files get: the same fields and messages
as `intake kb validate` (and the roster loader) report, each explained in Korean."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from application.catalog.errors import InvalidItem
from application.catalog.validation import check_entry, check_mentor
from knowledge.loader import DEFAULT_SEEDS_DIR, load_knowledge_base
from knowledge.roster import load_roster
from prompts.admin import load_admin_prompts
from tests.catalog.conftest import shipped_entry


def _problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(InvalidItem) as raised:
        check_entry(data, seeds_dir=DEFAULT_SEEDS_DIR)
    return [(p.field, p.message) for p in raised.value.problems]


def _as_validate_reports(data: dict[str, Any], tmp_path: Path) -> list[tuple[str, str]]:
    """What `intake kb validate` says about the same content written as an entry file."""
    folder = tmp_path / "entries" / "programs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{data['slug']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _, problems = load_knowledge_base(tmp_path / "entries", DEFAULT_SEEDS_DIR, strict=False)
    return [(p.field, p.message) for p in problems]


def test_schema_problems_name_their_fields_as_the_validator_does(tmp_path: Path) -> None:
    data = shipped_entry("program:kosme-smart-factory")
    data["summary"]["ko"] = ""
    data["eligibility"]["employees_min"] = "스무 명"
    data["eligibility"]["conditions"][1]["en"] = ""
    data["sources"][2] = {"seed": "001_a2cb842997b38146.txt"}
    data["support_types"].append("banking")
    found = _problems(data)
    assert {field for field, _ in found} == {"summary.ko", "eligibility.employees_min",
                                            "eligibility.conditions.1.en", "sources.2.quote", "support_types.3"}
    assert found == _as_validate_reports(data, tmp_path)


def test_checks_beyond_the_schema_are_the_loaders(tmp_path: Path) -> None:
    data = shipped_entry("program:kosme-smart-factory")
    data["sources"][1]["quote"] = data["sources"][1]["quote"].replace("유지보수", "유지 보수")
    data["sources"][2]["seed"] = "999_missing.txt"
    data["eligibility"]["employees_min"], data["eligibility"]["employees_max"] = 50, 10
    found = _problems(data)
    assert found == [("eligibility", "Value error, employees_min is larger than employees_max")]
    assert found == _as_validate_reports(data, tmp_path)
    data["eligibility"]["employees_min"] = None
    found = _problems(data)
    assert found == [("sources.1.quote", "quote does not occur in the seed"),
                     ("sources.2.seed", "no seed file '999_missing.txt'")]
    assert found == _as_validate_reports(data, tmp_path)


def test_every_problem_is_explained_in_korean() -> None:
    data = shipped_entry("program:kosme-smart-factory")
    data["slug"] = "Smart Factory"
    data["name"] = {"ko": "스마트공장"}
    data["sources"][0]["quote"] = "없는 문장이에요 정말로"
    data["aliases"] = ["스마트공장", " "]
    with pytest.raises(InvalidItem) as raised:
        check_entry(data, seeds_dir=DEFAULT_SEEDS_DIR)
    prompts = load_admin_prompts()
    explained = {p.field: prompts.explain(p.code, p.message) for p in raised.value.problems}
    assert explained == {
        "slug": "영문 소문자, 숫자, 하이픈(-) 하나씩만 쓸 수 있어요. 예) smart-factory",
        "name.en": "꼭 채워야 하는 칸이에요.",
        "aliases": "빈 항목이 있어요. 지우거나 채워 주세요.",
    }


def test_a_mentor_is_checked_against_the_whole_roster() -> None:
    roster = {m.slug: m for m in load_roster()[0]}
    kb, _ = load_knowledge_base()
    tags = {tag for entry in kb.entries.values() for tag in entry.capability_tags}
    kim = roster["sample-field-kim"].model_dump(mode="json")
    with pytest.raises(InvalidItem) as raised:
        check_mentor({**kim, "lead": "sample-field-han", "expertise": ["cloud", "quantum"]}, roster=roster,
                     known_tags=tags)
    assert [(p.field, p.message) for p in raised.value.problems] == [
        ("lead", "'sample-field-han' is tier 1, not 2"), ("expertise.1", "unknown tag 'quantum'")]
    with pytest.raises(InvalidItem) as raised:
        check_mentor({**kim, "lead": None}, roster=roster, known_tags=tags)
    assert [(p.field, p.code) for p in raised.value.problems] == [("(mentor)", "value_error")]
    # Demoting a lead breaks the field mentors under them: those problems name them.
    lead = roster["sample-lead-capital"].model_dump(mode="json")
    with pytest.raises(InvalidItem) as raised:
        check_mentor({**lead, "tier": 3}, roster=roster, known_tags=tags)
    assert {p.field for p in raised.value.problems} == {"mentor:sample-field-kim: lead", "mentor:sample-field-choi: lead"}
