"""A count and its parts in one report: "started" less "asked" is not "not asked".

A call records "asked" or "not asked", never both, and starts at least one flow
(a jump starts another), so in every cell of a report flows started >= asked +
not asked. A reader of "Flöden startade 17, Frågan om våld ställdes 15, Frågan om
våld ställdes inte .." knows the hidden count is 1 or 2 (".." is never 0). A flow
completes only after it started, so flows completed <= flows started as well: a
reader who sees "Flöden avslutade 8, 6, 22" under a hidden "Flöden startade" row of
37 has the started counts almost exactly, and through them the hidden "not asked".
The attacker here solves linear programmes over the four tables at once.
"""

from __future__ import annotations

import random

import pytest

from fkstod.core.usage.indicators import build_report
from fkstod.core.usage.units import Unit
from tests.core.usage.attack import assert_no_value_given_away

BENEFITS = ("sjukpenning", "underhallsstod", "aktivitetsersattning")
FLOWS = {
    "sjukpenning": "sjukpenning-fraga",
    "underhallsstod": "underhallsstod-fraga",
    "aktivitetsersattning": "aktivitetsersattning-indikation",
}
UNITS = (Unit("a", "A"), Unit("b", "B"), Unit("c", "C"))
TABLES = ("flows_started", "flows_completed", "asked", "not_asked")


def cells_of(calls) -> dict:
    """Cells of merged exports from ``[(benefit, unit, outcome or None, runs[, done]), ...]``.

    ``done``: how many of the call's ``runs`` flows were completed (all, unless given).
    """
    cells: dict = {}

    def add(unit, metric, n=1, **labels):
        key = ("2026-01", unit, metric, tuple(sorted(labels.items())))
        cells[key] = cells.get(key, 0) + n

    for benefit, unit, outcome, runs, *done in calls:
        flow = {"flow": FLOWS[benefit], "benefit": benefit}
        add(unit, "flow_started", runs, **flow)
        if (done or [runs])[0]:
            add(unit, "flow_completed", (done or [runs])[0], **flow)
        if outcome == "asked":
            add(unit, "flow_outcome", outcome="asked", **flow)
        elif outcome == "not_asked":
            add(unit, "flow_outcome", outcome="not_asked", **flow)
            add(unit, "flow_outcome", outcome="not_asked_ombud", **flow)
    return cells


#: What the reader knows beside the tables: asked + not asked ≤ started, and
#: completed ≤ started, in every cell.
AT_MOST_KNOWN = (
    (("asked", 1), ("not_asked", 1), ("flows_started", -1)),
    (("flows_completed", 1), ("flows_started", -1)),
)


def assert_safe(report) -> None:
    assert_no_value_given_away(report, TABLES, AT_MOST_KNOWN)


def test_started_less_asked_does_not_give_the_hidden_not_asked() -> None:
    # Seen in a simulated year of 20 units: started 17, asked 15, not asked 2.
    calls = [("sjukpenning", "a", "asked", 1)] * 15 + [("sjukpenning", "a", "not_asked", 1)] * 2
    calls += [(b, u.code, "asked", 1) for b in BENEFITS for u in UNITS[1:] for _ in range(12)]
    calls += [(b, u.code, "not_asked", 1) for b in BENEFITS for u in UNITS[1:] for _ in range(6)]
    report = build_report(cells_of(calls), period="month", units=UNITS, sparse_below=0)
    (period,) = report.periods
    started = report.table("flows_started", period).value("sjukpenning", "a")
    asked = report.table("asked", period).value("sjukpenning", "a")
    assert report.table("not_asked", period).value("sjukpenning", "a") is None
    assert started is None or asked is None or started - asked >= report.threshold
    assert_safe(report)


def test_completed_flows_shown_under_hidden_started_do_not_give_the_hidden_not_asked() -> None:
    # Seen by a coordinator's attacker: started (8, 7, 22 of 37) hidden beside completed
    # shown as 8, 6, 22; with asked 20 shown, not asked (2) was 2 or 3.
    calls = [("underhallsstod", "a", "asked", 1)] * 2 + [
        ("underhallsstod", "a", "not_asked", 1)
    ] * 6
    calls += [("underhallsstod", "b", "asked", 1)] * 5 + [
        ("underhallsstod", "b", "not_asked", 1)
    ] * 2
    calls += [("underhallsstod", "c", "asked", 1)] * 20 + [
        ("underhallsstod", "c", "not_asked", 1)
    ] * 2
    calls[2] = ("underhallsstod", "a", "not_asked", 1)
    calls += [("underhallsstod", "b", None, 1, 0)]  # a flow left before its end
    calls += [("sjukpenning", "b", "asked", 1)] * 5 + [("sjukpenning", "b", "not_asked", 1)] * 7
    calls += [("sjukpenning", "b", None, 1, 0)]
    report = build_report(cells_of(calls), period="month", units=UNITS, sparse_below=0)
    (period,) = report.periods
    assert report.table("not_asked", period).value("underhallsstod", "c") is None
    assert_safe(report)


def test_a_completed_0_beside_a_hidden_started_leaves_no_narrow_ceiling() -> None:
    # Seen by the attacker: started 39 and completed 36 shown for all, so 3 flows were
    # left in all; a hidden started count of 1 beside a completed 0 was 1 to 3.
    one = ("aktivitetsersattning", "b", "not_asked", 1, 0)
    calls = [("aktivitetsersattning", "a", "asked", 1)] * 2
    calls += [("aktivitetsersattning", "a", "not_asked", 1)] * 2 + [one]
    calls += [("sjukpenning", "a", "asked", 1)] * 20 + [("sjukpenning", "a", "not_asked", 1)] * 6
    calls += [("sjukpenning", "a", "not_asked", 1, 0)]
    calls += [("sjukpenning", "b", "asked", 1)] * 5 + [("sjukpenning", "b", "not_asked", 1)]
    calls += [("sjukpenning", "b", None, 1, 0)]
    report = build_report(cells_of(calls), period="month", units=UNITS[:2], sparse_below=0)
    (period,) = report.periods
    assert report.table("flows_completed", period).value("aktivitetsersattning", "b") == 0
    assert report.table("flows_started", period).value("aktivitetsersattning", "b") is None
    assert_safe(report)


def calls_of(table):
    """Calls from {(benefit, unit): (started, completed, asked, not asked)}."""
    calls = []
    for (benefit, unit), (started, completed, asked, not_asked) in table.items():
        outcomes = ["asked"] * asked + ["not_asked"] * not_asked
        outcomes += [None] * (started - len(outcomes))
        for k, outcome in enumerate(outcomes):
            calls.append((benefit, unit, outcome, 1, 1 if k < completed else 0))
    return calls


def test_the_differences_of_many_lines_leave_no_narrow_ceiling_either() -> None:
    # Seen by the attacker: a started 1 beside a completed 0, its own lines hidden; the
    # shown totals elsewhere (48 - 47, 46 - 44, 78 - 73) still left it 1 to 3.
    table = {
        ("aktivitetsersattning", "a"): (8, 7, 5, 0),
        ("aktivitetsersattning", "b"): (1, 0, 1, 0),
        ("aktivitetsersattning", "c"): (4, 4, 3, 1),
        ("underhallsstod", "a"): (10, 9, 1, 6),
        ("underhallsstod", "b"): (2, 2, 0, 1),
        ("underhallsstod", "c"): (5, 4, 1, 1),
        ("sjukpenning", "a"): (28, 28, 20, 7),
        ("sjukpenning", "b"): (11, 11, 3, 7),
        ("sjukpenning", "c"): (9, 8, 8, 1),
    }
    report = build_report(cells_of(calls_of(table)), period="month", units=UNITS, sparse_below=0)
    assert_safe(report)


@pytest.mark.parametrize("seed", range(60))
def test_no_hidden_count_is_pinned_or_confined_by_started_asked_and_not_asked(seed: int) -> None:
    rng = random.Random(seed)
    calls = []
    for benefit in BENEFITS:
        for unit in UNITS:
            for _ in range(rng.choice((0, 1, 2, 3, 5, 8, 14, 25))):
                outcome = rng.choice(("asked", "asked", "asked", "not_asked", None))
                runs = rng.choice((1, 1, 1, 1, 2))
                # Most flows are completed; some are left before their end.
                done = runs - rng.choice((0, 0, 0, 0, 1))
                calls.append((benefit, unit.code, outcome, runs, done))
    if not calls:
        return
    assert_safe(build_report(cells_of(calls), period="month", units=UNITS, sparse_below=0))
