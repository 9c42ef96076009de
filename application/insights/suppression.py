"""Small-cell suppression of published counts of firms.

Rules, applied to every table of counts before anything is rendered:

1. Primary: a count from 1 to 4 is published as "5 미만" (zero is published: it names no firm).
2. Complementary, for a partition (every firm in exactly one row, with the total published
   here or in another table): the total minus the shown cells gives the sum S of the k
   hidden ones, and a reader knows each hidden cell is at least 1. So hidden cells must be
   at least two, and S − (k − 1), the most any one of them can be, must be at least five
   (at least four more than its least): otherwise five regions with one firm each would be
   five "5 미만" that add up to 5 — each exactly 1. Until that holds, the smallest shown
   non-zero cell is hidden too. When only zeros are left to hide, all of them are hidden
   (a hidden cell may then be 0, so no single cell is pinned down; hiding one chosen zero
   would tell which one it is). A table with nothing left to hide hides its total.
   Tables where a firm counts in several rows (support types, programmes, vendors) have no
   such sum; their total is the number of firms, and only rule 1 applies.
3. Anything computed from a hidden count (its share, a median over fewer than five firms)
   is hidden as well, and rows are ordered by what is published, never by a hidden value.

What this does not cover: a reader who knows exactly how complementary cells are picked
(the smallest shown one) can sometimes narrow a hidden cell further than the audit above
assumes ([5, 4, 4] hides both 4s; a 3 beside a 5 would have hidden the shown 5 instead);
and two overlapping date ranges of the page can be subtracted from each other. The page is
for staff, who see every case in the console anyway; what leaves it (the CSV files, the
monthly report) is for one period at a time."""

from collections.abc import Sequence

MIN_CELL = 5


def primary(count: int) -> bool:
    return 0 < count < MIN_CELL


def protect(counts: Sequence[int], *, partition: bool) -> tuple[list[bool], bool]:
    """Which counts to hide, and whether the total must be hidden too."""
    hidden = [primary(c) for c in counts]
    total_hidden = primary(sum(counts))
    if not partition:
        return hidden, total_hidden

    def exposed() -> bool:
        values = [c for c, h in zip(counts, hidden, strict=True) if h]
        if not values:
            return False
        if len(values) < 2:
            return True
        if 0 in values:  # any hidden cell may be the zero: none is pinned down
            return False
        return sum(values) - (len(values) - 1) < MIN_CELL

    while exposed():
        nonzero = [i for i, (c, h) in enumerate(zip(counts, hidden, strict=True)) if not h and c > 0]
        zeros = [i for i, (c, h) in enumerate(zip(counts, hidden, strict=True)) if not h and c == 0]
        if nonzero:
            hidden[min(nonzero, key=lambda i: (counts[i], i))] = True
        elif zeros:
            for i in zeros:
                hidden[i] = True
        else:
            return hidden, True
    return hidden, total_hidden

