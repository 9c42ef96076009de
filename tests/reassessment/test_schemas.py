"""The form's server-side check and T1's scoring, as properties: any 0–5 level (or unknown) per
dimension is accepted and scored exactly as the intake scores it; anything else, a missing
dimension or an empty or too long summary is refused and named by its form field."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.reassessment.errors import InvalidReassessment
from application.reassessment.schemas import DimensionChange, parse_input
from application.reassessment.scores import after_scores
from assistant.decision.readiness import LEVEL_DIMENSIONS, dimension_scores

levels = st.fixed_dictionaries({d: st.one_of(st.none(), st.integers(0, 5)) for d in LEVEL_DIMENSIONS})
summaries = st.text(min_size=1, max_size=200).filter(lambda s: s.strip())


@given(levels, summaries)
def test_every_level_on_the_intake_scale_is_accepted_and_scored_like_the_intake(chosen: dict[str, int | None],
                                                                                  summary: str) -> None:
    entry = parse_input({"levels": chosen, "summary": summary})
    assert entry.levels == chosen and entry.summary.strip() == summary.strip()
    intake = dimension_scores({f"readiness.{d}": v for d, v in chosen.items() if v is not None})
    assert after_scores(entry.levels) == {d: intake[d] for d in LEVEL_DIMENSIONS}
    assert all(score is None or score == 20 * (chosen[d] or 0) for d, score in after_scores(entry.levels).items())


@given(st.sampled_from(LEVEL_DIMENSIONS), st.one_of(st.integers(max_value=-1), st.integers(min_value=6),
                                                    st.text(min_size=1).filter(lambda s: not s.isdigit())))
def test_a_level_off_the_scale_is_refused_by_its_field(dimension: str, bad: int | str) -> None:
    chosen: dict[str, object] = dict.fromkeys(LEVEL_DIMENSIONS, 1)
    chosen[dimension] = bad
    with pytest.raises(InvalidReassessment) as refused:
        parse_input({"levels": chosen, "summary": "요약"})
    assert set(refused.value.fields) == {f"level_{dimension}"}


def test_missing_dimensions_empty_and_long_summaries_and_extra_fields_are_refused() -> None:
    all_levels = dict.fromkeys(LEVEL_DIMENSIONS, 2)
    cases: list[tuple[dict[str, object], set[str]]] = [
        ({"levels": {d: 2 for d in LEVEL_DIMENSIONS[1:]}, "summary": "요약"}, {f"level_{LEVEL_DIMENSIONS[0]}"}),
        ({"levels": {LEVEL_DIMENSIONS[0]: 9}, "summary": ""},
         {"summary", *(f"level_{d}" for d in LEVEL_DIMENSIONS)}),
        ({"levels": {**all_levels, "quantum": 3}, "summary": "요약"}, {"levels"}),
        ({"levels": all_levels, "summary": "   "}, {"summary"}),
        ({"levels": all_levels, "summary": "가" * 4001}, {"summary"}),
        ({"levels": all_levels, "summary": "요약", "score": 100}, {"score"}),
        ({"levels": all_levels, "summary": "요약", "programs_applied": ["x" * 101]}, {"programs"}),
    ]
    for data, fields in cases:
        with pytest.raises(InvalidReassessment) as refused:
            parse_input(data)
        assert set(refused.value.fields) == fields, data


def test_programs_are_kept_once_in_the_order_given() -> None:
    entry = parse_input({"levels": dict.fromkeys(LEVEL_DIMENSIONS), "summary": "요약",
                         "programs_applied": ["program:b", "program:a", "program:b"]})
    assert entry.programs_applied == ["program:b", "program:a"]


@given(st.one_of(st.none(), st.integers(0, 100)), st.one_of(st.none(), st.integers(0, 100)), st.booleans())
def test_a_change_exists_only_between_two_known_scores_of_a_reassessed_dimension(
        before: int | None, after: int | None, reassessed: bool) -> None:
    change = DimensionChange(dimension="cloud", before=before, after=after, reassessed=reassessed)
    if reassessed and before is not None and after is not None:
        assert change.delta == after - before
    else:
        assert change.delta is None


def test_each_unanswered_dimension_is_named_beside_a_level_off_the_scale() -> None:
    with pytest.raises(InvalidReassessment) as refused:
        parse_input({"levels": {"cloud": 9, "ai": 1, "data": 2}, "summary": "요약"})
    assert refused.value.fields == {"level_cloud": "less_than_equal", "level_blockchain": "missing",
                                    "level_security": "missing"}
