"""The graph half of the diagram's layout: arrows, loops, layers and the order in each layer.

Sugiyama-style, short and deterministic: file order breaks every tie. The
geometry (sizes, coordinates, routes) is in :mod:`fkstod.core.flows.layout`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from fkstod.core.flows.model import Flow

#: The option index of an arrow that is a step's ``next`` (not a chosen answer).
NEXT = -1

#: Rounds of barycentre sweeps (down and up); the order with fewest crossings wins.
SWEEPS = 8


@dataclass
class Arrow:
    """A step's way on: an option (its index) or its ``next`` (NEXT); ``back`` closes a loop."""

    src: str
    dst: str
    label: str
    option: int
    jump: str
    back: bool = False


def arrows_of(flow: Flow) -> list[Arrow]:
    out: list[Arrow] = []
    for step in flow.steps:
        if step.kind == "question":
            out += [
                Arrow(step.id, o.next, o.label, i, o.jump)
                for i, o in enumerate(step.options)
                if o.next in flow.by_id
            ]
        elif step.next in flow.by_id:
            out.append(Arrow(step.id, step.next, "", NEXT, ""))
    return out


def mark_back(flow: Flow, ids: list[str], arrows: list[Arrow]) -> list[str]:
    """Mark the arrows that close a loop; return the steps in depth-first preorder."""
    out_of: dict[str, list[Arrow]] = {i: [] for i in ids}
    for arrow in arrows:
        out_of[arrow.src].append(arrow)
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    preorder: list[str] = []
    roots = [flow.start_id] if flow.start_id in out_of else []
    for root in [*roots, *ids]:
        if root in state:
            continue
        state[root] = 1
        preorder.append(root)
        stack = [(root, 0)]
        while stack:
            node, i = stack[-1]
            if i == len(out_of[node]):
                state[node] = 2
                stack.pop()
                continue
            stack[-1] = (node, i + 1)
            arrow = out_of[node][i]
            seen = state.get(arrow.dst)
            if seen == 1:
                arrow.back = True
            elif seen is None:
                state[arrow.dst] = 1
                preorder.append(arrow.dst)
                stack.append((arrow.dst, 0))
    return preorder


def layers(preorder: list[str], arrows: list[Arrow]) -> dict[str, int]:
    layer = {i: 0 for i in preorder}
    down = [a for a in arrows if not a.back]
    # Longest path: relax in rounds; the downward arrows form no cycle, so at
    # most len(preorder) rounds are needed.
    for _round in range(len(preorder)):
        changed = False
        for a in down:
            if layer[a.dst] < layer[a.src] + 1:
                layer[a.dst] = layer[a.src] + 1
                changed = True
        if not changed:
            break
    return layer


def crossings(upper: list[str], lower: list[str], links: list[tuple[str, str]]) -> int:
    pos_u = {n: i for i, n in enumerate(upper)}
    pos_l = {n: i for i, n in enumerate(lower)}
    pairs = sorted((pos_u[a], pos_l[b]) for a, b in links if a in pos_u and b in pos_l)
    return sum(
        1 for i, (a1, b1) in enumerate(pairs) for a2, b2 in pairs[i + 1 :] if a2 > a1 and b2 < b1
    )


def barycentre(
    node: str, near: dict[str, list[str]], other: dict[str, int], current: dict[str, int]
) -> tuple[float, int]:
    # Ties, and a node with no neighbour in the other layer, keep their place.
    around = [other[m] for m in near.get(node, []) if m in other]
    return (sum(around) / len(around) if around else current[node], current[node])


def order(rows: list[list[str]], links: list[tuple[str, str]]) -> list[list[str]]:
    preds: dict[str, list[str]] = {}
    succs: dict[str, list[str]] = {}
    for a, b in links:
        succs.setdefault(a, []).append(b)
        preds.setdefault(b, []).append(a)

    def total(rs: list[list[str]]) -> int:
        return sum(crossings(rs[i], rs[i + 1], links) for i in range(len(rs) - 1))

    def sweep(rs: list[list[str]], rng: range, near: dict[str, list[str]], step: int) -> None:
        for i in rng:
            other = {n: k for k, n in enumerate(rs[i - step])}
            current = {n: k for k, n in enumerate(rs[i])}
            rs[i] = sorted(rs[i], key=partial(barycentre, near=near, other=other, current=current))

    best, best_count = [list(r) for r in rows], total(rows)
    work = [list(r) for r in rows]
    for _sweep in range(SWEEPS):
        sweep(work, range(1, len(work)), preds, 1)
        sweep(work, range(len(work) - 2, -1, -1), succs, -1)
        count = total(work)
        if count < best_count:
            best, best_count = [list(r) for r in work], count
    return best
