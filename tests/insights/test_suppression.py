"""Small-cell suppression as properties (hypothesis): every count under five is hidden, and a
reader who has the shown cells and the total cannot work out any hidden cell."""

from hypothesis import given, settings
from hypothesis import strategies as st

from application.insights.suppression import MIN_CELL, protect

tables = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=17)


@settings(max_examples=500)
@given(tables)
def test_no_hidden_cell_can_be_worked_out_from_the_total(counts: list[int]) -> None:
    """The usual audit of cell suppression: a reader knows the shown cells, the total and that
    a hidden cell is at least 1 (0 once zeros are hidden too); the most and least each hidden
    cell can then be must differ, and the most must not fall under what "5 미만" says."""
    hidden, total_hidden = protect(counts, partition=True)
    at = [c for c, h in zip(counts, hidden, strict=True) if h]
    if total_hidden or not at:
        return
    least = 0 if 0 in at else 1
    left = sum(at)
    most = left - (len(at) - 1) * least
    assert most > least, f"{counts}: a hidden cell is pinned to {least}"
    assert least == 0 or most >= MIN_CELL, f"{counts}: a hidden cell is at most {most}"


@settings(max_examples=300)
@given(tables)
def test_every_small_count_is_hidden_and_the_hidden_ones_cover_each_other(counts: list[int]) -> None:
    hidden, total_hidden = protect(counts, partition=True)
    assert all(h for c, h in zip(counts, hidden, strict=True) if 0 < c < MIN_CELL)
    shown_hidden = [c for c, h in zip(counts, hidden, strict=True) if h]
    if total_hidden:
        # A small total, or every cell hidden and their sum still pinning them down ([1, 1, 3]).
        assert sum(counts) < MIN_CELL or len(counts) == 1 or all(hidden)
    elif shown_hidden and 0 not in shown_hidden:
        assert len(shown_hidden) >= 2 and sum(shown_hidden) - (len(shown_hidden) - 1) >= MIN_CELL
    # Nothing is hidden that need not be: without small counts the table is published whole.
    if not any(0 < c < MIN_CELL for c in counts):
        assert not any(hidden) and not total_hidden


@given(tables)
def test_tables_where_a_firm_counts_in_several_rows_hide_only_small_counts(counts: list[int]) -> None:
    hidden, _ = protect(counts, partition=False)
    assert hidden == [0 < c < MIN_CELL for c in counts]


def test_five_single_firms_are_not_given_away_by_their_total() -> None:
    counts = [1, 1, 1, 1, 1, 0, 0, 12]
    hidden, total_hidden = protect(counts, partition=True)
    assert hidden == [True] * 5 + [False, False, True] and not total_hidden
    only_singles = [1, 1, 1, 1, 1, 0, 0]
    hidden, total_hidden = protect(only_singles, partition=True)
    assert all(hidden) and not total_hidden  # the zeros are hidden with them
