"""A flow as a layered diagram: boxes for steps, labelled arrows for choices.

Our own short Sugiyama-style layering, not a library: depth-first search marks
the arrows that go back (loops and a step that leads to itself), longest-path
layering puts every other arrow downwards, arrows that span layers get waypoints
of their own, barycentre sweeps order each layer (the order with fewest
crossings wins), and each box is pulled towards the boxes above it. Every step
is deterministic: file order breaks every tie, no set or hash order is used.

Sizes come from a ``measure`` callback, so that the Qt painter can pass real font
metrics; the default is a plain estimate for tests and the command line.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from fkstod.core.flows.layering import NEXT, arrows_of, layers, mark_back, order
from fkstod.core.flows.model import GLOBAL_JUMP_KEYS, Flow
from fkstod.core.flows.session import CONTINUED, Entry

#: ``measure(text, kind) -> (width, height)`` of a step's box with its title.
Measure = Callable[[str, str], tuple[float, float]]

GAP_X = 32.0  # between boxes in a layer
GAP_Y = 56.0  # between layers: room for an arrow's label
MARGIN = 16.0
CHANNEL = 14.0  # between the lanes of the arrows that go back, right of the boxes
DUMMY_W = 8.0
LOOP = 10.0  # how far a step's arrow to itself reaches out; less than GAP_X
LABEL_STEP = 14.0  # between the labels of answers that share a route


def default_measure(text: str, kind: str) -> tuple[float, float]:
    """Return an estimated box size: about 7 units per character, one line high."""
    return max(120.0, 7.0 * len(text) + 24.0), 40.0


@dataclass(frozen=True)
class Node:
    """A step as a box; ``x``, ``y`` is the top left corner."""

    id: str
    kind: str
    title: str
    x: float
    y: float
    w: float
    h: float
    layer: int
    acute: bool = False

    @property
    def centre(self) -> tuple[float, float]:
        """Return the box's centre."""
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass(frozen=True)
class Edge:
    """An arrow from one step to the next.

    Attributes:
        src: the step it leaves.
        dst: the step it leads to.
        label: the option's label ("" for a step's ``next``).
        points: the polyline, from the edge of ``src`` to the edge of ``dst``.
        option: the option's index in ``src`` (NEXT for a step's ``next``).
        jump: the jump flow this option runs first ("" for none).
        jump_key: the function key of that jump when it is a global one, e.g. "F7".
        back: True for an arrow that goes up or back to its own step.
        label_at: where the label goes.
    """

    src: str
    dst: str
    label: str
    points: tuple[tuple[float, float], ...]
    option: int = NEXT
    jump: str = ""
    jump_key: str = ""
    back: bool = False
    label_at: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class GlobalJump:
    """A global jump, reachable from every step (shown as a legend beside the diagram)."""

    key: str
    flow_id: str


@dataclass(frozen=True)
class Diagram:
    """A laid-out flow: boxes, arrows, the global jumps, and the size of it all."""

    flow_id: str
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    width: float
    height: float
    jumps: tuple[GlobalJump, ...] = ()
    jump_key: str = ""  # this flow's own key when it is a global jump

    def node(self, step_id: str) -> Node:
        """Return the box of ``step_id`` (KeyError when unknown)."""
        for node in self.nodes:
            if node.id == step_id:
                return node
        raise KeyError(step_id)

    def edge(self, src: str, option: int = NEXT) -> Edge:
        """Return the arrow for option ``option`` of ``src`` (NEXT for its ``next``)."""
        for edge in self.edges:
            if edge.src == src and edge.option == option:
                return edge
        raise KeyError((src, option))

    def to_dict(self) -> dict:
        """Return the diagram as plain data (JSON), coordinates rounded to 0.1."""
        data = asdict(self)
        return _rounded(data)


def _rounded(value):
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def _ports(
    chains: dict[tuple[str, str], list[str]],
    x: dict[str, float],
    size: dict[str, tuple[float, float]],
) -> dict[tuple[str, str], tuple[float, float]]:
    """Spread the routes leaving and entering each box along its bottom and top edge."""
    leaving: dict[str, list[tuple[float, tuple[str, str]]]] = {}
    entering: dict[str, list[tuple[float, tuple[str, str]]]] = {}
    for key, chain in chains.items():
        after, before = chain[1], chain[-2]
        leaving.setdefault(key[0], []).append((x[after] + size[after][0] / 2, key))
        entering.setdefault(key[1], []).append((x[before] + size[before][0] / 2, key))
    out: dict[tuple[str, str], list[float]] = {key: [0.0, 0.0] for key in chains}
    for end, groups in ((0, leaving), (1, entering)):
        for node, routes in groups.items():
            routes.sort()  # by where the other end lies: the routes do not cross here
            for i, (_x, key) in enumerate(routes):
                out[key][end] = x[node] + size[node][0] * (i + 1) / (len(routes) + 1)
    return {key: (a, b) for key, (a, b) in out.items()}


def layout_flow(flow: Flow, measure: Measure | None = None) -> Diagram:
    """Lay ``flow`` out as a layered diagram, top to bottom from its first step.

    Args:
        flow: a flow that loaded (lint-clean flows give the best pictures).
        measure: ``(title, kind) -> (width, height)`` of a step's box.
    """
    measure = measure or default_measure
    ids = [s.id for s in flow.steps if flow.by_id.get(s.id) is s]
    arrows = arrows_of(flow)
    preorder = mark_back(flow, ids, arrows)
    layer = layers(preorder, arrows)
    size = {i: measure(flow.step(i).title, flow.step(i).kind) for i in ids}

    # Waypoints: an arrow down over several layers passes a dummy in each.
    first_seen = {n: k for k, n in enumerate(preorder)}
    rows: list[list[str]] = [[] for _ in range(max(layer.values(), default=0) + 1)]
    for n in sorted(ids, key=lambda n: first_seen[n]):
        rows[layer[n]].append(n)
    links: list[tuple[str, str]] = []
    chains: dict[tuple[str, str], list[str]] = {}
    for k, a in enumerate(arrows):
        # Answers that lead the same way down share one route (and its waypoints).
        if a.back or (a.src, a.dst) in chains:
            continue
        chain = [a.src]
        for depth in range(layer[a.src] + 1, layer[a.dst]):
            dummy = f"~{k}:{depth}"
            rows[depth].append(dummy)
            layer[dummy] = depth
            size[dummy] = (DUMMY_W, 0.0)
            chain.append(dummy)
        chain.append(a.dst)
        chains[a.src, a.dst] = chain
        links += list(itertools.pairwise(chain))
    rows = order(rows, links)

    # Coordinates: layers top to bottom; each box pulled under the boxes above it.
    row_h = [max((size[n][1] for n in row), default=0.0) for row in rows]
    # Below a layer, room for the most labels that share one route down from it.
    shared_labels: dict[tuple[str, str], int] = {}
    for a in arrows:
        if not a.back:
            shared_labels[a.src, a.dst] = shared_labels.get((a.src, a.dst), 0) + 1
    gap = [GAP_Y] * len(rows)
    for (src, _dst), labels in shared_labels.items():
        gap[layer[src]] = max(gap[layer[src]], LABEL_STEP * (labels + 1) + 8)
    top = [MARGIN]
    for depth, h in enumerate(row_h[:-1]):
        top.append(top[-1] + h + gap[depth])
    preds: dict[str, list[str]] = {}
    for upper, lower in links:
        preds.setdefault(lower, []).append(upper)
    x: dict[str, float] = {}
    for depth, row in enumerate(rows):
        left = MARGIN
        for n in row:
            w = size[n][0]
            above = [x[p] + size[p][0] / 2 for p in preds.get(n, []) if p in x]
            wanted = sum(above) / len(above) - w / 2 if above and depth else left
            x[n] = max(left, wanted)
            left = x[n] + w + GAP_X
    y = {n: top[layer[n]] + (row_h[layer[n]] - size[n][1]) / 2 for n in x}

    nodes = tuple(
        Node(
            n,
            flow.step(n).kind,
            flow.step(n).title,
            x[n],
            y[n],
            size[n][0],
            size[n][1],
            layer[n],
            flow.step(n).is_acute,
        )
        for n in ids
    )
    right = max((x[n] + size[n][0] for n in x), default=MARGIN)
    bottom = max((y[n] + size[n][1] for n in ids), default=MARGIN)
    ports = _ports(chains, x, size)
    edges: list[Edge] = []
    lane = 0
    shared: dict[tuple[str, str], int] = {}
    points: tuple[tuple[float, float], ...]  # four for a loop, more for a route down
    for a in arrows:
        sx, sy, sw, sh = x[a.src], y[a.src], *size[a.src]
        dx, dy, dw, dh = x[a.dst], y[a.dst], *size[a.dst]
        if a.src == a.dst:
            # A small loop in the gap right of the box; a second one around the first.
            nth = shared.get((a.src, a.dst), 0)
            shared[a.src, a.dst] = nth + 1
            reach, rise = LOOP * (nth + 1), 6 + 4 * nth
            points = (
                (sx + sw, sy + sh / 2 - rise),
                (sx + sw + reach, sy + sh / 2 - rise),
                (sx + sw + reach, sy + sh / 2 + rise),
                (sx + sw, sy + sh / 2 + rise),
            )
            label_at = (sx + sw + reach, sy + sh / 2 - rise - LABEL_STEP * (nth + 1))
        elif a.back:
            lane += 1
            cx = right + CHANNEL * lane
            points = (
                (sx + sw, sy + sh / 2 + 4),
                (cx, sy + sh / 2 + 4),
                (cx, dy + dh / 2 - 4),
                (dx + dw, dy + dh / 2 - 4),
            )
            label_at = (cx, (sy + dy + dh) / 2)
        else:
            chain = chains[a.src, a.dst]
            middle = [(x[d] + DUMMY_W / 2, top[layer[d]]) for d in chain[1:-1]]
            out_x, in_x = ports[a.src, a.dst]
            points = ((out_x, sy + sh), *middle, (in_x, dy))
            (ax, ay), (bx, by) = points[0], points[1]
            nth = shared.get((a.src, a.dst), 0)
            shared[a.src, a.dst] = nth + 1
            label_at = ((ax + bx) / 2, (ay + by) / 2 + nth * LABEL_STEP)
        edges.append(
            Edge(
                a.src,
                a.dst,
                a.label,
                points,
                a.option,
                a.jump,
                GLOBAL_JUMP_KEYS.get(a.jump, ""),
                a.back,
                label_at,
            )
        )
    return Diagram(
        flow_id=flow.id,
        title=flow.title,
        nodes=nodes,
        edges=tuple(edges),
        width=right + CHANNEL * lane + MARGIN,
        height=bottom + MARGIN,
        jumps=tuple(GlobalJump(key, flow_id) for flow_id, key in GLOBAL_JUMP_KEYS.items()),
        jump_key=GLOBAL_JUMP_KEYS.get(flow.id, ""),
    )


def path_marks(trail: Sequence[Entry], flow: Flow) -> tuple[set[str], set[tuple[str, int]]]:
    """Return the steps and arrows of ``flow`` that a session's ``trail`` went through.

    Arrows are ``(src, option)`` as in :meth:`Diagram.edge`. A step left by a global
    jump, and a jump flow's outcome left by returning, have no arrow of their own.
    Use it for the planned path (a replay's trail) and the path taken alike.
    """
    flow_id = flow.id
    steps: set[str] = set()
    arrows: set[tuple[str, int]] = set()
    for entry in trail:
        if entry.flow_id != flow_id:
            continue
        steps.add(entry.step_id)
        if entry.left_by is not None and entry.left_by >= 0:
            arrows.add((entry.step_id, entry.left_by))
        elif entry.left_by == CONTINUED and flow.by_id[entry.step_id].next:
            arrows.add((entry.step_id, NEXT))
    return steps, arrows
