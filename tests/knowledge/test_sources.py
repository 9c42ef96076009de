"""Seed metadata beside the seeds (knowledge/seeds/sources.yaml), checked against the seed
texts, and citations that never show a file name."""

import re

from knowledge.loader import DEFAULT_SEEDS_DIR
from knowledge.sources import load_sources, readable_citation


def test_every_seed_is_described_and_the_description_is_in_its_text() -> None:
    catalogue = load_sources()
    seeds = sorted(p.name for p in DEFAULT_SEEDS_DIR.glob("*.txt"))
    assert sorted(catalogue.sources) == seeds
    for seed, info in catalogue.sources.items():
        text = (DEFAULT_SEEDS_DIR / seed).read_text(encoding="utf-8")
        if info.title:
            assert info.title in text, seed
        if info.publisher:
            assert info.publisher in text, seed
    slugs = [info.slug for info in catalogue.sources.values()]
    assert len(set(slugs)) == len(slugs)


def test_a_citation_reads_as_publisher_year_and_headline() -> None:
    assert readable_citation("000_29ead96a7137f035.txt", "이노베이션 멘토") == (
        "중앙일보, 2009: 「퇴직한 IT 전문가, 중기 혁신 조언자 된다」 — “이노베이션 멘토”")
    assert readable_citation("002_4d83a6c6a1d2a0ad.txt", "진흥원", "en") == "중도일보, 2020 article — “진흥원”"
    assert readable_citation("999_unknown.txt", "x") == "출처 자료 — “x”"


def test_no_citation_shows_a_file_name_or_the_word_seed() -> None:
    for seed in load_sources().sources:
        for lang in ("ko", "en"):
            shown = readable_citation(seed, "인용", lang)
            assert not re.search(r"\d{3}_[0-9a-f]+|\.txt|시드|seed", shown), shown
