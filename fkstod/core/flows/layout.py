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
from fkstod.core.i18n import _

#: ``measure(text, kind) -> (width, height)`` of a step's box with its title.
Measure = Callable[[str, str], tuple[float, float]]
#: ``measure_label(text) -> (width, height)`` of an arrow's label with its margin.
LabelMeasure = Callable[[str], tuple[float, float]]
#: ``(left, top, width, height)`` of a rectangle.
Box = tuple[float, float, float, float]

GAP_X = 32.0  # between boxes in a layer
GAP_Y = 56.0  # between layers: room for an arrow's label
MARGIN = 16.0
CHANNEL = 14.0  # between the lanes of the arrows that go back, right of the boxes
DUMMY_W = 8.0
LOOP = 10.0  # how far a step's arrow to itself reaches out; less than GAP_X
LABEL_PAD = 2.0  # above the first row of labels in a gap and below the last
LABEL_LEAD = 3.0  # between two rows of labels, so that two labels never read as one
LABEL_SPACE = 8.0  # at least between two labels side by side
#: Longest label drawn beside an arrow, in characters; the full label is a tool tip.
LABEL_CHARS = 26


def default_measure(text: str, kind: str) -> tuple[float, float]:
    """Return an estimated box size: about 7 units per character, one line high."""
    return max(120.0, 7.0 * len(text) + 24.0), 40.0


def default_label_measure(text: str) -> tuple[float, float]:
    """Return an estimated label size: about 6.5 units per character, one line high."""
    return 6.5 * len(text) + 6.0, 16.0


def short_label(label: str, limit: int = LABEL_CHARS) -> str:
    """Return ``label`` cut to ``limit`` characters with an ellipsis (the full one is a tool tip)."""
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def label_text(label: str, jump: str = "", jump_key: str = "") -> str:
    """Return the text drawn beside an arrow: its label cut short, and the jump's key."""
    text = short_label(label) if label else ""
    if jump:
        key = jump_key or _("hopp")
        text = f"[{key}] {text}".strip()
    return text


def _overlaps(a: Box, b: Box, space: float = 0.0) -> bool:
    """True when ``a`` and ``b`` share more than an edge, or lie closer than ``space`` across."""
    return (
        a[0] < b[0] + b[2] + space
        and b[0] < a[0] + a[2] + space
        and a[1] < b[1] + b[3]
        and b[1] < a[1] + a[3]
    )


def _label_rows(
    items: list[tuple[int, float, float, float]],
    size: list[tuple[float, float]],
    least: float,
) -> tuple[dict[int, Box], float]:
    """Place the labels of the arrows down through one gap; return them and the gap's height.

    ``items`` are ``(arrow, x where it leaves, x where it reaches the gap's bottom, how far
    its box ends above the gap)``. From left to right, each label goes on its own arrow
    in the first row where it is clear of the labels already placed. When the rows do not
    fit in the gap, the gap grows to hold them and the labels are placed again (the
    arrows' slopes change with it). The rows needed never exceed the number of labels,
    and the gap only grows, so this ends.
    """
    if not items:
        return {}, least
    line = max(size[k][1] for k, *_ in items) + LABEL_LEAD
    ordered = sorted(items, key=lambda it: (min(it[1], it[2]), it[1], it[0]))
    gap = least
    while True:
        placed: dict[int, Box] = {}
        rows = 0
        for k, out_x, to_x, drop in ordered:
            w, h = size[k]
            for row in itertools.count():
                cy = LABEL_PAD + (row + 0.5) * line
                cx = out_x + (to_x - out_x) * (cy + drop) / (gap + drop)
                box = (max(2.0, cx - w / 2), cy - h / 2, w, h)
                if not any(_overlaps(box, other, LABEL_SPACE) for other in placed.values()):
                    break
            placed[k] = box
            rows = max(rows, row + 1)
        need = 2 * LABEL_PAD + rows * line
        if need <= gap:
            return placed, gap
        gap = need


def _free_spot(want: tuple[float, float], size: tuple[float, float], taken: list[Box]) -> Box:
    """Return the label's box at ``want`` (its top left), or the nearest free one above or below."""
    (x, y), (w, h) = want, size
    for step in range(200):
        dy = (step + 1) // 2 * h / 2 * (1 if step % 2 else -1)
        box = (x, max(2.0, y + dy), w, h)
        if not any(_overlaps(box, other, LABEL_SPACE) for other in taken):
            return box
    bottom = max((b[1] + b[3] for b in taken), default=0.0)
    return (x, bottom + LABEL_LEAD, w, h)  # below everything: never on top of anything


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
        label_at: the centre of the label.
        text: the text drawn as its label ("" for none): the label cut short, the jump's key.
        label_box: ``(left, top, width, height)`` of the label; no two overlap, nor a box.
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
    text: str = ""
    label_box: Box = (0.0, 0.0, 0.0, 0.0)


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


def layout_flow(
    flow: Flow, measure: Measure | None = None, measure_label: LabelMeasure | None = None
) -> Diagram:
    """Lay ``flow`` out as a layered diagram, top to bottom from its first step.

    Args:
        flow: a flow that loaded (lint-clean flows give the best pictures).
        measure: ``(title, kind) -> (width, height)`` of a step's box.
        measure_label: ``text -> (width, height)`` of an arrow's label, margin included.
    """
    measure = measure or default_measure
    measure_label = measure_label or default_label_measure
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

    # Across: each box pulled under the boxes above it (the layers' heights come later).
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
    ports = _ports(chains, x, size)

    # Down: each gap between layers as high as its arrows' labels need, at least GAP_Y.
    row_h = [max((size[n][1] for n in row), default=0.0) for row in rows]
    texts = [label_text(a.label, a.jump, GLOBAL_JUMP_KEYS.get(a.jump, "")) for a in arrows]
    label_size = [measure_label(t) if t else (0.0, 0.0) for t in texts]
    boxes: dict[int, Box] = {}
    down: list[list[tuple[int, float, float, float]]] = [[] for _ in rows]
    for k, a in enumerate(arrows):
        if texts[k] and not a.back:
            chain = chains[a.src, a.dst]
            after = chain[1]
            out_x, in_x = ports[a.src, a.dst]
            to_x = in_x if len(chain) == 2 else x[after] + DUMMY_W / 2
            drop = (row_h[layer[a.src]] - size[a.src][1]) / 2  # from the box's edge to the gap
            down[layer[a.src]].append((k, out_x, to_x, drop))
    gap: list[float] = []
    for depth in range(len(rows)):
        placed, height = _label_rows(down[depth], label_size, GAP_Y)
        gap.append(height)
        boxes.update(placed)
    top = [MARGIN]
    for depth, h in enumerate(row_h[:-1]):
        top.append(top[-1] + h + gap[depth])
    for k, (bx, by, bw, bh) in list(boxes.items()):
        below = top[layer[arrows[k].src]] + row_h[layer[arrows[k].src]]
        boxes[k] = (bx, below + by, bw, bh)
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
    taken = [*boxes.values(), *((n.x, n.y, n.w, n.h) for n in nodes)]
    edges: list[Edge] = []
    lane = 0
    shared: dict[tuple[str, str], int] = {}
    points: tuple[tuple[float, float], ...]  # four for a loop, more for a route down
    for k, a in enumerate(arrows):
        sx, sy, sw, sh = x[a.src], y[a.src], *size[a.src]
        dx, dy, dw, dh = x[a.dst], y[a.dst], *size[a.dst]
        lw, lh = label_size[k]
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
            # Beside the outermost loop, or as near above or below it as is free.
            loops = sum(1 for b in arrows if b.src == b.dst == a.src)
            want = (sx + sw + LOOP * loops + 3, sy + sh / 2 - rise - lh)
            if texts[k]:
                boxes[k] = _free_spot(want, (lw, lh), taken)
        elif a.back:
            lane += 1
            cx = right + CHANNEL * lane
            points = (
                (sx + sw, sy + sh / 2 + 4),
                (cx, sy + sh / 2 + 4),
                (cx, dy + dh / 2 - 4),
                (dx + dw, dy + dh / 2 - 4),
            )
            # Right of its own lane, at the lane's middle or as near it as is free.
            want = (cx + 3, (sy + dy + dh) / 2 - lh / 2)
            if texts[k]:
                boxes[k] = _free_spot(want, (lw, lh), taken)
        else:
            chain = chains[a.src, a.dst]
            middle = [(x[d] + DUMMY_W / 2, top[layer[d]]) for d in chain[1:-1]]
            out_x, in_x = ports[a.src, a.dst]
            points = ((out_x, sy + sh), *middle, (in_x, dy))
        if k in boxes:
            taken.append(boxes[k])
        box = boxes.get(k, (points[0][0], points[0][1], 0.0, 0.0))
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
                (box[0] + box[2] / 2, box[1] + box[3] / 2),
                texts[k],
                box,
            )
        )
    width = max([right + CHANNEL * lane, *(b[0] + b[2] for b in boxes.values())], default=right)
    height = max([bottom, *(b[1] + b[3] for b in boxes.values())], default=bottom)
    return Diagram(
        flow_id=flow.id,
        title=flow.title,
        nodes=nodes,
        edges=tuple(edges),
        width=width + MARGIN,
        height=height + MARGIN,
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
