"""Every reason that states a program fact cites a seed sentence that really is in the seed."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from assistant.decision.brief import NeedsBrief, build_brief
from assistant.decision.evidence import best_quote
from assistant.state import SlotValue
from knowledge.loader import DEFAULT_SEEDS_DIR, load_knowledge_base
from knowledge.roster import load_roster
from knowledge.sources import source_label, source_url
from tests.decision.helpers import FixedSearch, answered

KB, _ = load_knowledge_base()
ROSTER, _ = load_roster()

FIRMS = {
    "factory": answered(company__industry="manufacturing", company__region="gyeongnam", company__employees=60,
                        company__founded_year=2001, needs__goals="설비 고장을 미리 알고, 불량을 줄이고 싶어요",
                        costs__pressures="유지보수 비용", needs__support_types=["technology", "consulting"],
                        readiness__data=2, readiness__security=0),
    "shop": answered(company__industry="retail_ecommerce", company__region="seoul", company__employees=4,
                     company__founded_year=2022, needs__goals="I want to sell overseas online",
                     costs__funding_need="operating", staffing__hiring_difficulty=True),
    "founder": answered(company__region="daejeon", company__stage="pre_founder", company__employees=0,
                        needs__goals="사무실이 필요하고 멘토를 만나고 싶어요", needs__support_types=["space", "mentoring"]),
}


def brief_for(slots: dict[str, SlotValue], lang: str) -> NeedsBrief:
    search = FixedSearch([e.id for e in KB.entries.values()])
    return build_brief(slots=slots, lang=lang, session_id="s1", case_id="c1",  # type: ignore[arg-type]
                       created_at=datetime(2025, 5, 1, tzinfo=UTC), partner=None, consent_given_at=None,
                       consent_text_version=None, kb=KB, search=search, roster=ROSTER, open_load={})


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("firm", sorted(FIRMS))
def test_cited_quotes_occur_in_their_seed_articles_named_as_a_person_reads_them(firm: str, lang: str) -> None:
    brief = brief_for(FIRMS[firm], lang)
    cited = [c for p in brief.programs for c in p.citations] + [c for v in brief.vendors for c in v.citations]
    assert cited
    for citation in cited:
        entry = KB.entries[citation.id]
        seed = next(s.seed for s in entry.sources if s.quote == citation.quote)
        assert citation.quote in (DEFAULT_SEEDS_DIR / seed).read_text(encoding="utf-8"), citation
        assert citation.source == source_label(seed, lang)
        assert citation.url is not None
        url = urlsplit(citation.url)
        assert url.path == source_url(seed)
        assert parse_qs(url.query) == {"q": [citation.quote], "lang": [lang]}
    assert ".txt" not in brief.model_dump_json()


def test_a_brief_stored_with_seed_file_citations_reads_in_the_new_shape() -> None:
    """Briefs of schema 1.0 said "<seed file>: <quote>"; loading one must not show the file."""
    brief = brief_for(FIRMS["factory"], "en")
    stored = brief.model_dump(mode="json")
    entry_source = KB.entries[brief.programs[0].id].sources[0]
    stored["schema_version"] = "1.0"
    stored["programs"][0]["citations"] = [{"id": brief.programs[0].id, "reason": 0,
                                           "source": f"{entry_source.seed}: {entry_source.quote}"}]
    loaded = NeedsBrief.model_validate(stored)
    assert loaded.schema_version == "1.1"
    [citation] = loaded.programs[0].citations
    assert (citation.source, citation.quote) == (source_label(entry_source.seed, "en"), entry_source.quote)
    assert citation.reason == 0 and citation.url and citation.url.startswith(str(source_url(entry_source.seed)))
    assert ".txt" not in loaded.model_dump_json()


@pytest.mark.parametrize("firm", sorted(FIRMS))
def test_every_program_reason_carries_a_citation_of_its_own_program(firm: str) -> None:
    brief = brief_for(FIRMS[firm], "ko")
    for program in brief.programs:
        assert program.reasons, program.id
        assert {c.reason for c in program.citations} == set(range(len(program.reasons))), program.id
        assert {c.id for c in program.citations} == {program.id}


def test_the_quote_chosen_is_the_one_most_related_to_the_reason() -> None:
    entry = KB.entries["program:kasdi-daas-remote-work"]
    assert "MZ" in best_quote(entry, ["채용", "MZ 세대", "입사"]).quote
    assert "보안" in best_quote(entry, ["보안", "security"]).quote
    assert best_quote(entry, []) == entry.sources[0]
