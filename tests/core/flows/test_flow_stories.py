"""Every shipped flow, replayed as stories: keys in, path, outcome codes and note out.

Stories live in ``tests/stories/<flow-id>.toml`` so that content authors add
them beside each new flow. Every shipped flow must have at least one.
"""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from fkstod.core.flows import load_library
from fkstod.core.flows.session import FlowSession
from tests.conftest import TESTS

STORIES = TESTS / "stories"
LIBRARY = load_library()


def _stories() -> list:
    out = []
    for path in sorted(STORIES.glob("*.toml")):
        with path.open("rb") as f:
            for story in tomllib.load(f)["story"]:
                out.append(pytest.param(path.stem, story, id=f"{path.stem}: {story['name']}"))
    return out


def play(session: FlowSession, keys: list[str]) -> None:
    """Press ``keys`` as the flow page would."""
    for key in keys:
        if key.isdigit():
            session.choose(int(key) - 1)
        elif key == "enter":
            session.advance()
        elif key == "back":
            assert session.back()
        elif key.startswith("jump:"):
            session.jump(key.removeprefix("jump:"))
        else:
            raise AssertionError(f"unknown key {key!r}")


def test_every_shipped_flow_loads_and_has_stories():
    assert LIBRARY.unavailable == []
    have = {p.stem for p in STORIES.glob("*.toml")}
    assert set(LIBRARY.ids()) <= have, "flows without stories: " + ", ".join(
        sorted(set(LIBRARY.ids()) - have)
    )


@pytest.mark.parametrize(("flow_id", "story"), _stories())
def test_story(flow_id, story):
    session = FlowSession(LIBRARY, flow_id, story["benefit"])
    play(session, story["keys"])
    assert session.finished, f"the story ends at {session.current}"
    path = [
        e.step_id if e.flow_id == flow_id else f"{e.flow_id}:{e.step_id}" for e in session.trail
    ]
    assert path == story["path"]
    assert session.codes() == story["codes"]
    assert session.note(today=date(2025, 1, 31)) == story["note"]


@pytest.mark.parametrize("flow_id", LIBRARY.ids())
def test_every_path_ends_in_an_outcome_with_a_note(flow_id):
    """Walk every answer of every step (jumps included) and render each end's note."""
    ends = 0
    todo: list[list[str]] = [[]]
    seen: set[tuple] = set()
    while todo:
        keys = todo.pop()
        session = FlowSession(LIBRARY, flow_id, "ovriga")
        play(session, keys)
        state = (session.current.flow_id, session.current.step_id, session.current.returns)
        if state in seen:
            continue
        seen.add(state)
        if session.finished:
            ends += 1
            assert session.note()
            continue
        step = session.step
        if step.kind == "question":
            todo += [[*keys, str(n)] for n in range(1, len(step.options) + 1)]
        else:
            todo.append([*keys, "enter"])
        assert len(keys) < 60, "a path that never ends"
    assert ends >= 1
