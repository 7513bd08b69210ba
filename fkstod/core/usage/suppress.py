"""Disclosure control of a two-way table with totals: primary and secondary suppression.

The table is published with its row totals, column totals and grand total; the
totals are cells like the others (a total of 3 is a small count too). Take the
extended ``(R+1) x (C+1)`` table and flip the sign of the total row and total
column (the grand total keeps its sign): every row and every column then sums to
zero. What an attacker may change in the suppressed cells without changing
anything shown is a circulation on the bipartite graph whose nodes are the lines
(rows and columns) and whose edges are the suppressed cells. A suppressed cell
can be worked out exactly if and only if its edge is a *bridge* of that graph
(it lies on no cycle), or if every cycle through it must pass a cell that is 0
in the direction that would make it negative.

So, after primary suppression (every cell, totals included, from 1 to
``threshold - 1``):

1. a line with exactly one suppressed cell gets a second one (a non-zero cell,
   preferably one whose crossing line already has a suppressed cell, then the
   smallest);
2. a suppressed cell that is a bridge gets a cycle: a non-zero cell joining the
   two sides is suppressed as well;
3. repeated until neither applies;
4. then an exact audit (:func:`bounds`, the attacker's own computation) looks for
   a small count whose tightest interval still lies within 1..threshold-1 (not
   pinned, but known to be small); beside the first such count one more cell of
   its row or column is suppressed (the smallest non-zero one), and all of it is
   repeated until no small count can be confined.

Zero cells are never suppressed and are shown as 0: a 0 says nothing about a
person, and a suppressed 0 would be worse, since its lower bound 0 is its value
and a cycle through it can move only one way. Every suppressed cell is then
non-zero and lies on a cycle of non-zero suppressed cells, so it can move both
ways: its tightest interval has a lower bound below its value and an upper bound
above it. When rule 2 finds no non-zero cell to join the sides, every non-zero
cell of the table is suppressed; that is always safe (the non-zero entries of a
table whose lines sum to zero carry a circulation, so none of them is a bridge).

The attacker knows that ".." is never 0 (the explanation under every report says
so), so the audit gives every suppressed count the floor 1 (:func:`floor`): two
hidden counts beside a shown total of 5 are each known to be 1 to 4 even though
neither is pinned. Step 4 ends at the latest when every non-zero cell is
suppressed; then the whole table can be scaled upwards without limit without
changing anything shown (every shown cell is 0). What is published therefore
never confines a small count: each interval reaches ``threshold``.

Every unsuppressed non-zero cell is at least ``threshold``, so the complements
chosen are never small counts themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Cell = tuple[int, int]


@dataclass(frozen=True)
class Protected:
    """A table with totals after disclosure control.

    Attributes:
        values: the extended table: ``values[i][j]`` for ``i < R, j < C`` the
            cells, ``values[i][C]`` the row totals, ``values[R][j]`` the column
            totals, ``values[R][C]`` the grand total. Never published as such.
        suppressed: the cells not to be shown (primary and secondary).
        primary: the small counts among them.
    """

    values: tuple[tuple[int, ...], ...]
    suppressed: frozenset[Cell]
    primary: frozenset[Cell]

    def shown(self, i: int, j: int) -> int | None:
        """Return the value to publish at ``(i, j)``, or None when it is suppressed."""
        return None if (i, j) in self.suppressed else self.values[i][j]


def extend(inner: Sequence[Sequence[int]]) -> list[list[int]]:
    """Return ``inner`` with a total column, a total row and the grand total."""
    width = len(inner[0]) if inner else 0
    rows = [[*row, sum(row)] for row in inner]
    totals = [sum(row[j] for row in rows) for j in range(width + 1)]
    return [*rows, totals]


def protect(
    inner: Sequence[Sequence[int]],
    threshold: int,
    *,
    hide: frozenset[Cell] | set[Cell] = frozenset(),
    least: Sequence[Sequence[int]] | None = None,
    also: frozenset[Cell] | set[Cell] = frozenset(),
) -> Protected:
    """Return the table ``inner`` (R rows of C non-negative counts) with its totals, protected.

    Args:
        hide: cells of the extended table to hide because a part of their count
            is hidden in another table (a 0 stays shown). A reader can move such
            a cell as far as that part moves in its own table, so the part's own
            audit covers it, and this table's audit leaves it out.
        least: per cell of the extended table, what the count is at least from
            other tables (the sum of its parts), as the floor of the audit.
        also: cells of the extended table to hide because they are hidden in a
            table bound to this one (a 0 stays shown); unlike ``hide``, the audit
            checks them as it checks every other hidden cell.

    Raises:
        ValueError: a negative count or a ragged table.
    """
    if not inner or not inner[0] or any(len(r) != len(inner[0]) for r in inner):
        raise ValueError("a table has at least one row and column, all of one width")
    if any(v < 0 for row in inner for v in row):
        raise ValueError("counts are never negative")
    ext = extend(inner)
    n_rows, n_cols = len(ext), len(ext[0])
    primary = {(i, j) for i in range(n_rows) for j in range(n_cols) if 0 < ext[i][j] < threshold}
    covered = {(i, j) for i, j in hide if ext[i][j] > 0}
    supp = set(primary) | covered | {(i, j) for i, j in also if ext[i][j] > 0}
    while True:
        _close_cycles(ext, supp)
        # The rules above already leave no cell pinned; the audit checks it as well,
        # so that a fault in them cannot publish a value that can be worked out.
        weak = _first_weak(ext, supp, least, primary, threshold, covered)
        if weak is None:
            break
        if not _widen(ext, supp, weak):
            break
    frozen = tuple(tuple(row) for row in ext)
    return Protected(frozen, frozenset(supp), frozenset(primary))


def _close_cycles(ext: list[list[int]], supp: set[Cell]) -> None:
    """Apply rules 1 and 2 until every suppressed cell lies on a cycle."""
    n_rows, n_cols = len(ext), len(ext[0])
    while True:
        added = _second_in_line(ext, supp)
        if added is None:
            return
        if added:
            continue
        bridge = _find_bridge(supp, n_rows, n_cols)
        if bridge is None or not _join(ext, supp, bridge, n_rows, n_cols):
            return


def _widen(ext: list[list[int]], supp: set[Cell], weak: Cell) -> bool:
    """Suppress one more cell beside a small count the attacker can still confine.

    Returns False when none was left and every non-zero cell is now suppressed.
    """
    i, j = weak
    n_rows, n_cols = len(ext), len(ext[0])
    line = [(i, c) for c in range(n_cols)] + [(r, j) for r in range(n_rows)]
    candidates = [cell for cell in line if cell not in supp and ext[cell[0]][cell[1]] > 0]
    if not candidates:
        # Its lines are all hidden: a cell on another line of the hidden cells joined
        # to it gives them room, before the whole table is hidden.
        nodes = _component(_neighbours(supp, n_rows), i, (-1, -1))
        candidates = [
            (r, c)
            for r in range(n_rows)
            for c in range(n_cols)
            if (r in nodes or n_rows + c in nodes) and (r, c) not in supp and ext[r][c] > 0
        ]
    if not candidates:
        _all_nonzero(ext, supp)
        return False
    supp.add(min(candidates, key=lambda cell: ext[cell[0]][cell[1]]))
    return True


def _all_nonzero(ext: list[list[int]], supp: set[Cell]) -> None:
    supp.update((i, j) for i in range(len(ext)) for j in range(len(ext[0])) if ext[i][j] > 0)


def _second_in_line(ext: list[list[int]], supp: set[Cell]) -> bool | None:
    """Give every line with one suppressed cell a second; True if any was added.

    None: no non-zero cell was left to add, and every non-zero cell is now suppressed.
    """
    n_rows, n_cols = len(ext), len(ext[0])
    row_count = [0] * n_rows
    col_count = [0] * n_cols
    for i, j in supp:
        row_count[i] += 1
        col_count[j] += 1
    lines = [("r", i) for i in range(n_rows) if row_count[i] == 1]
    lines += [("c", j) for j in range(n_cols) if col_count[j] == 1]
    if not lines:
        return False
    kind, k = lines[0]
    cells = [(k, j) for j in range(n_cols)] if kind == "r" else [(i, k) for i in range(n_rows)]
    candidates = [c for c in cells if c not in supp and ext[c[0]][c[1]] > 0]
    if not candidates:
        _all_nonzero(ext, supp)
        return None

    def cost(cell: Cell) -> tuple[int, int]:
        crossing = col_count[cell[1]] if kind == "r" else row_count[cell[0]]
        return (0 if crossing else 1, ext[cell[0]][cell[1]])

    supp.add(min(candidates, key=cost))
    return True


def _neighbours(supp: set[Cell], n_rows: int) -> dict[int, list[int]]:
    # Nodes: rows 0..n_rows-1, columns n_rows + j.
    graph: dict[int, list[int]] = {}
    for i, j in supp:
        graph.setdefault(i, []).append(n_rows + j)
        graph.setdefault(n_rows + j, []).append(i)
    return graph


def _component(graph: dict[int, list[int]], start: int, without: tuple[int, int]) -> set[int]:
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        for nxt in graph.get(node, []):
            if {node, nxt} == set(without) or nxt in seen:
                continue
            seen.add(nxt)
            stack.append(nxt)
    return seen


def _find_bridge(supp: set[Cell], n_rows: int, n_cols: int) -> Cell | None:
    graph = _neighbours(supp, n_rows)
    for i, j in sorted(supp):
        if n_rows + j not in _component(graph, i, (i, n_rows + j)):
            return (i, j)
    return None


def _join(ext: list[list[int]], supp: set[Cell], bridge: Cell, n_rows: int, n_cols: int) -> bool:
    """Suppress a non-zero cell that puts ``bridge`` on a cycle; False if all were needed."""
    graph = _neighbours(supp, n_rows)
    i, j = bridge
    side_a = _component(graph, i, (i, n_rows + j))
    side_b = _component(graph, n_rows + j, (i, n_rows + j))
    candidates = [
        (r, c)
        for r in range(n_rows)
        for c in range(n_cols)
        if (r, c) not in supp
        and ext[r][c] > 0
        and ((r in side_a and n_rows + c in side_b) or (r in side_b and n_rows + c in side_a))
    ]
    if not candidates:
        _all_nonzero(ext, supp)
        return False
    supp.add(min(candidates, key=lambda cell: ext[cell[0]][cell[1]]))
    return True


INF = float("inf")


def floor(value: int) -> int:
    """Return the least value an attacker knows a hidden count ``value`` has.

    A suppressed value is never 0 (zeros are shown, and the explanation under every
    report says ".." is not 0), so the attacker knows a hidden count is at least 1.
    """
    return 1 if value > 0 else 0


def _arcs(
    values: Sequence[Sequence[int]],
    supp: frozenset[Cell] | set[Cell],
    least: Sequence[Sequence[int]] | None = None,
):
    """Yield (cell, low, high): how far each suppressed cell's y-value may move, alone."""
    last_row, last_col = len(values) - 1, len(values[0]) - 1
    for i, j in supp:
        v = values[i][j]
        room = v - max(floor(v), min(v, least[i][j]) if least is not None else 0)
        flipped = (i == last_row) != (j == last_col)
        yield (i, j), (-INF, room) if flipped else (-room, INF)


def _max_flow(
    caps: dict[int, dict[int, float]], source: int, sink: int, enough: float = INF
) -> float:
    """Edmonds-Karp on a small graph; INF when a path of unbounded capacity exists.

    Stops as soon as the flow reaches ``enough`` (then it is at least that much).
    """
    flow = 0.0
    residual = {u: dict(vs) for u, vs in caps.items()}
    while True:
        parent = {source: source}
        queue = [source]
        for u in queue:
            for v, c in residual.get(u, {}).items():
                if c > 0 and v not in parent:
                    parent[v] = u
                    queue.append(v)
        if sink not in parent:
            return flow
        path = []
        v = sink
        while v != source:
            path.append((parent[v], v))
            v = parent[v]
        push = min(residual[u][v] for u, v in path)
        if push == INF:
            return INF
        for u, v in path:
            residual[u][v] -= push
            residual.setdefault(v, {})[u] = residual.get(v, {}).get(u, 0) + push
        flow += push
        if flow >= enough:
            return flow


def _capacities(
    arcs: dict[Cell, tuple[float, float]], cell: Cell, n_rows: int
) -> dict[int, dict[int, float]]:
    # The other suppressed cells as a graph of rows and columns, each within its room.
    caps: dict[int, dict[int, float]] = {}
    for (i, j), (lo, hi) in arcs.items():
        if (i, j) == cell:
            continue
        r, c = i, n_rows + j
        caps.setdefault(r, {})[c] = caps.get(r, {}).get(c, 0) + hi
        caps.setdefault(c, {})[r] = caps.get(c, {}).get(r, 0) - lo
    return caps


def _first_weak(
    values: Sequence[Sequence[int]],
    supp: set[Cell],
    least: Sequence[Sequence[int]] | None,
    primary: set[Cell],
    threshold: int,
    skip: set[Cell],
) -> Cell | None:
    """Return the first cell the audit finds pinned down or a small count confined.

    The same answer, in the same order, as reading :func:`bounds`, but each maximum
    flow stops once it is enough to say: a small count is safe when it can grow to
    ``threshold`` (it cannot shrink below its floor 1, so it is never shown to be 0),
    another cell when it can move at all.
    """
    n_rows, last_col = len(values), len(values[0]) - 1
    arcs = dict(_arcs(values, supp, least))
    for cell, (low, high) in arcs.items():
        if cell in skip:
            continue
        caps = _capacities(arcs, cell, n_rows)
        r, c = cell[0], n_rows + cell[1]
        flipped = (cell[0] == n_rows - 1) != (cell[1] == last_col)
        # (source, sink, room) of the count growing and of it shrinking.
        grow, shrink = ((c, r, high), (r, c, -low))
        if flipped:
            grow, shrink = shrink, grow
        if cell in primary:
            need = threshold - values[cell[0]][cell[1]]
            if _moves(caps, grow, need) < need:
                return cell
        elif _moves(caps, grow, 1) <= 0 and _moves(caps, shrink, 1) <= 0:
            return cell
    return None


def _moves(caps: dict[int, dict[int, float]], way: tuple[int, int, float], enough: float) -> float:
    source, sink, room = way
    return min(room, _max_flow(caps, source, sink, enough))


def bounds(
    values: Sequence[Sequence[int]],
    supp: frozenset[Cell] | set[Cell],
    least: Sequence[Sequence[int]] | None = None,
    only: Sequence[Cell] | None = None,
) -> dict[Cell, tuple[float, float]]:
    """Return the tightest interval of every suppressed cell, as an attacker computes it.

    ``only``: the cells to compute (of the suppressed), when not all are wanted.

    The attacker knows every shown cell, that the lines add up, that counts are
    never negative and that a suppressed count is never 0 (:func:`floor`). In the
    sign-flipped table a change of the suppressed cells is a
    circulation (see the module text); the most one cell can move up is the maximum
    flow back from its column to its row through the other suppressed cells, each
    within what keeps its count at its floor. Exact, like linear programming, for
    two-way tables (the constraint matrix is a network matrix). ``least`` raises
    the floor of a cell to what other tables say it is at least.
    """
    n_rows = len(values)
    arcs = dict(_arcs(values, supp, least))
    out: dict[Cell, tuple[float, float]] = {}
    wanted = arcs if only is None else [cell for cell in only if cell in arcs]
    for cell in wanted:
        low, high = arcs[cell]
        caps = _capacities(arcs, cell, n_rows)
        r, c = cell[0], n_rows + cell[1]
        up = min(high, _max_flow(caps, c, r))
        down = max(low, -_max_flow(caps, r, c))
        v = values[cell[0]][cell[1]]
        flipped = (cell[0] == n_rows - 1) != (cell[1] == len(values[0]) - 1)
        out[cell] = (v - up, v - down) if flipped else (v + down, v + up)
    return out


def weak_cells(protected: Protected, threshold: int) -> list[Cell]:
    """Return the small counts whose interval the attacker can confine to 1..threshold-1."""
    found = bounds(protected.values, protected.suppressed)
    return sorted(
        cell for cell in protected.primary if found[cell][0] > 0 and found[cell][1] < threshold
    )


# -- linked tables: tables that share totals, as one network ---------------------------------

#: An edge of a network of counts: (tail node, head node). Every node conserves:
#: what flows in equals what flows out, so every published sum is a node's balance.
Edge = tuple[str, str]


def network_bounds(
    edges: Sequence[Edge], values: Sequence[int], hidden: set[int] | frozenset[int]
) -> dict[int, tuple[float, float]]:
    """Return the tightest interval of every hidden edge, as an attacker computes it.

    The attacker knows every shown value, that every node conserves, that counts are
    never negative and that a hidden count is never 0 (:func:`floor`). A change of
    the hidden edges is a circulation on them: an edge can grow by the most that can
    flow back from its head to its tail through the other hidden edges (forwards
    without limit, backwards down to their floor), and shrink
    by the most that can flow on from its tail to its head. Exact, like linear
    programming: the constraints are a network matrix.
    """
    nodes: dict[str, int] = {}
    for tail, head in edges:
        nodes.setdefault(tail, len(nodes))
        nodes.setdefault(head, len(nodes))
    out: dict[int, tuple[float, float]] = {}
    for e in hidden:
        caps: dict[int, dict[int, float]] = {}
        for f in hidden:
            if f == e:
                continue
            a, b = nodes[edges[f][0]], nodes[edges[f][1]]
            caps.setdefault(a, {})[b] = caps.get(a, {}).get(b, 0) + INF
            caps.setdefault(b, {})[a] = caps.get(b, {}).get(a, 0) + values[f] - floor(values[f])
        p, q = nodes[edges[e][0]], nodes[edges[e][1]]
        up = _max_flow(caps, q, p)
        down = min(values[e] - floor(values[e]), _max_flow(caps, p, q))
        out[e] = (values[e] - down, values[e] + up)
    return out


def protect_network(
    edges: Sequence[Edge],
    values: Sequence[int],
    threshold: int,
    hidden: set[int] | frozenset[int] = frozenset(),
    unpublished: set[int] | frozenset[int] = frozenset(),
) -> frozenset[int]:
    """Return the edges to hide so that no small count can be worked out or confined.

    ``hidden`` is where to start (the tables' own protection); the small counts are
    added, then, while the exact audit (:func:`network_bounds`) pins an edge down or
    confines a small count to 1..threshold-1, the smallest non-zero shown edge at one
    of its ends is hidden too. At worst every non-zero edge is hidden, which is safe:
    the whole network can then be scaled from 0 upwards without changing what is shown.
    ``unpublished`` edges are never shown and were hidden to protect nothing: one
    may be worked out, unless it is a small count.
    """
    primary = {e for e, v in enumerate(values) if 0 < v < threshold}
    supp = set(hidden) | set(unpublished) | primary
    while True:
        weak = [
            e
            for e, (low, high) in sorted(network_bounds(edges, values, supp).items())
            if (low == high and e not in unpublished)
            or (e in primary and low > 0 and high < threshold)
        ]
        if not weak:
            return frozenset(supp)
        ends = set(edges[weak[0]])
        candidates = [
            f
            for f, (tail, head) in enumerate(edges)
            if f not in supp and values[f] > 0 and (tail in ends or head in ends)
        ]
        if not candidates:
            supp.update(f for f, v in enumerate(values) if v > 0)
            return frozenset(supp)
        supp.add(min(candidates, key=lambda f: (values[f], f)))
