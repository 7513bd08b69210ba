"""A flow as a layered diagram: boxes for steps, labelled arrows for choices.

Our own short Sugiyama-style layering, not a library: depth-first search marks
the arrows that go back (loops and a step that leads to itself; those between two
steps are routed down from the step they return to and drawn the other way),
longest-path layering puts every other arrow downwards, and between two layers of steps a row
of its own holds the labels of the arrows leaving the upper one. An arrow down
passes a waypoint in every row between its ends and runs straight down through
it; its labels are its waypoint's box in the labels' row. Barycentre sweeps order
each row (the order with fewest crossings wins) and sweeps down and up pull each
box towards the middle of its neighbours, never closer to the next than the room
kept between them. So no arrow's line runs through a box or a label it does not
belong to: arrows cross only between rows. Every step is deterministic: file
order breaks every tie, no set or hash order is used.

Sizes come from a ``measure`` callback, so that the Qt painter can pass real font
metrics; the default is a plain estimate for tests and the command line.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from fkstod.core.flows.labels import LABEL_LEAD, LABEL_SPACE, Box, first_free, overlaps
from fkstod.core.flows.layering import NEXT, arrows_of, layers, mark_back, order
from fkstod.core.flows.model import GLOBAL_JUMP_KEYS, Flow
from fkstod.core.flows.session import CONTINUED, Entry
from fkstod.core.i18n import _

#: ``measure(text, kind) -> (width, height)`` of a step's box with its title.
Measure = Callable[[str, str], tuple[float, float]]
#: ``measure_label(text) -> (width, height)`` of an arrow's label with its margin.
LabelMeasure = Callable[[str], tuple[float, float]]

GAP_X = 32.0  # between boxes in a layer
GAP_Y = 56.0  # between layers without labels
LABEL_GAP = 16.0  # above and below a row of labels
SWEEPS_X = 3  # rounds of pulling boxes across towards their neighbours, up and down
MARGIN = 16.0
DUMMY_W = 8.0
LOOP = 10.0  # how far a step's arrow to itself reaches out; less than GAP_X
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


def _free_spot(want: tuple[float, float], size: tuple[float, float], taken: list[Box]) -> Box:
    """Return the label's box at ``want`` (its top left), or the nearest free one above or below."""
    (x, y), (w, h) = want, size
    for step in range(200):
        dy = (step + 1) // 2 * h / 2 * (1 if step % 2 else -1)
        box = (x, max(2.0, y + dy), w, h)
        if not any(overlaps(box, other, LABEL_SPACE) for other in taken):
            return box
    bottom = max((b[1] + b[3] for b in taken), default=0.0)
    return (x, bottom + LABEL_LEAD, w, h)  # below everything: never on top of anything


def _outwards(step: float, count: int = 40):
    """Yield 0, then ``step``, ``-step``, ``2 * step``, … : from a place outwards both ways."""
    yield 0.0
    for n in range(1, count + 1):
        yield n * step
        yield -n * step


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
        label_box: ``(left, top, width, height)`` of the label; it overlaps no other label,
            no box and no other arrow's line.
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


def _spread(want: list[float], step: list[float]) -> list[float]:
    """Return positions nearest ``want`` (least squares) with ``step[i]`` from one to the next.

    Pool adjacent violators on the positions less the room before each: blocks of boxes
    that would overlap move together, to the mean of what they want.
    """
    before = list(itertools.accumulate([0.0, *step[:-1]]))
    blocks: list[list[float]] = []  # [sum of targets, count]
    for target in (w - b for w, b in zip(want, before, strict=True)):
        blocks.append([target, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    out: list[float] = []
    for total, count in blocks:
        out += [total / count] * int(count)
    return [o + b for o, b in zip(out, before, strict=True)]


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
        leaving.setdefault(chain[0], []).append((x[after] + size[after][0] / 2, key))
        entering.setdefault(chain[-1], []).append((x[before] + size[before][0] / 2, key))
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
    texts = [label_text(a.label, a.jump, GLOBAL_JUMP_KEYS.get(a.jump, "")) for a in arrows]
    label_size = [measure_label(t) if t else (0.0, 0.0) for t in texts]

    # Rows: between two layers of steps, a row holds the labels of the arrows leaving the
    # upper one (when they have any). An arrow down passes a waypoint in every row between
    # its ends: its labels (one under the other) in the label row, a bare waypoint
    # elsewhere. A label is then a box in a row like any other: the ordering and spacing
    # keep every other arrow out of it, and arrows cross one another only between rows.
    # An arrow that goes back up is routed the same way, from the step it returns to down
    # to the one it leaves, and drawn the other way round; its labels lie in the row just
    # above the step it leaves.
    on_route: dict[tuple[str, str], list[int]] = {}
    for k, a in enumerate(arrows):
        if a.src != a.dst and texts[k]:
            on_route.setdefault((a.src, a.dst), []).append(k)
    gap_of = {(src, dst): layer[src] - (layer[src] > layer[dst]) for src, dst in on_route}
    base = [0]
    for depth in range(max(layer.values(), default=0)):
        base.append(base[-1] + (2 if depth in gap_of.values() else 1))
    label_row = {route: base[depth] + 1 for route, depth in gap_of.items()}
    row_of = {n: base[layer[n]] for n in ids}
    first_seen = {n: k for k, n in enumerate(preorder)}
    rows: list[list[str]] = [[] for _ in range(base[-1] + 1)]
    for n in sorted(ids, key=lambda n: first_seen[n]):
        rows[row_of[n]].append(n)
    links: list[tuple[str, str]] = []
    chains: dict[tuple[str, str], list[str]] = {}
    labels_at: dict[str, list[int]] = {}  # a labels' waypoint: the arrows whose labels it holds
    for k, a in enumerate(arrows):
        # Answers that lead the same way share one route (and its waypoints).
        if a.src == a.dst or (a.src, a.dst) in chains:
            continue
        upper, lower = (a.dst, a.src) if a.back else (a.src, a.dst)
        chain = [upper]
        for depth in range(row_of[upper] + 1, row_of[lower]):
            waypoint = f"~{k}:{depth}"
            rows[depth].append(waypoint)
            row_of[waypoint] = depth
            if label_row.get((a.src, a.dst)) == depth:
                held = labels_at[waypoint] = on_route[a.src, a.dst]
                size[waypoint] = (
                    max(label_size[j][0] for j in held),
                    sum(label_size[j][1] for j in held) + LABEL_LEAD * (len(held) - 1),
                )
            else:
                size[waypoint] = (DUMMY_W, 0.0)
            chain.append(waypoint)
        chain.append(lower)
        chains[a.src, a.dst] = chain
        links += list(itertools.pairwise(chain))
    rows = order(rows, links)

    # Room right of a step for the labels of its loops (beside them, one under the other).
    loops_of: dict[str, list[int]] = {}
    for k, a in enumerate(arrows):
        if a.src == a.dst:
            loops_of.setdefault(a.src, []).append(k)
    beside = {
        n: LOOP * len(ks) + 3 + max(label_size[k][0] for k in ks) + LABEL_SPACE
        for n, ks in loops_of.items()
        if any(texts[k] for k in ks)
    }

    # Across: each box as near the middle of its neighbours above (then below) as the
    # order and the room between boxes allow; a few sweeps down and up, then down.
    preds: dict[str, list[str]] = {}
    succs: dict[str, list[str]] = {}
    for upper, lower in links:
        preds.setdefault(lower, []).append(upper)
        succs.setdefault(upper, []).append(lower)
    room = {
        n: max(GAP_X if depth in base else LABEL_SPACE, beside.get(n, 0.0))
        for depth, row in enumerate(rows)
        for n in row
    }
    x: dict[str, float] = {}
    for row in rows:
        left = MARGIN
        for n in row:
            x[n] = left
            left += size[n][0] + room[n]
    sweeps = [(range(1, len(rows)), preds)]
    sweeps += [(range(len(rows) - 2, -1, -1), succs), (range(1, len(rows)), preds)] * SWEEPS_X
    for depths, near in sweeps:
        for depth in depths:
            row = rows[depth]
            wanted: list[float] = []
            for n in row:
                around = [x[m] + size[m][0] / 2 for m in near.get(n, [])]
                wanted.append(sum(around) / len(around) - size[n][0] / 2 if around else x[n])
            for n, at in zip(
                row, _spread(wanted, [size[n][0] + room[n] for n in row]), strict=True
            ):
                x[n] = at
    shift = MARGIN - min(x.values(), default=MARGIN)
    x = {n: at + shift for n, at in x.items()}
    ports = _ports(chains, x, size)

    # Down: a step's row as high as its boxes (and its loops' labels), a labels' row as
    # high as its highest stack; GAP_Y between two rows of steps, LABEL_GAP around labels.
    row_h = [max((size[n][1] for n in row), default=0.0) for row in rows]
    for n, ks in loops_of.items():
        stack = sum(label_size[k][1] + LABEL_LEAD for k in ks if texts[k]) - LABEL_LEAD
        row_h[row_of[n]] = max(row_h[row_of[n]], stack)
    steps_at = set(row_of[n] for n in ids)
    top = [MARGIN]
    for depth, h in enumerate(row_h[:-1]):
        between_steps = depth in steps_at and depth + 1 in steps_at
        top.append(top[-1] + h + (GAP_Y if between_steps else LABEL_GAP))
    y = {n: top[row_of[n]] + (row_h[row_of[n]] - size[n][1]) / 2 for n in x}

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

    # The labels of the arrows down: on their own line, in their waypoint's box.
    boxes: dict[int, Box] = {}
    for waypoint, held in labels_at.items():
        cx, cy = x[waypoint] + size[waypoint][0] / 2, y[waypoint]
        for k in held:
            lw, lh = label_size[k]
            boxes[k] = (cx - lw / 2, cy, lw, lh)
            cy += lh + LABEL_LEAD

    shared: dict[tuple[str, str], int] = {}
    routes: list[tuple[tuple[float, float], ...]] = []
    for a in arrows:
        sx, sy, sw, sh = x[a.src], y[a.src], *size[a.src]
        if a.src == a.dst:
            # A small loop in the gap right of the box; a second one around the first.
            nth = shared.get((a.src, a.dst), 0)
            shared[a.src, a.dst] = nth + 1
            reach, rise = LOOP * (nth + 1), 6 + 4 * nth
            routes.append(
                (
                    (sx + sw, sy + sh / 2 - rise),
                    (sx + sw + reach, sy + sh / 2 - rise),
                    (sx + sw + reach, sy + sh / 2 + rise),
                    (sx + sw, sy + sh / 2 + rise),
                )
            )
        else:
            # Straight down through each row between its ends, in the room kept for it.
            chain = chains[a.src, a.dst]
            uy, uh = y[chain[0]], size[chain[0]][1]
            middle = [
                (x[d] + size[d][0] / 2, top[row_of[d]] + edge)
                for d in chain[1:-1]
                for edge in (0.0, row_h[row_of[d]])
            ]
            out_x, in_x = ports[a.src, a.dst]
            route = ((out_x, uy + uh), *middle, (in_x, y[chain[-1]]))
            routes.append(route[::-1] if a.back else route)

    # The labels of the loops, one under the other in the room kept beside the outermost
    # loop, each as near its place as is clear of every other label, box and line.
    taken = [*boxes.values(), *((n.x, n.y, n.w, n.h) for n in nodes)]
    stacked: dict[str, float] = {}
    for k, a in enumerate(arrows):
        if not texts[k] or a.src != a.dst:
            continue
        points, (lw, lh) = routes[k], label_size[k]
        sx, sy, sw, sh = x[a.src], y[a.src], *size[a.src]
        held = [j for j in loops_of[a.src] if texts[j]]
        high = sum(label_size[j][1] + LABEL_LEAD for j in held) - LABEL_LEAD
        below = stacked.get(a.src, sy + sh / 2 - high / 2)
        stacked[a.src] = below + lh + LABEL_LEAD
        want = (sx + sw + LOOP * len(loops_of[a.src]) + 3, below)
        others = [
            seg
            for n, other in enumerate(routes)
            if n != k and other != points
            for seg in itertools.pairwise(other)
        ]
        places = [(want[0], max(2.0, want[1] + dy), lw, lh) for dy in _outwards(lh / 4)]
        boxes[k] = first_free(places, taken, others) or _free_spot(want, (lw, lh), taken)
        taken.append(boxes[k])

    edges: list[Edge] = []
    for k, a in enumerate(arrows):
        box = boxes.get(k, (routes[k][0][0], routes[k][0][1], 0.0, 0.0))
        edges.append(
            Edge(
                a.src,
                a.dst,
                a.label,
                routes[k],
                a.option,
                a.jump,
                GLOBAL_JUMP_KEYS.get(a.jump, ""),
                a.back,
                (box[0] + box[2] / 2, box[1] + box[3] / 2),
                texts[k],
                box,
            )
        )
    width = max([right, *(b[0] + b[2] for b in boxes.values())], default=right)
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
