"""What a room sees in a diagram, from the layout's own geometry: labels over lines, lines through boxes.

Shared by the core layout tests (estimated sizes) and the Qt ones (real font metrics).
"""

from __future__ import annotations

import itertools

from fkstod.core.flows.layout import Diagram

#: A line that only touches a rectangle's edge does not cross it.
TOUCH = 0.01


def crosses(p, q, rect) -> bool:
    """True when the segment ``p``–``q`` runs through the inside of ``rect`` (left, top, w, h)."""
    left, top, w, h = rect
    left, top, right, bottom = left + TOUCH, top + TOUCH, left + w - TOUCH, top + h - TOUCH
    if right <= left or bottom <= top:
        return False
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    # Liang–Barsky: clip the segment to each side in turn.
    for step, room in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if step == 0:
            if room < 0:
                return False
            continue
        t = room / step
        if step < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return hi - lo > 1e-9


def labels_over_lines(diagram: Diagram) -> list[tuple[str, str]]:
    """Return ``(label, "src → dst")`` for each label that lies over another arrow's line.

    Answers that lead the same way share one line (the same points): a label on it is
    on its own line.
    """
    found = []
    for a in diagram.edges:
        if not a.text:
            continue
        for b in diagram.edges:
            if b is a or b.points == a.points:
                continue
            if any(crosses(p, q, a.label_box) for p, q in itertools.pairwise(b.points)):
                found.append((a.text, f"{b.src} → {b.dst}"))
    return found


def lines_through_boxes(diagram: Diagram) -> list[tuple[str, str]]:
    """Return ``("src → dst", step)`` for each arrow whose line runs through a box it does not join."""
    found = []
    for edge in diagram.edges:
        for node in diagram.nodes:
            if node.id in (edge.src, edge.dst):
                continue
            rect = (node.x, node.y, node.w, node.h)
            if any(crosses(p, q, rect) for p, q in itertools.pairwise(edge.points)):
                found.append((f"{edge.src} → {edge.dst}", node.id))
    return found
