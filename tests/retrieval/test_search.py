"""Ranking, names first, filters, passages with citations, and abstention."""

import pytest

from application.runtime import Runtime
from knowledge.schema import Entry
from knowledge.vocabulary import Region


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("내일채움공제 아직 들 수 있나요?", "program:kosme-youth-tomorrow-fund"),
        ("스마트공장 지원 받고 싶어요", "program:kosme-smart-factory"),
        ("KISTI에서 멘토링 해준다던데", "program:kisti-knowledge-mentoring"),
        ("DaaS 도입하려면 어떻게 해요", "program:kasdi-daas-remote-work"),
        ("스타트업96 입주 조건", "program:daejeon-startup96"),
        ("알서포트랑 상담하고 싶어요", "vendor:rsupport"),
        ("smart factory support", "program:kosme-smart-factory"),
    ],
)
def test_exact_name_or_alias_ranks_first(runtime: Runtime, query: str, expected: str) -> None:
    response = runtime.retriever.search(query)
    assert response.results[0].id == expected
    assert response.results[0].matched_alias
    assert response.answerable


def test_alias_inside_another_word_is_not_a_hit(runtime: Runtime) -> None:
    response = runtime.retriever.search("as 받으려면 어디에 연락해요?")
    assert all(r.matched_alias is None or r.matched_alias.lower() != "as" for r in response.results)


@pytest.mark.parametrize(
    "query",
    [
        "소상공인 손실보상금 얼마 받아요?",
        "법인세 신고 기한이 언제예요?",
        "최저임금 올해 얼마예요?",
        "What is the VAT filing deadline?",
    ],
)
def test_questions_the_kb_does_not_cover_abstain(runtime: Runtime, query: str) -> None:
    assert runtime.retriever.search(query).answerable is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("직원들이 집에서 일할 수 있게 하고 싶어요", "program:kasdi-daas-remote-work"),
        ("회사 파일이 밖으로 새나갈까 봐 걱정돼요", "vendor:softcamp"),
        ("코로나 때문에 매출이 반토막 나서 버티기 힘들어요", "program:kosme-emergency-fund"),
    ],
)
def test_paraphrased_needs_find_their_entry(runtime: Runtime, query: str, expected: str) -> None:
    response = runtime.retriever.search(query, k=3)
    assert expected in [r.id for r in response.results]
    assert response.answerable


def test_results_are_distinct_entries_with_passage_and_citation(runtime: Runtime) -> None:
    response = runtime.retriever.search("스마트공장 유지보수 A/S", k=10)
    ids = [r.id for r in response.results]
    assert len(ids) == len(set(ids)) == 10
    for result in response.results:
        entry = runtime.kb.entries[result.id]
        assert result.passage
        assert (result.seed, result.quote) == (entry.sources[0].seed, entry.sources[0].quote)
        assert entry.sources[0].quote in result.source and result.seed not in result.source
        assert result.source_url is not None and result.source_url.startswith("/sources/")
    assert response.results == sorted(response.results, key=lambda r: r.matched_alias is None)


def test_kind_filter(runtime: Runtime) -> None:
    response = runtime.retriever.search("보안이 걱정돼요", kind="vendor")
    assert response.results
    assert all(r.id.startswith("vendor:") for r in response.results)


def test_entry_filter_on_eligibility(runtime: Runtime) -> None:
    def outside_daejeon(entry: Entry) -> bool:
        regions = entry.eligibility.regions
        return not regions or Region.BUSAN in regions

    response = runtime.retriever.search("해외 온라인 쇼핑몰 입점하고 싶어요", k=10, entry_filter=outside_daejeon)
    assert all(not r.id.startswith("program:daejeon-") for r in response.results)


def test_blank_query_is_not_answerable(runtime: Runtime) -> None:
    response = runtime.retriever.search("   ")
    assert response.answerable is False
    assert response.results == []
