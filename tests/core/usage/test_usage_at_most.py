"""A count never larger than another in the same cell: shown, it is the other's floor.

"Flöden avslutade" is at most "Flöden startade" (a flow completes after it started)
and "Stödkontakter avböjdes" at most "Stödkontakter erbjöds" (every step that records
a declined offer records the offer). A reader who sees the smaller count where the
larger is hidden knows the larger is at least that much; beside a shown total, that
pins the hidden counts. The attacker here solves linear programmes over both tables
and the inequality at once; the relations themselves are read from the shipped flows,
so a flow that makes a new one fails until the report knows it.
"""

from __future__ import annotations

import random

import pytest

from fkstod.core.flows import load_library
from fkstod.core.usage.indicators import AT_MOST, INDICATORS, PARTS, REASONS, build_report
from fkstod.core.usage.units import Unit
from tests.core.usage.attack import assert_no_value_given_away

UNITS = (Unit("a", "A"), Unit("b", "B"), Unit("c", "C"))
BENEFITS = ("sjukpenning", "underhallsstod", "ovriga")
#: (smaller, larger, the larger's cell as (metric, labels)); the smaller's likewise.
PAIRS = {
    ("flows_completed", "flows_started"): (("flow_completed", {}), ("flow_started", {})),
    ("referral_declined", "referral_offered"): (
        ("flow_outcome", {"outcome": "referral_declined"}),
        ("flow_outcome", {"outcome": "referral_offered"}),
    ),
}


def test_every_pair_of_codes_the_flows_always_set_together_is_known_to_the_report():
    # Code x is at most code y wherever every step or option that sets x sets y too.
    sets = [
        set(codes)
        for flow in load_library().flows.values()
        for step in flow.steps
        for codes in (step.codes, *(o.codes for o in step.options))
        if codes
    ]
    outcomes = {
        i.labels["outcome"]
        for i in INDICATORS
        if i.metric == "flow_outcome" and i.code not in REASONS and i.code != "not_asked"
    }
    found = {
        (x, y)
        for x in outcomes
        for y in outcomes - {x}
        if any(x in s for s in sets) and all(y in s for s in sets if x in s)
    }
    assert found  # the flows have such pairs: referral_declined with referral_offered
    declared = set(AT_MOST.items()) | {(p, whole) for whole, ps in PARTS.items() for p in ps}
    assert found <= declared
    assert set(AT_MOST.items()) == set(PAIRS)


def cells_of(rng, smaller, larger):
    (s_metric, s_labels), (l_metric, l_labels) = PAIRS[(smaller, larger)]
    cells = {}
    for benefit in BENEFITS:
        for unit in UNITS:
            big = rng.choice((0, 0, 1, 2, 3, 5, 8, 14, 25))
            small = big - rng.choice((0, 0, 0, 1, 2)) if big else 0
            flow = {"flow": "fraga-vid-indikation", "benefit": benefit}
            for metric, labels, n in ((l_metric, l_labels, big), (s_metric, s_labels, small)):
                if n > 0:
                    key = ("2026-01", unit.code, metric, tuple(sorted({**flow, **labels}.items())))
                    cells[key] = n
    return cells


@pytest.mark.parametrize("pair", sorted(PAIRS))
@pytest.mark.parametrize("seed", range(25))
def test_no_hidden_count_is_pinned_or_confined_by_a_smaller_count_shown(pair, seed):
    report = build_report(
        cells_of(random.Random(seed), *pair), period="month", units=UNITS, sparse_below=0
    )
    smaller, larger = pair
    assert_no_value_given_away(report, pair, [((smaller, 1), (larger, -1))])
