"""The shared linguistic layer: clauses and the markers that govern them, decided on
morphemes and word boundaries, never as substrings of the whole message."""

import pytest

from assistant.language import split_clauses
from assistant.language.spelling import readable, respace, respell


def only(text: str):  # type: ignore[no-untyped-def]
    clauses = split_clauses(text)
    assert len(clauses) == 1, clauses
    return clauses[0]


@pytest.mark.parametrize("text", [
    "현실은 좀 어려워요", "진실은 아무도 몰라요", "사실관계를 확인하고 싶어요", "아까운 돈이 너무 많이 나가요",
    "actual costs are high", "the factual record is on paper",
])
def test_a_correction_marker_inside_a_word_is_not_one(text: str) -> None:
    assert all(not c.correction for c in split_clauses(text))


@pytest.mark.parametrize("text", [
    "실은 직원이 더 있어요", "사실은 창업을 2016년에 했어요", "아까 말한 예산이 틀렸어요", "아 참, 지역은 청주예요",
    "정정할게요 매출은 20억이에요", "actually we are in Incheon", "wait, the budget is lower", "I meant twelve people",
])
def test_correction_markers_are_found_where_they_stand(text: str) -> None:
    assert any(c.correction for c in split_clauses(text))


@pytest.mark.parametrize("text", [
    "클라우드는 안 써요", "보안은 신경을 못 썼어요", "그런 시스템은 없어요", "사용하지 않아요", "저희는 해당이 아니에요",
    "we don't use it", "not at all", "nah", "대출은 정중히 사양할게요", "교육은 됐어요", "아직이요",
])
def test_negation_is_read_on_morphemes(text: str) -> None:
    assert any(c.negated for c in split_clauses(text))


@pytest.mark.parametrize("text", [
    "문제 없어요", "상관없어요", "없으면 안 돼요", "빠짐없이 다 써요", "시안을 만들어요", "no problem at all",
    "the investment in equipment", "모든 업무에 써요",
])
def test_positive_phrases_with_negative_words_are_not_negations(text: str) -> None:
    assert all(not c.negated for c in split_clauses(text))


@pytest.mark.parametrize("text", [
    "카페에서 재택이 어딨어요", "공장에서 원격은 무슨", "혼자인데 전산 직원이 있겠어요?", "농사를 집에서 짓나요 ㅋㅋ",
    "그럴 리가요", "말도 안 돼요",
])
def test_rhetorical_questions_deny(text: str) -> None:
    clauses = split_clauses(text)
    assert any(c.denies for c in clauses) and not any(c.question and c.rhetorical for c in clauses)


@pytest.mark.parametrize(("text", "hedged"), [
    ("한 20명 정도요", True), ("대략 3억", True), ("5천쯤", True), ("아마 2010년일 거예요", True),
    ("about 40 people", True), ("maybe 5 mil won", True), ("20-odd years", True), ("12명이요", False),
    ("정확히 30명", False),
])
def test_hedges(text: str, hedged: bool) -> None:
    assert any(c.hedged for c in split_clauses(text)) is hedged


@pytest.mark.parametrize(("text", "dont_know"), [
    ("잘 모르겠어요", True), ("글쎄요", True), ("I'm not sure", True), ("no idea", True), ("기억이 안 나요", True),
    ("뭐부터 손대야 할지 모르겠어요", False), ("어떻게 시작할지 몰라서요", False), ("글쎄요 해 보고 싶긴 해요", False),
    ("12명이요", False),
])
def test_dont_know_applies_to_its_own_clause_only(text: str, dont_know: bool) -> None:
    assert any(c.dont_know for c in split_clauses(text)) is dont_know


def test_a_dont_know_clause_leaves_the_facts_before_it_alone() -> None:
    first, second = split_clauses("인천에서 직원 8명으로 가구 만드는데, 어디서부터 해야 할지 모르겠어요")
    assert not first.dont_know and "company.employees" in first.topics
    assert not second.dont_know


@pytest.mark.parametrize(("text", "times"), [
    ("작년엔 9명이었는데 지금은 13명이에요", ["past", "current"]),
    ("예전에는 매출이 10억이었고 요즘은 6억 정도", ["past", "current"]),
    ("last year 40 people, now 35", ["past", "current"]),
    ("직원은 7명이에요", [None]),
])
def test_time_reference_per_clause(text: str, times: list[str | None]) -> None:
    found = [c.time for c in split_clauses(text)]
    assert found == times or set(times) <= set(found)


def test_numbers_with_separators_are_not_split() -> None:
    assert [c.text for c in split_clauses("about 1.5 million won, maybe 300,000 a month")] == [
        "about 1.5 million won", "maybe 300,000 a month"]


@pytest.mark.parametrize(("text", "echo"), [("클라우드요?", True), ("AI는요", True), ("클라우드는 안 써요", False)])
def test_echo_of_a_topic(text: str, echo: bool) -> None:
    assert only(text).echo is echo


@pytest.mark.parametrize(("text", "tentative"), [
    ("한 스무 명?", True), ("자금이랑 교육?", True), ("상담 비용은 얼마예요?", False), ("언제 연락 와요?", False),
])
def test_a_rising_end_without_a_question_word_is_a_tentative_answer(text: str, tentative: bool) -> None:
    clause = only(text)
    assert clause.question and clause.tentative is tentative


def test_sentences_without_full_stops_are_separate_clauses() -> None:
    assert len(split_clauses("그건 집에서 못 하잖아요 ㅎㅎ 사무실 두 명만 가끔 재택해요")) == 2


@pytest.mark.parametrize(("typed", "read"), [
    ("필요업어요", "필요없어요"), ("그런거 업음", "그런거 없음"), ("있겟어요", "있겠어요"), ("교육은 됏고", "교육은 됐고"),
    ("업무가 많아요", "업무가 많아요"), ("업체가 두 곳이에요", "업체가 두 곳이에요"),
])
def test_common_chat_misspellings(typed: str, read: str) -> None:
    assert respell(typed) == read


@pytest.mark.parametrize(("typed", "words"), [
    ("한달에오십만원정도요", ["오십만원", "정도요"]),
    ("이천십오년에차렸어요", ["이천십오년에", "차렸어요"]),
    ("사무직이셋이고현장이여덟이요", ["사무직이", "셋이고", "현장이", "여덟이요"]),
])
def test_missing_spaces_are_put_back_from_morphemes(typed: str, words: list[str]) -> None:
    assert all(word in respace(typed).split() for word in words if len(word) > 1)


def test_text_typed_with_spaces_is_left_as_it_is() -> None:
    assert readable("대전에서 금형 공장 해요") == "대전에서 금형 공장 해요"


@pytest.mark.parametrize("text", [
    "보안은 손을 대지 못했습니다", "서버 정리는 하지 못했어요", "백업은 챙기지 못했고요", "교육은 시키지 못했어요",
    "클라우드는 알아보지도 못했어요",
])
def test_the_auxiliary_mothada_negates(text: str) -> None:
    assert any(c.negated for c in split_clauses(text))


@pytest.mark.parametrize(("typed", "parts"), [
    ("돈이요 장기근속지원금 같은 거요 교육 같은 건 필요없어요", 3),
    ("프로그램 깔아 주는 거요 교육도 좀 해 주면 좋고요 수출은 필요없어요", 3),
    ("카페요 직원은 셋이고요", 2),
    ("사무실이요 재택은 안 해요", 2),
])
def test_a_connective_yo_followed_by_more_ends_a_sentence(typed: str, parts: int) -> None:
    assert len(split_clauses(typed)) == parts


@pytest.mark.parametrize("text", ["그때그때 대응하는 수준이에요", "필요할 때 그때그때 사요"])
def test_geuttae_geuttae_is_not_a_past_reference(text: str) -> None:
    assert all(c.time is None for c in split_clauses(text))


@pytest.mark.parametrize("text", [
    "oh and correction on headcount, it's 62", "i said 70 but it's 62 now", "small correction: we're in Busan",
    "I told you 3 but there are 4 of us",
])
def test_english_corrections_mid_sentence(text: str) -> None:
    assert any(c.correction for c in split_clauses(text))


@pytest.mark.parametrize(("text", "it_topic"), [
    ("it's 62 now", False), ("it is what it is", False), ("IT 담당은 없어요", True), ("we have no IT people", True),
])
def test_the_it_cue_is_the_acronym_not_the_pronoun(text: str, it_topic: bool) -> None:
    assert any("staffing.it_staff" in c.topics for c in split_clauses(text)) is it_topic


@pytest.mark.parametrize(("typed", "number"), [
    ("2010년에개원했고직원은열세명이에요", "열세"), ("현장직원이스물다섯명이고요", "스물다섯"), ("사무실이열둘이고현장이서른셋", "서른셋"),
])
def test_a_native_number_stays_one_word_when_spaces_are_put_back(typed: str, number: str) -> None:
    assert number in respace(typed).split() or any(w.startswith(number) for w in respace(typed).split())
