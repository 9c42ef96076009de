"""The mentor roster: the shipped sample is valid and labelled, problems name the file and
the field, and JSON Lines import/export round-trips."""

from pathlib import Path

import pytest

from assistant.decision.needs import load_lexicon
from knowledge.loader import load_knowledge_base
from knowledge.roster import (
    DEFAULT_MENTORS_DIR,
    RosterError,
    load_roster,
    mentor_yaml,
    parse_roster_jsonl,
    roster_to_jsonl,
    write_mentor,
)

KB, _ = load_knowledge_base()
KNOWN_TAGS = {t for e in KB.entries.values() for t in e.capability_tags}


def test_shipped_roster_is_a_valid_labelled_sample_with_all_tiers() -> None:
    roster, problems = load_roster(strict=False, known_tags=KNOWN_TAGS)
    assert [str(p) for p in problems] == []
    assert 10 <= len(roster) <= 15
    assert {m.tier for m in roster} == {1, 2, 3}
    for mentor in roster:
        assert mentor.sample and "예시" in mentor.name.ko and "Sample" in mentor.name.en
        text = (DEFAULT_MENTORS_DIR / f"{mentor.slug}.yaml").read_text(encoding="utf-8")
        assert "sample: true" in text
    leads = {m.slug for m in roster if m.tier == 2}
    assert all(m.lead in leads for m in roster if m.tier == 1)


def test_need_lexicon_speaks_the_knowledge_base_vocabulary() -> None:
    assert load_lexicon().all_tags() <= KNOWN_TAGS


def test_jsonl_round_trip(tmp_path: Path) -> None:
    roster, _ = load_roster()
    text = "\n".join(roster_to_jsonl(roster)) + "\n"
    again, problems = parse_roster_jsonl(text, "roster.jsonl", KNOWN_TAGS)
    assert problems == []
    assert sorted(again, key=lambda m: m.slug) == roster
    assert "\n".join(roster_to_jsonl(again)) + "\n" == text
    for mentor in again:
        write_mentor(tmp_path / "mentors", mentor)
    reloaded, _ = load_roster(tmp_path / "mentors")
    assert reloaded == roster


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_problems_name_the_file_and_the_field(tmp_path: Path) -> None:
    roster, _ = load_roster()
    folder = tmp_path / "mentors"
    field = next(m for m in roster if m.tier == 1)
    _write(folder, "orphan.yaml", mentor_yaml(field.model_copy(update={"slug": "orphan", "lead": "nobody"})))
    _write(folder, "bad-tier.yaml", mentor_yaml(field.model_copy(update={"slug": "bad-tier"})).replace("tier: 1", "tier: 4"))
    _write(folder, "wrong-name.yaml", mentor_yaml(field))
    _write(folder, "odd-tag.yaml", mentor_yaml(field.model_copy(update={"slug": "odd-tag", "lead": None, "tier": 3,
                                                                       "expertise": ["juggling"]})))
    with pytest.raises(RosterError) as error:
        load_roster(folder, known_tags=KNOWN_TAGS)
    messages = [str(p) for p in error.value.problems]
    assert any(m.startswith("mentors/orphan.yaml: lead: no mentor 'nobody'") for m in messages)
    assert any(m.startswith("mentors/bad-tier.yaml: tier:") for m in messages)
    assert any(m.startswith("mentors/wrong-name.yaml: slug: file name must be") for m in messages)
    assert any(m.startswith("mentors/odd-tag.yaml: expertise.0: unknown tag 'juggling'") for m in messages)


def test_tier_rules_and_sample_labels_are_checked() -> None:
    lines = [
        '{"slug": "no-lead", "name": {"ko": "김", "en": "Kim"}, "tier": 1, "weekly_capacity": 3}',
        '{"slug": "lead-lead", "name": {"ko": "이", "en": "Lee"}, "tier": 2, "lead": "x", "weekly_capacity": 3}',
        '{"slug": "fake", "name": {"ko": "박", "en": "Park"}, "tier": 3, "weekly_capacity": 3, "sample": true}',
        '{"slug": "bad-lead", "name": {"ko": "최", "en": "Choi"}, "tier": 1, "lead": "top", "weekly_capacity": 1}',
        '{"slug": "top", "name": {"ko": "정", "en": "Jeong"}, "tier": 3, "weekly_capacity": 1}',
    ]
    mentors, problems = parse_roster_jsonl("\n".join(lines), "import.jsonl")
    messages = [str(p) for p in problems]
    assert any(m.startswith("import.jsonl:1:") and "tier-2 lead" in m for m in messages)
    assert any(m.startswith("import.jsonl:2:") and "only tier-1" in m for m in messages)
    assert any(m.startswith("import.jsonl:3:") and "예시" in m for m in messages)
    assert any(m.startswith("import.jsonl:4: lead:") and "not 2" in m for m in messages)
    assert {m.slug for m in mentors} == {"bad-lead", "top"}
