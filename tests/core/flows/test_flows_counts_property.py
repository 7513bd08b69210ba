"""Counts that add up: random calls through the real flows, every run ended once.

A caseworker answers, jumps, goes back, presses Esc, starts a new call and quits
in any order. Whatever the order, for every flow the usage counts say
started = completed + abandoned, and each conversation's outcome codes are
counted once, from the answers it ended with. The calls are driven on the core
session (as the page drives it) for speed; tests/ui/samtal/test_counts_property.py
plays a smaller set through the real page.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fkstod.core.flows import load_library
from fkstod.core.flows.session import FlowSession
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import open_memory
from fkstod.core.usage import UsageRecorder

LIBRARY = load_library()
FLOWS = sorted(LIBRARY.flows)
JUMPS = sorted(i for i, f in LIBRARY.flows.items() if f.is_jump)

#: One key of a call: (what, a number that picks among the choices there are).
KEYS = st.lists(
    st.tuples(
        st.sampled_from(["start", "answer", "enter", "jump", "back", "esc", "new", "quit"]),
        st.integers(min_value=0, max_value=50),
    ),
    max_size=80,
)


class Call:
    """The page's use of a session, without widgets: what each key does."""

    def __init__(self, usage: UsageRecorder) -> None:
        self.usage = usage
        self.session: FlowSession | None = None
        #: The outcome codes each closed conversation ended with, per flow.
        self.expected: Counter[tuple[str, str]] = Counter()

    def press(self, key: str, pick: int) -> None:
        s = self.session
        if key == "start" or (key == "jump" and s is None):
            pool = FLOWS if key == "start" else JUMPS
            self.close()
            self.session = FlowSession(LIBRARY, pool[pick % len(pool)], "ovriga", self.usage)
        elif s is None:
            return
        elif key == "answer" and s.step.kind == "question":
            s.choose(pick % len(s.step.options))
        elif key == "enter" and s.step.kind != "question":
            s.advance()
        elif key == "jump" and not s.finished:
            s.jump(JUMPS[pick % len(JUMPS)])
        elif key == "back":
            s.back()
        elif key == "esc" and not s.leave_jump():
            self.close()  # "Lämna flödet?" answered yes
        elif key in ("new", "quit"):
            self.close()

    def close(self) -> None:
        if self.session is not None:
            for code in self.session.codes():
                self.expected[(self.session.flow_id, code)] += 1
            self.session.close()
            self.session = None


def runs_and_outcomes(usage: UsageRecorder):
    runs: Counter[tuple[str, str]] = Counter()
    outcomes: Counter[tuple[str, str]] = Counter()
    for c in usage.counts():
        if c.metric == "flow_outcome":
            outcomes[(c.labels["flow"], c.labels["outcome"])] += c.count
        elif c.metric.startswith("flow_"):
            runs[(c.metric, c.labels["flow"])] += c.count
    return runs, outcomes


def assert_counts_add_up(usage: UsageRecorder, expected: Counter) -> None:
    runs, outcomes = runs_and_outcomes(usage)
    for flow_id in FLOWS:
        started = runs[("flow_started", flow_id)]
        ended = runs[("flow_completed", flow_id)] + runs[("flow_abandoned", flow_id)]
        assert started == ended, (flow_id, started, ended)
    assert outcomes == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calls=st.lists(KEYS, min_size=1, max_size=4))
def test_every_run_of_every_flow_is_ended_once_and_outcomes_come_from_the_final_path(calls):
    db = open_memory(MIGRATION_SETS)
    try:
        usage = UsageRecorder(db, clock=lambda: "2026-01")
        usage.set_content_ids("flow", LIBRARY.ids())
        call = Call(usage)
        for keys in calls:
            for key, pick in keys:
                call.press(key, pick)
            call.close()  # the app quits, or the next call starts
        assert_counts_add_up(usage, call.expected)
    finally:
        db.close()


def test_the_call_driver_reaches_jumps_ends_and_steps_back():
    # The property above must not pass by never getting anywhere.
    db = open_memory(MIGRATION_SETS)
    usage = UsageRecorder(db, clock=lambda: "2026-01")
    usage.set_content_ids("flow", LIBRARY.ids())
    call = Call(usage)
    call.press("start", FLOWS.index("akut-fara") if "akut-fara" in FLOWS else 0)
    call.press("answer", 0)
    call.press("back", 0)
    call.press("answer", 0)
    while call.session is not None and not call.session.finished:
        call.press("answer" if call.session.step.kind == "question" else "enter", 0)
    call.press("new", 0)
    runs, outcomes = runs_and_outcomes(usage)
    assert sum(v for (m, _f), v in runs.items() if m == "flow_completed") == 1
    assert outcomes and outcomes == call.expected
    db.close()
