"""Guidance meant for one branch is shown only on that branch."""

from __future__ import annotations

import pytest

from fkstod.core.flows import load_library

LIBRARY = load_library()

#: Codes that mean a child's situation was raised on the way.
CHILD_CODES = {"child_concern", "orosanmalan_needed"}


def _outcomes_reached_without_child_concern(flow_id: str) -> set[str]:
    flow = LIBRARY.get(flow_id)
    todo, seen = [(flow.start_id, False)], set()
    reached: set[str] = set()
    while todo:
        step_id, concern = todo.pop()
        if (step_id, concern) in seen:
            continue
        seen.add((step_id, concern))
        step = flow.step(step_id)
        concern = concern or bool(CHILD_CODES & set(step.codes))
        if step.is_outcome:
            if not concern:
                reached.add(step_id)
            continue
        if step.kind == "question":
            for option in step.options:
                todo.append((option.next, concern or bool(CHILD_CODES & set(option.codes))))
        else:
            todo.append((step.next, concern))
    return reached


@pytest.mark.parametrize("flow_id", LIBRARY.ids())
def test_an_end_reached_without_a_child_concern_says_nothing_of_a_report(flow_id):
    # "Inga barn berörs" in Barn berörs led to the end that tells how to document
    # the report: a warning for the other answers, read out on this one.
    flow = LIBRARY.get(flow_id)
    for step_id in _outcomes_reached_without_child_concern(flow_id):
        step = flow.step(step_id)
        if step.orosanmalan:
            continue  # an end that offers the report on purpose (the duty holds anyway)
        assert "anmälan" not in f"{step.say} {step.guidance}".lower(), (flow_id, step_id)
