"""A call is training or not as a whole, from its start: switching Övningsläge mid-call
neither counts a demonstration's end nor loses a real call's."""

from __future__ import annotations

from fkstod.core.flows import load_library
from fkstod.core.flows.session import FlowSession
from fkstod.core.training import load_cases
from fkstod.core.training.replay import perform
from fkstod.core.usage import UsageRecorder

FLOWS = load_library()
CASE = load_cases(FLOWS).get("sjukpenning-berattar-barn")


def walk(recorder: UsageRecorder) -> FlowSession:
    session = FlowSession(FLOWS, CASE.flow, CASE.benefit, recorder)
    for n, planned in enumerate(CASE.path):
        perform(session, planned, last=n == len(CASE.path) - 1)
    return session


def recorder(db, training: bool) -> UsageRecorder:
    usage = UsageRecorder(db, training=training)
    usage.set_content_ids("flow", FLOWS.ids())
    return usage


def test_a_demonstration_is_not_counted_when_the_mode_is_switched_off_before_its_end(memory_db):
    usage = recorder(memory_db, training=True)
    session = walk(usage)
    usage.training = False  # the trainer leaves Övningsläge, the summary still shown
    session.close()  # then a new call
    assert usage.counts() == []


def test_a_real_call_is_counted_whole_when_the_mode_is_switched_on_before_its_end(memory_db):
    usage = recorder(memory_db, training=False)
    session = walk(usage)
    usage.training = True
    session.close()
    metrics = {c.metric for c in usage.counts()}
    assert {"flow_started", "flow_completed", "flow_outcome"} <= metrics
