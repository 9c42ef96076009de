"""BM25 terms come from mecab-ko morphemes: content words and stems, not particles or endings;
a compound written together matches its words written apart, and a word mecab-ko splits into
pieces still matches whole."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from korean.morphs import analyse
from retrieval.tokenize import terms


@pytest.mark.parametrize(("together", "apart"), [
    ("재택근무하고싶은데 어떻게 해야 하나요?", "재택 근무 하고 싶은데 어떻게 해야 하나요?"),
    ("스마트공장지원사업이 뭐예요", "스마트 공장 지원 사업이 뭐예요"),
])
def test_a_compound_matches_its_words_written_apart(together: str, apart: str) -> None:
    assert set(terms(apart)) <= set(terms(together))


def test_a_word_the_dictionary_splits_is_also_a_term_whole() -> None:
    # mecab-ko-dic lacks both: 엑 + 셀, 저 + 장소.
    found = terms("엑셀 말고 제대로 된 저장소에 넣고 싶어요")
    assert {"엑셀", "저장소"} <= set(found)


def test_particles_endings_and_common_stems_are_not_terms() -> None:
    assert terms("전산 담당 직원이 혼자 헤매요") == ["전산", "담당", "직원", "혼자", "헤매"]
    assert terms("있어요 했어요 좋아요") == []


def test_a_one_syllable_suffix_of_a_compound_is_not_a_term() -> None:
    assert "가" not in terms("경험 많은 IT 전문가가 와서")
    assert "전문" in terms("경험 많은 IT 전문가가 와서")


def test_english_is_lowercased_words() -> None:
    assert terms("DaaS remote work for SMEs, 2024") == ["daas", "remote", "work", "for", "smes", "2024"]


@given(st.text(alphabet=st.sampled_from("가나다라마바사아자차카타파하은는이가을를 .,?!ab1"), max_size=40))
def test_every_term_is_a_morpheme_or_a_piece_of_the_text(text: str) -> None:
    morphemes = {form.lower() for m in analyse(text) for form, _ in (m.parts or ((m.surface, m.tag),))}
    assert all(term in morphemes or term in text.lower() for term in terms(text))
