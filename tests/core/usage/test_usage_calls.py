"""A call is counted once, with its outcomes, however many flows it jumped into."""

from __future__ import annotations

from fkstod.core.flows import load_library
from fkstod.core.flows.session import FlowSession
from fkstod.core.usage import UsageRecorder
from fkstod.core.usage.summary import summarise

FLOWS = load_library()


def recorder(db) -> UsageRecorder:
    usage = UsageRecorder(db)
    usage.set_content_ids("flow", FLOWS.ids())
    return usage


def answer_until_the_end(session: FlowSession) -> None:
    # The first answer at every question, on through every other step, to the end.
    for _ in range(60):
        if session.finished:
            return
        if session.step.kind == "question":
            session.choose(0)
        else:
            session.advance()
    raise AssertionError("the flow did not end")


def test_a_call_with_two_jumps_is_one_call_in_the_caseworkers_counts(memory_db):
    usage = recorder(memory_db)
    session = FlowSession(FLOWS, "sjukpenning-fraga", "sjukpenning", usage)
    session.jump("akut-fara")  # F5, then back
    assert session.leave_jump()
    session.jump("kan-inte-prata")  # F8, then back
    assert session.leave_jump()
    answer_until_the_end(session)
    session.close()
    started = sum(c.count for c in usage.counts() if c.metric == "flow_started")
    assert started == 3  # the published "Flöden startade" still counts each flow
    total = next(g for g in summarise(usage.counts()) if g.benefit == "sjukpenning")
    assert total.lines[0] == "1 samtal med stöd av fkstod"
    asked = sum(
        c.count
        for c in usage.counts()
        if c.metric == "flow_outcome" and c.labels.get("outcome") == "asked"
    )
    assert asked == 1  # the first answers of sjukpenning-fraga ask the question
    assert total.lines[1] == "Frågan om våld ställdes i 1 av 1 samtal"


def test_a_call_not_ended_is_not_a_call_yet(memory_db):
    # Its outcomes are counted when it ends: counted as a call only then, too, so
    # that a window killed mid-call leaves no call without its outcomes.
    usage = recorder(memory_db)
    FlowSession(FLOWS, "sjukpenning-fraga", "sjukpenning", usage)
    assert not [c for c in usage.counts() if c.metric == "call_ended"]
    groups = summarise(usage.counts())
    assert all(g.lines[0] == "0 samtal med stöd av fkstod" for g in groups)
