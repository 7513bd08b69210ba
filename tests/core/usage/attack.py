"""The attacker of the disclosure tests: how far a linear combination of hidden counts can go.

Given what a reader knows as linear equations and inequalities over the hidden
counts (``A_eq x = b_eq``, ``A_ub x <= b_ub``, each within ``bounds``), ``extremes``
returns the smallest and the largest value of ``c·x`` (``inf`` when nothing bounds
it above), solved with scipy's linprog. Each test builds its own equations.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

linprog = pytest.importorskip("scipy.optimize").linprog


def extremes(
    c: Sequence[float],
    *,
    bounds: Sequence[tuple[float, float | None]],
    a_eq: Sequence[Sequence[float]] = (),
    b_eq: Sequence[float] = (),
    a_ub: Sequence[Sequence[float]] = (),
    b_ub: Sequence[float] = (),
) -> tuple[float, float]:
    """Return (min, max) of ``c·x`` over every ``x`` the equations allow."""
    ends = []
    for sign in (1.0, -1.0):
        res = linprog(
            [sign * v for v in c],
            A_ub=list(a_ub) or None,
            b_ub=list(b_ub) or None,
            A_eq=list(a_eq) or None,
            b_eq=list(b_eq) or None,
            bounds=list(bounds),
            method="highs",
        )
        if res.status == 3:  # unbounded
            ends.append(float("inf"))
        else:
            assert res.status == 0, res.message
            ends.append(sign * res.fun)
    return ends[0], ends[1]


def reading(n: int, k: int) -> list[float]:
    """Return the objective that reads the ``k``-th of ``n`` unknowns."""
    c = [0.0] * n
    c[k] = 1.0
    return c
