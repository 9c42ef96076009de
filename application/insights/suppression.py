"""Small-cell suppression of published counts of firms.

Rules, applied to every table of counts before anything is rendered:

1. Primary: a count from 1 to 4 is published as "5 미만" (zero is published: it names no firm).
2. Complementary, for a partition (every firm in exactly one row, with the total published):
   the total minus the shown cells gives the sum of the hidden ones, so hidden cells must be
   at least two and add up to at least five; until they do, the smallest shown non-zero cell
   is hidden too. When no cell is left to hide, the total is hidden (and with it every share
   of it). Tables where a firm counts in several rows (support types, programmes, vendors)
   have no such sum; their total is the number of firms, and only rule 1 applies.
3. Anything computed from a hidden count (its share, a median over fewer than five firms)
   is hidden as well, and rows are ordered by what is published, never by a hidden value.

What this does not cover: two overlapping date ranges of the page can be subtracted from each
other. The page is for staff, who see every case in the console anyway; what leaves it (the
CSV files, the monthly report) is for one period at a time."""

from collections.abc import Sequence
from statistics import median

MIN_CELL = 5


def primary(count: int) -> bool:
    return 0 < count < MIN_CELL


def protect(counts: Sequence[int], *, partition: bool) -> tuple[list[bool], bool]:
    """Which counts to hide, and whether the total must be hidden too."""
    hidden = [primary(c) for c in counts]
    if not partition:
        return hidden, False

    def exposed() -> bool:
        shown_hidden = [c for c, h in zip(counts, hidden, strict=True) if h]
        return bool(shown_hidden) and (len(shown_hidden) < 2 or sum(shown_hidden) < MIN_CELL)

    while exposed():
        candidates = [i for i, (c, h) in enumerate(zip(counts, hidden, strict=True)) if not h and c > 0]
        if not candidates:
            return hidden, True
        hidden[min(candidates, key=lambda i: (counts[i], i))] = True
    return hidden, primary(sum(counts)) if partition else False


def safe_median(values: Sequence[float]) -> float | None:
    """The median, or None over fewer than five values (one firm's own figure otherwise)."""
    return float(median(values)) if len(values) >= MIN_CELL else None
