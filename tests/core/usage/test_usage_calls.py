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


def test_a_month_counted_before_calls_were_counted_still_has_its_calls(memory_db):
    # The version before call_ended counted a call by the flow it started in; a
    # month it counted has no call_ended at all. Its calls are not 0 (with "ställdes
    # i 2 av 0 samtal"): they are its flows started, as that version counted them.
    usage = UsageRecorder(memory_db, clock=lambda: "2026-11")
    flow = "sjukpenning-fraga"
    usage.set_content_ids("flow", FLOWS.ids())
    for _ in range(3):
        usage.record("flow_started", flow=flow, benefit="sjukpenning")
        usage.record("flow_completed", flow=flow, benefit="sjukpenning")
    for outcome in ("asked", "asked", "not_asked"):
        usage.record("flow_outcome", flow=flow, benefit="sjukpenning", outcome=outcome)
    (november,) = summarise(usage.counts())
    assert november.lines[:2] == (
        "3 samtal med stöd av fkstod",
        "Frågan om våld ställdes i 2 av 3 samtal",
    )
    # A month with calls counted as calls is counted by them, jumps and all.
    new = UsageRecorder(memory_db, clock=lambda: "2026-12")
    new.set_content_ids("flow", FLOWS.ids())
    session = FlowSession(FLOWS, flow, "sjukpenning", new)
    session.jump("akut-fara")
    assert session.leave_jump()
    session.close()
    december = next(g for g in summarise(new.counts()) if g.month == "2026-12")
    assert december.lines[0] == "1 samtal med stöd av fkstod"
