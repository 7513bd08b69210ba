"""The flow as a diagram: deterministic, every step a box, every choice an arrow."""

from __future__ import annotations

import json
import os

import pytest

from fkstod.core.flows import load_library
from fkstod.core.flows.layout import NEXT, default_measure, layout_flow
from fkstod.core.flows.loader import parse_flow_text
from fkstod.core.flows.model import GLOBAL_JUMP_KEYS, GLOBAL_JUMPS
from tests.conftest import CORE_DATA

FIXTURE = CORE_DATA / "layout_fixture"
SOURCE = FIXTURE / "layout-exempel.toml"
GOLDEN = FIXTURE / "layout-exempel.json"


def _fixture():
    flow, problems = parse_flow_text(SOURCE.read_text(encoding="utf-8"), str(SOURCE))
    assert flow is not None and not problems, problems
    return flow


def _serialised(flow) -> str:
    return json.dumps(layout_flow(flow).to_dict(), ensure_ascii=False, indent=1) + "\n"


def test_the_layout_of_the_fixture_flow_matches_the_golden_file():
    text = _serialised(_fixture())
    if os.environ.get("FKSTOD_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the layout changed; if on purpose, run with FKSTOD_UPDATE_GOLDEN=1 and review the diff"
    )


def test_the_golden_layout_has_the_shapes_the_fixture_was_made_for():
    diagram = layout_flow(_fixture())
    loop = diagram.edge("fraga", 2)
    assert loop.back and loop.dst == "fraga" and loop.jump == "skyddade-personuppgifter"
    assert loop.jump_key == ""  # not a global jump
    told = diagram.edge("fraga", 3)
    assert told.jump_key == "F7" and not told.back
    up = diagram.edge("igen", 0)
    assert up.back and diagram.node("igen").layer > diagram.node("fraga").layer
    long = diagram.edge("fraga", 1)
    passed = diagram.node("slut").layer - diagram.node("fraga").layer - 1
    assert passed > 0
    # Straight down through each layer passed (and each row of labels): two points a row.
    middle = long.points[1:-1]
    assert len(middle) % 2 == 0 and len(middle) >= 2 * passed
    for (x_in, y_in), (x_out, y_out) in zip(middle[::2], middle[1::2], strict=True):
        assert x_in == x_out and y_in <= y_out


def test_the_layout_is_the_same_every_time():
    assert _serialised(_fixture()) == _serialised(_fixture())


def test_box_sizes_come_from_the_measure_callback():
    seen: list[tuple[str, str]] = []

    def measure(text: str, kind: str) -> tuple[float, float]:
        seen.append((text, kind))
        return 50.0 + len(text), 30.0 if kind == "outcome" else 60.0

    diagram = layout_flow(_fixture(), measure)
    assert sorted(seen) == sorted((s.title, s.kind) for s in _fixture().steps)
    slut = diagram.node("slut")
    assert (slut.w, slut.h) == (54.0, 30.0)


LIBRARY = load_library()


@pytest.mark.parametrize("flow_id", LIBRARY.ids())
def test_the_diagram_lists_every_step_and_every_arrow_of_a_shipped_flow(flow_id):
    flow = LIBRARY.get(flow_id)
    diagram = layout_flow(flow)
    assert [n.id for n in diagram.nodes] == [s.id for s in flow.steps]
    assert [(n.kind, n.title) for n in diagram.nodes] == [(s.kind, s.title) for s in flow.steps]
    expected = []
    for step in flow.steps:
        if step.kind == "question":
            expected += [(step.id, i, o.next, o.label, o.jump) for i, o in enumerate(step.options)]
        elif step.next:
            expected.append((step.id, NEXT, step.next, "", ""))
    assert [(e.src, e.option, e.dst, e.label, e.jump) for e in diagram.edges] == expected
    for edge in diagram.edges:
        assert edge.jump_key == GLOBAL_JUMP_KEYS.get(edge.jump, "")
        assert len(edge.points) >= 2
        for px, py in edge.points:
            assert 0 <= px <= diagram.width and 0 <= py <= diagram.height
        if not edge.back:
            assert diagram.node(edge.dst).layer > diagram.node(edge.src).layer


@pytest.mark.parametrize("flow_id", LIBRARY.ids())
def test_no_two_boxes_overlap(flow_id):
    nodes = layout_flow(LIBRARY.get(flow_id)).nodes
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
            assert apart, (a.id, b.id)


def test_the_global_jumps_are_marked_with_their_keys():
    diagram = layout_flow(LIBRARY.get("sjukpenning-fraga"))
    assert [(j.flow_id, j.key) for j in diagram.jumps] == [
        (f, GLOBAL_JUMP_KEYS[f]) for f in GLOBAL_JUMPS
    ]
    assert list(GLOBAL_JUMP_KEYS.values()) == ["F5", "F6", "F7", "F8"]
    assert layout_flow(LIBRARY.get("akut-fara")).jump_key == "F5"
    assert diagram.jump_key == ""
    assert diagram.edge("fraga", 1).jump_key == "F7"


def test_the_default_measure_grows_with_the_text():
    assert (
        default_measure("kort", "info")[0] < default_measure("en mycket längre rubrik", "info")[0]
    )


def test_path_marks_map_a_replayed_case_onto_the_diagrams_arrows():
    from fkstod.core.flows.layout import path_marks
    from fkstod.core.training import load_cases, planned_trail

    case = load_cases(LIBRARY).get("kan-inte-prata")
    trail = planned_trail(case, LIBRARY)
    steps, arrows = path_marks(trail, LIBRARY.get("sjukpenning-fraga"))
    assert steps == {"fore", "ramar"}
    assert arrows == {("fore", 0)}  # ramar was left by the global jump F8: no arrow of its own
    diagram = layout_flow(LIBRARY.get("sjukpenning-fraga"))
    assert all(diagram.edge(src, option) for src, option in arrows)
    jump_steps, jump_arrows = path_marks(trail, LIBRARY.get("kan-inte-prata"))
    assert jump_steps == {"byt", "igen", "klart"}
    assert jump_arrows == {("byt", NEXT), ("igen", 1)}
    assert all(layout_flow(LIBRARY.get("kan-inte-prata")).edge(*a) for a in jump_arrows)


def _clear(a, b) -> bool:
    """True when rectangles ``(left, top, width, height)`` share no more than an edge."""
    return a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]


@pytest.mark.parametrize("flow_id", LIBRARY.ids())
def test_no_label_covers_another_label_or_a_box(flow_id):
    diagram = layout_flow(LIBRARY.get(flow_id))
    labelled = [e for e in diagram.edges if e.text]
    for n, a in enumerate(labelled):
        for b in labelled[n + 1 :]:
            assert _clear(a.label_box, b.label_box), (a.text, b.text)
        for node in diagram.nodes:
            assert _clear(a.label_box, (node.x, node.y, node.w, node.h)), (a.text, node.id)
        left, top, w, h = a.label_box
        assert left >= 0 and left + w <= diagram.width, a.text
        assert top >= 0 and top + h <= diagram.height, a.text


def _fan(count: int, together: bool = False):
    """A question with ``count`` answers, each to a step of its own (or all to ``s0``)."""
    options = "".join(
        f'[[steps.options]]\nlabel = "Svar nummer {i} med en lång text"\n'
        f'next = "s{0 if together else i}"\n\n'
        for i in range(count)
    )
    ends = "".join(
        f'[[steps]]\nid = "s{i}"\nkind = "outcome"\ntitle = "Slut {i}"\n\n' for i in range(count)
    )
    text = (
        'id = "solfjader"\ntitle = "Solfjäder"\nversion = "1.0"\nbenefits = ["ovriga"]\n'
        'when = "Test."\n\n[[sources]]\nid = "test"\ntitle = "Test"\n\n'
        '[[steps]]\nid = "fraga"\nkind = "question"\ntitle = "Fråga"\nsay = "Vad?"\n\n'
        + options
        + ends
    )
    flow, problems = parse_flow_text(text, "solfjader.toml")
    assert flow is not None and not problems, problems
    return flow


@pytest.mark.parametrize("together", [False, True])
def test_labels_lie_in_a_row_of_their_own_that_is_as_high_as_they_need(together):
    """Answers to one step stack one under the other; answers to different steps sit side by side."""
    from fkstod.core.flows.labels import LABEL_LEAD
    from fkstod.core.flows.layout import LABEL_GAP, default_label_measure

    line = default_label_measure("x")[1]
    for count in (1, 2, 3, 5, 7):
        diagram = layout_flow(_fan(count, together))
        fraga = diagram.node("fraga")
        gap = diagram.node("s0").y - (fraga.y + fraga.h)
        boxes = [e.label_box for e in diagram.edges]
        assert all(_clear(a, b) for n, a in enumerate(boxes) for b in boxes[n + 1 :]), count
        stack = count * line + (count - 1) * LABEL_LEAD if together else line
        assert gap == 2 * LABEL_GAP + stack, count
        assert all(
            fraga.y + fraga.h + LABEL_GAP <= b[1]
            and b[1] + b[3] <= fraga.y + fraga.h + gap - LABEL_GAP
            for b in boxes
        )


def test_the_crossing_check_sees_a_line_through_a_rectangle_and_not_one_beside_it():
    from tests.core.flows.diagram_geometry import crosses

    rect = (10.0, 10.0, 20.0, 10.0)
    assert crosses((0, 15), (40, 15), rect)  # straight across
    assert crosses((0, 0), (40, 30), rect)  # slanting through
    assert crosses((20, 12), (20, 14), rect)  # wholly inside
    assert not crosses((0, 10), (40, 10), rect)  # along its top edge
    assert not crosses((0, 0), (9, 40), rect)  # beside it
    assert not crosses((0, 0), (12, 9), rect)  # ends short of it


def _back_beside_a_box():
    """An answer that goes back up from a step with another step beside it in its layer."""
    text = (
        'id = "tillbaka"\ntitle = "Tillbaka"\nversion = "1.0"\nbenefits = ["ovriga"]\n'
        'when = "Test."\n\n[[sources]]\nid = "test"\ntitle = "Test"\n\n'
        '[[steps]]\nid = "start"\nkind = "info"\ntitle = "Start"\nnext = "fraga"\n\n'
        '[[steps]]\nid = "fraga"\nkind = "question"\ntitle = "Fråga"\nsay = "Vad?"\n\n'
        '[[steps.options]]\nlabel = "Vänster"\nnext = "igen"\n\n'
        '[[steps.options]]\nlabel = "Höger"\nnext = "annan"\n\n'
        '[[steps]]\nid = "igen"\nkind = "question"\ntitle = "Igen?"\nsay = "Igen?"\n\n'
        '[[steps.options]]\nlabel = "Ja, från början"\nnext = "start"\n\n'
        '[[steps.options]]\nlabel = "Nej"\nnext = "slut"\n\n'
        '[[steps]]\nid = "annan"\nkind = "info"\ntitle = "En annan väg"\nnext = "slut"\n\n'
        '[[steps]]\nid = "slut"\nkind = "outcome"\ntitle = "Slut"\n'
    )
    flow, problems = parse_flow_text(text, "tillbaka.toml")
    assert flow is not None and not problems, problems
    return flow


def _any_flow(flow_id: str):
    if flow_id == "fixture":
        return _fixture()
    if flow_id == "back-beside-a-box":
        return _back_beside_a_box()
    if flow_id.startswith("fan-"):
        return _fan(int(flow_id.split("-")[1]), together=flow_id.endswith("-together"))
    return LIBRARY.get(flow_id)


DRAWN = ["fixture", "fan-7", "fan-7-together", "back-beside-a-box", *LIBRARY.ids()]


@pytest.mark.parametrize("flow_id", DRAWN)
def test_no_label_lies_over_another_arrows_line(flow_id):
    from tests.core.flows.diagram_geometry import labels_over_lines

    assert labels_over_lines(layout_flow(_any_flow(flow_id))) == []


@pytest.mark.parametrize("flow_id", DRAWN)
def test_no_line_runs_through_a_box_it_does_not_join(flow_id):
    from tests.core.flows.diagram_geometry import lines_through_boxes

    assert lines_through_boxes(layout_flow(_any_flow(flow_id))) == []
