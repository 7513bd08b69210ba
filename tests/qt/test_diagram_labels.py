"""The arrows' labels as painted: none covers another label, a box or another arrow's line.

Computed from the diagram's geometry (the rectangles the painter fills), not from pixels.
"""

from __future__ import annotations

import pytest

from fkstod.core.flows import load_library
from fkstod.qt.diagram import diagram_for, edge_text, label_rects

LIBRARY = load_library()


def _overlap(a, b) -> bool:
    """True when two rectangles (left, top, width, height) share more than an edge."""
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _rect(r) -> tuple[float, float, float, float]:
    return (r.left(), r.top(), r.width(), r.height())


@pytest.mark.parametrize("flow_id", LIBRARY.ids())
def test_no_label_covers_another_label_or_a_box(qapp, flow_id):
    diagram = diagram_for(LIBRARY.get(flow_id))
    rects = {k: _rect(r) for k, r in label_rects(diagram).items()}
    assert set(rects) == {k for k, e in enumerate(diagram.edges) if edge_text(e)}
    keys = sorted(rects)
    clashes = [
        (edge_text(diagram.edges[i]), edge_text(diagram.edges[j]))
        for n, i in enumerate(keys)
        for j in keys[n + 1 :]
        if _overlap(rects[i], rects[j])
    ]
    covered = [
        (edge_text(diagram.edges[k]), node.id)
        for k in keys
        for node in diagram.nodes
        if _overlap(rects[k], (node.x, node.y, node.w, node.h))
    ]
    assert not clashes, clashes
    assert not covered, covered


@pytest.mark.parametrize("flow_id", LIBRARY.ids())
def test_every_label_lies_inside_the_picture(qapp, flow_id):
    diagram = diagram_for(LIBRARY.get(flow_id))
    for k, r in label_rects(diagram).items():
        assert r.left() >= 0 and r.top() >= 0, edge_text(diagram.edges[k])
        assert r.right() <= diagram.width and r.bottom() <= diagram.height, edge_text(
            diagram.edges[k]
        )


@pytest.mark.parametrize("flow_id", LIBRARY.ids())
def test_no_label_lies_over_another_arrows_line(qapp, flow_id):
    from tests.core.flows.diagram_geometry import labels_over_lines

    assert labels_over_lines(diagram_for(LIBRARY.get(flow_id))) == []


@pytest.mark.parametrize("flow_id", LIBRARY.ids())
def test_no_line_runs_through_a_box_it_does_not_join(qapp, flow_id):
    from tests.core.flows.diagram_geometry import lines_through_boxes

    assert lines_through_boxes(diagram_for(LIBRARY.get(flow_id))) == []


def _shared_line():
    """A question whose two answers lead to one step, so share one line."""
    from fkstod.core.flows.loader import parse_flow_text

    text = (
        'id = "delad"\ntitle = "Delad"\nversion = "1.0"\nbenefits = ["ovriga"]\n'
        'when = "Test."\n\n[[sources]]\nid = "test"\ntitle = "Test"\n\n'
        '[[steps]]\nid = "fraga"\nkind = "question"\ntitle = "Fråga"\nsay = "Vad?"\n\n'
        '[[steps.options]]\nlabel = "Första svaret"\nnext = "slut"\n\n'
        '[[steps.options]]\nlabel = "Andra svaret"\nnext = "slut"\n\n'
        '[[steps]]\nid = "slut"\nkind = "outcome"\ntitle = "Slut"\n'
    )
    flow, problems = parse_flow_text(text, "delad.toml")
    assert flow is not None and not problems, problems
    return flow


def _pixel(picture, x: float, y: float):
    from PySide6.QtGui import QImage

    from fkstod.qt.diagram import png_bytes

    image = QImage.fromData(png_bytes(picture, scale=2.0))
    return image.pixelColor(round(x * 2), round((y + picture.legend_height) * 2))


def test_a_label_on_a_shared_line_is_not_painted_over_by_the_next_answers_line(qapp):
    from fkstod.qt.diagram import Picture

    picture = Picture(diagram_for(_shared_line()))
    first, second = picture.diagram.edges
    assert first.points == second.points  # one line for both answers
    _left, top, _w, h = first.label_box
    # The line runs down the label's middle, where its text may lie: look just inside the
    # label's top and bottom edge, above and below the text.
    for y in (top + 1, top + h - 1):
        assert _pixel(picture, first.label_at[0], y).lightness() > 200, y


def test_the_planned_answer_on_a_shared_line_is_not_hidden_by_the_other(qapp):
    from fkstod.qt.diagram import PLANNED, Marks, Picture

    flow = _shared_line()
    picture = Picture(diagram_for(flow), marks=Marks.of(planned=({"fraga"}, {("fraga", 0)})))
    (x0, y0), (x1, y1) = picture.diagram.edges[0].points[-2:]  # from the labels down
    pixel = _pixel(picture, (x0 + x1) / 2, (y0 + y1) / 2)
    near = [abs(a - b) for a, b in zip(pixel.getRgb()[:3], PLANNED.getRgb()[:3], strict=True)]
    assert max(near) < 40, pixel.name()  # the planned colour, not the other answer's ink
