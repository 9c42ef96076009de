"""The shipped knowledge base is complete, valid, and every quote is really in its seed."""

import pytest

from knowledge.loader import DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR, load_knowledge_base
from knowledge.required import REQUIRED_IDS
from tests.conftest import SHARED_SEEDS


def test_shipped_kb_is_valid_and_complete() -> None:
    kb, problems = load_knowledge_base(DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR, strict=False)
    assert [str(p) for p in problems] == []
    assert [i for i in REQUIRED_IDS if i not in kb.entries] == []


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is only beside a checkout")
def test_shipped_seed_copies_are_the_originals() -> None:
    originals = sorted(p.name for p in SHARED_SEEDS.glob("*.txt"))
    assert originals == sorted(p.name for p in DEFAULT_SEEDS_DIR.glob("*.txt"))
    for name in originals:
        assert (SHARED_SEEDS / name).read_bytes() == (DEFAULT_SEEDS_DIR / name).read_bytes()


def test_every_quote_occurs_in_the_original_seed() -> None:
    seeds_dir = SHARED_SEEDS if SHARED_SEEDS.is_dir() else DEFAULT_SEEDS_DIR
    kb, _ = load_knowledge_base(DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR)
    missing = [
        (entry.id, source.quote)
        for entry in kb.entries.values()
        for source in entry.sources
        if source.quote not in (seeds_dir / source.seed).read_text(encoding="utf-8")
    ]
    assert missing == []


def test_every_entry_has_korean_and_english_and_an_alias() -> None:
    kb, _ = load_knowledge_base(DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR)
    for entry in kb.entries.values():
        assert any("가" <= ch <= "힣" for ch in entry.summary.ko), entry.id
        assert entry.summary.en.isascii() or entry.summary.en, entry.id
        assert entry.aliases, f"{entry.id} has no aliases"
