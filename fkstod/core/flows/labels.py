"""Geometry of the arrows' labels: what a label may not lie on, and the first free place.

A label is a white box with the answer on it, laid over its own arrow's line. It must
never lie over anything else: another label, a step's box, or another arrow's line (a
line hidden under a label, or a label that seems to belong to the wrong arrow, is what
a room misreads). The labels of arrows down are boxes in a row of their own, which keeps
them clear by construction (:mod:`fkstod.core.flows.layout`); the labels beside a step's
loops take the first free place these functions find.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

#: ``(left, top, width, height)`` of a rectangle.
Box = tuple[float, float, float, float]
Point = tuple[float, float]

LABEL_LEAD = 3.0  # between two labels one under the other, so that they never read as one
LABEL_SPACE = 8.0  # at least between two labels side by side
LINE_SPACE = 3.0  # at least between a label and another arrow's line beside it


def overlaps(a: Box, b: Box, space_x: float = 0.0, space_y: float = 0.0) -> bool:
    """True when ``a`` and ``b`` share more than an edge, or lie closer than the spaces."""
    return (
        a[0] < b[0] + b[2] + space_x
        and b[0] < a[0] + a[2] + space_x
        and a[1] < b[1] + b[3] + space_y
        and b[1] < a[1] + a[3] + space_y
    )


def crosses(p: Point, q: Point, box: Box, space: float = 0.0) -> bool:
    """True when the segment ``p``–``q`` runs through ``box`` grown by ``space`` across."""
    left, top = box[0] - space, box[1]
    right, bottom = box[0] + box[2] + space, box[1] + box[3]
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    # Liang–Barsky: clip the segment to each side in turn.
    for step, room in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if step == 0:
            if room <= 0:
                return False
            continue
        t = room / step
        if step < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo >= hi:
            return False
    return True


def first_free(
    places: Iterable[Box],
    taken: Sequence[Box],
    segments: Sequence[tuple[Point, Point]],
) -> Box | None:
    """Return the first of ``places`` clear of ``taken`` and of every one of ``segments``."""
    for box in places:
        if any(overlaps(box, b, LABEL_SPACE, LABEL_LEAD) for b in taken):
            continue
        if not any(crosses(p, q, box, LINE_SPACE) for p, q in segments):
            return box
    return None
