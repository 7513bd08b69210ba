"""Disclosure control plays against an attacker who solves linear programmes.

From what is published (the shown cells, the shown totals, that counts are
never negative, and that a suppressed value is never 0, as the explanation under
every report says) the attacker computes the tightest interval of every suppressed
cell with scipy's linprog. None may be pinned down (its interval is wider than
one value), and no small count may be confined to the small counts 1..threshold-1.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fkstod.core.usage.suppress import bounds, extend, protect, weak_cells
from tests.core.usage.attack import extremes, reading


def attacker_bounds(published, n_rows, n_cols, floor=None):
    """Return {cell: (low, high)} for the suppressed cells of an extended table.

    ``published[i][j]`` is the value shown or None. Unknowns: every suppressed cell,
    each at least ``floor(cell)`` (default 1: ".." is never 0). Equations: each inner
    row sums to its total, each column to its total, the total row to the grand total.
    """
    unknown = [(i, j) for i in range(n_rows) for j in range(n_cols) if published[i][j] is None]
    index = {cell: k for k, cell in enumerate(unknown)}
    a_eq, b_eq = [], []

    def line(cells, total):
        row = [0.0] * len(unknown)
        rhs = 0.0
        for cell, sign in [*((c, 1.0) for c in cells), (total, -1.0)]:
            if cell in index:
                row[index[cell]] += sign
            else:
                rhs -= sign * published[cell[0]][cell[1]]
        if any(row):
            a_eq.append(row)
            b_eq.append(rhs)

    for i in range(n_rows):
        line([(i, j) for j in range(n_cols - 1)], (i, n_cols - 1))
    for j in range(n_cols):
        line([(i, j) for i in range(n_rows - 1)], (n_rows - 1, j))
    floors = [(1 if floor is None else floor(u), None) for u in unknown]
    return {
        cell: extremes(reading(len(unknown), k), bounds=floors, a_eq=a_eq, b_eq=b_eq)
        for cell, k in index.items()
    }


def tables(max_rows=5, max_cols=5):
    small = st.one_of(st.integers(0, 6), st.integers(0, 60))
    return st.integers(1, max_rows).flatmap(
        lambda r: st.integers(1, max_cols).flatmap(
            lambda c: st.lists(st.lists(small, min_size=c, max_size=c), min_size=r, max_size=r)
        )
    )


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from([3, 5]))
def test_no_suppressed_cell_can_be_worked_out_from_what_is_published(inner, threshold):
    result = protect(inner, threshold)
    n_rows, n_cols = len(result.values), len(result.values[0])
    published = [[result.shown(i, j) for j in range(n_cols)] for i in range(n_rows)]
    for (i, j), (low, high) in attacker_bounds(published, n_rows, n_cols).items():
        true = result.values[i][j]
        assert low - 1e-6 <= true <= high + 1e-6
        assert high - low > 0.5, ((i, j), true, low, high, inner)
        if (i, j) in result.primary:
            # Not only "not exact": the interval reaches 0 or a count that is not small.
            assert low < 0.5 or high > threshold - 0.5, ((i, j), true, low, high, inner)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sets(st.tuples(st.integers(0, 5), st.integers(0, 5))))
def test_the_core_audit_finds_the_same_bounds_as_linear_programming(inner, hide):
    ext = extend(inner)
    n_rows, n_cols = len(ext), len(ext[0])
    supp = {(i, j) for i, j in hide if i < n_rows and j < n_cols}
    published = [
        [None if (i, j) in supp else ext[i][j] for j in range(n_cols)] for i in range(n_rows)
    ]
    # A hidden cell is known to be non-zero when it is; protect() never hides a 0.
    expected = attacker_bounds(published, n_rows, n_cols, lambda c: min(1, ext[c[0]][c[1]]))
    found = bounds(ext, supp)
    assert set(found) == set(expected)
    for cell, (low, high) in expected.items():
        assert found[cell][0] == pytest.approx(low, abs=1e-6), cell
        assert found[cell][1] == pytest.approx(high, abs=1e-6) or high == found[cell][1], cell


def test_a_cycle_of_small_counts_is_widened_until_no_small_count_is_confined():
    # Rules 1-2 alone leave the 2 at (1, 2) within 1..3; the audit widens the pattern.
    inner = [[0, 1, 4, 0], [0, 5, 2, 1]]
    result = protect(inner, 5)
    assert weak_cells(result, 5) == []
    n_rows, n_cols = len(result.values), len(result.values[0])
    published = [[result.shown(i, j) for j in range(n_cols)] for i in range(n_rows)]
    low, high = attacker_bounds(published, n_rows, n_cols)[(1, 2)]
    assert low < 0.5 or high > 4.5


def test_two_hidden_counts_that_are_not_0_are_not_confined_by_their_total():
    # Found by a coordinator: column 1 reads "..", "..", 0 with the total 22 and row 1
    # ".." + ".." = 28. Since ".." is never 0, the 8 is at most 12 - 1 - 1 = 10, so the
    # 20 is at least 18, and the 2 above it at most 4: a small count, known to be small.
    result = protect([[3, 2], [8, 20], [1, 0]], 5)
    assert weak_cells(result, 5) == []
    n_rows, n_cols = len(result.values), len(result.values[0])
    published = [[result.shown(i, j) for j in range(n_cols)] for i in range(n_rows)]
    for cell, (low, high) in attacker_bounds(published, n_rows, n_cols).items():
        if cell in result.primary:
            assert high > 4.5, (cell, low, high, published)


def test_a_confined_count_whose_lines_are_all_hidden_does_not_hide_the_whole_table():
    # The 1 at (0, 2) is confined while its row and column are hidden already; a cell
    # on another line of the hidden cells gives it room. It used to hide all 17.
    inner = [[6, 6, 1, 0, 1], [1, 9, 1, 2, 6]]
    result = protect(inner, 5)
    nonzero = {(i, j) for i, row in enumerate(result.values) for j, v in enumerate(row) if v}
    assert result.suppressed < nonzero
    n_rows, n_cols = len(result.values), len(result.values[0])
    published = [[result.shown(i, j) for j in range(n_cols)] for i in range(n_rows)]
    for cell, (low, high) in attacker_bounds(published, n_rows, n_cols).items():
        assert high - low > 0.5, cell
        if cell in result.primary:
            assert high > 4.5, (cell, low, high, published)


def test_small_counts_and_small_totals_are_suppressed_zeros_shown():
    result = protect([[3, 10, 0], [12, 20, 0]], 5)
    assert result.shown(0, 0) is None
    assert (0, 0) in result.primary
    assert result.shown(0, 2) == 0 and result.shown(1, 2) == 0
    # The row with the 3 needs a second suppressed cell, and so does its column.
    assert sum(result.shown(0, j) is None for j in range(4)) >= 2
    assert sum(result.shown(i, 0) is None for i in range(3)) >= 2


def test_a_table_without_small_counts_is_published_whole():
    result = protect([[5, 10], [7, 9]], 5)
    assert result.suppressed == frozenset()
    assert extend([[5, 10], [7, 9]]) == [list(r) for r in result.values]


def test_the_threshold_is_a_setting():
    assert protect([[7, 10], [12, 20]], 5).suppressed == frozenset()
    assert (0, 0) in protect([[7, 10], [12, 20]], 8).primary


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sets(st.tuples(st.integers(0, 5), st.integers(0, 5))), st.sampled_from([3, 5]))
def test_the_quick_audit_finds_the_same_first_weak_cell_as_the_exact_bounds(inner, hide, t):
    # protect() stops each maximum flow once it says enough; it must pick what the
    # exact intervals pick, in the same order.
    from fkstod.core.usage.suppress import _first_weak

    ext = extend(inner)
    supp = {(i, j) for i, j in hide if i < len(ext) and j < len(ext[0]) and ext[i][j] > 0}
    primary = {c for c in supp if ext[c[0]][c[1]] < t}
    expected = next(
        (
            cell
            for cell, (low, high) in bounds(ext, supp).items()
            if low == high or (cell in primary and low > 0 and high < t)
        ),
        None,
    )
    assert _first_weak(ext, supp, None, primary, t, set()) == expected
