"""Every draft case-file note a flow can produce, each with a path that leads to it.

The walk tries, from every step, every answer, going on, returning from a jump,
and (unless turned off) leaving a jump early, showing the step's support in the
directory, and each global jump (F5–F8) from every step of the flow itself.

What a run adds to its note is the union of what each step and answer adds, and a
jump flow adds the same whoever entered it. So each jump flow is walked once, and
what it can add is reused wherever it is entered; two runs at the same step with
the same sentences, codes and support so far can only go on alike, so only the
first is walked on. That keeps the walk finite and fast, however the flows loop
back. Each distinct end is then replayed on a real
:class:`~fkstod.core.flows.session.FlowSession`, so every note and path is exactly
what the app writes and shows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from fkstod.core.flows.library import FlowLibrary
from fkstod.core.flows.model import GLOBAL_JUMPS, Flow
from fkstod.core.flows.note_rule import (
    NOTE_SAFE_OUTCOMES,
    PARTY_CODE,
    PARTY_CODE_READER,
    SUPPORT_SENTENCE,
    sentence_faults,
    sentences,
)
from fkstod.core.flows.session import FlowSession
from fkstod.core.i18n import _

#: Codes that mean the person told of violence: where another party may read the
#: file, a note must never differ because of them.
DISCLOSURE_CODES: frozenset[str] = frozenset({"disclosed", "disclosed_uses_violence"})

# A move, replayed on a session: ("choose", index), ("advance",), ("leave",),
# ("jump", flow_id) or ("support", categories).
Move = tuple
# What a run has added to its note so far: the sentences that get through, the codes
# that still can (their labels stand in while no sentence gets through; disclosure
# always), and whether support was shown (when its sentence gets through).
Summary = tuple[frozenset[str], frozenset[str], bool]
_EMPTY: Summary = (frozenset(), frozenset(), False)
_TOLD = frozenset({"(told)"})
# An answer said someone else in the household is a party: from then on the note
# holds only what passes for a party reader (the session applies it to the whole note).
_PARTY = frozenset({"(party)"})


@dataclass(frozen=True)
class PathStep:
    """One move on the way to a note.

    Attributes:
        step: the step, as in the stories: ``"fore"``, or ``"<jump-flow>:<step>"``.
        title: the step's title.
        answer: what was done there (the answer chosen, a jump, going on); '' at the end.
    """

    step: str
    title: str
    answer: str


@dataclass(frozen=True)
class Ending:
    """A run that reached the end of the flow: its note, its path and its codes."""

    note: str
    path: tuple[PathStep, ...]
    codes: tuple[str, ...]

    @property
    def told(self) -> bool:
        """Return True when the person told of violence on this path."""
        return bool(DISCLOSURE_CODES.intersection(self.codes))


@dataclass
class Walk:
    """Every distinct end of a flow, and what the walk met on the way.

    Attributes:
        endings: one per distinct end: sentences, codes that count, support shown.
        authored: every authored note text reached on any path (before the rule
            let only some of its sentences through).
        jumps_tried: (step id, jump flow id) for every global jump pressed from a
            step of the flow itself.
    """

    endings: list[Ending] = field(default_factory=list)
    authored: set[str] = field(default_factory=set)
    jumps_tried: set[tuple[str, str]] = field(default_factory=set)


def walk(
    library: FlowLibrary,
    flow_id: str,
    benefit: str = "",
    today: date | None = None,
    *,
    extras: bool = True,
) -> Walk:
    """Walk every distinct run through ``flow_id`` and replay each end.

    Args:
        library: the loaded flows.
        flow_id: the flow to walk (KeyError when not loaded).
        benefit: the benefit it runs under ('' for the flow's first).
        today: the date on the notes (default today).
        extras: also make a detour from each step of the flow (see
            :meth:`_Walker.detours`): global jumps, leaving a jump early, support
            shown. False walks the answers, and the jumps they make, only.
    """
    today = today or date.today()
    first = FlowSession(library, flow_id, benefit)
    walker = _Walker(library, first.reader)
    ends = walker.runs(flow_id, main=True)
    if extras:
        ends = {**ends, **walker.detours(flow_id)}
    result = Walk(authored=walker.authored, jumps_tried=walker.jumps_tried)
    result.endings = [_replay(library, flow_id, first.benefit, m, today) for m in ends.values()]
    return result


def distinct_notes(
    library: FlowLibrary,
    flow_id: str,
    benefit: str = "",
    today: date | None = None,
    *,
    extras: bool = False,
) -> list[Ending]:
    """Return every distinct note ``flow_id`` can produce, each with the shortest path to it.

    Notes that hold the same lines in another order count as one. Notes with
    short paths come first.
    """
    out: dict[frozenset[str], Ending] = {}
    for ending in walk(library, flow_id, benefit, today, extras=extras).endings:
        key = frozenset(ending.note.splitlines())
        if key not in out or len(ending.path) < len(out[key].path):
            out[key] = ending
    return list(out.values())


class _Walker:
    def __init__(self, library: FlowLibrary, reader: str) -> None:
        self.library = library
        self.reader = reader
        self.authored: set[str] = set()
        self.jumps_tried: set[tuple[str, str]] = set()
        self._passes: dict[str, bool] = {}
        self._party_passes: dict[str, bool] = {}
        self._jump_runs: dict[str, dict[Summary, list[Move]]] = {}
        self._entering: set[str] = set()
        self._first: dict[str, tuple[Summary, list[Move]]] = {}

    # -- what a run adds -------------------------------------------------------

    def passes(self, sentence: str, party: bool = False) -> bool:
        if party:
            if sentence not in self._party_passes:
                faults = sentence_faults(sentence, self.reader or PARTY_CODE_READER)
                self._party_passes[sentence] = not faults
            return self._party_passes[sentence]
        if sentence not in self._passes:
            self._passes[sentence] = not sentence_faults(sentence, self.reader)
        return self._passes[sentence]

    def add(self, summary: Summary, note: str, codes: Iterable[str]) -> Summary:
        kept = summary[0]
        if note:
            self.authored.add(note)
            kept = kept.union(s for s in sentences(note) if self.passes(s))
        return self.settle((kept, summary[1].union(codes), summary[2]))

    def union(self, a: Summary, b: Summary) -> Summary:
        return self.settle((a[0] | b[0], a[1] | b[1], a[2] or b[2]))

    def settle(self, summary: Summary) -> Summary:
        kept, codes, support = summary
        told = _TOLD if codes & (DISCLOSURE_CODES | _TOLD) else frozenset()
        party = _PARTY if codes & ({PARTY_CODE} | _PARTY) else frozenset()
        if party:
            kept = frozenset(s for s in kept if self.passes(s, party=True))
        # Labels stand in for sentences only while no sentence gets through.
        labels = frozenset() if kept else frozenset(c for c in codes if c in NOTE_SAFE_OUTCOMES)
        codes = labels | told | party
        # Support adds one sentence: nothing when it does not get through or is there already.
        support = (
            support
            and self.passes(SUPPORT_SENTENCE, party=bool(party))
            and SUPPORT_SENTENCE not in kept
        )
        return kept, codes, support

    def reach(self, flow: Flow, step_id: str, summary: Summary) -> Summary:
        step = flow.step(step_id)
        return self.add(summary, step.note, step.codes)

    # -- walking ---------------------------------------------------------------

    def jump_runs(self, flow_id: str) -> dict[Summary, list[Move]]:
        """What a run of jump flow ``flow_id`` can add, each with its moves up to the return."""
        if flow_id not in self._jump_runs:
            if flow_id in self._entering:
                return {}  # a jump into a jump already running: the walk does not loop
            self._entering.add(flow_id)
            self._jump_runs[flow_id] = self.runs(flow_id, main=False)
            self._entering.discard(flow_id)
        return self._jump_runs[flow_id]

    def runs(self, flow_id: str, *, main: bool) -> dict[Summary, list[Move]]:
        """Return the distinct ends of ``flow_id`` from its start, each with its moves."""
        flow = self.library.get(flow_id)
        ends: dict[Summary, list[Move]] = {}
        start = flow.start_id
        # Breadth first: the first way to a step and its note is one of the shortest.
        todo: deque[tuple[str, Summary, list[Move]]] = deque(
            [(start, self.reach(flow, start, _EMPTY), [])]
        )
        seen: set[tuple[str, Summary]] = set()
        while todo:
            step_id, summary, moves = todo.popleft()
            if (step_id, summary) in seen:
                continue
            seen.add((step_id, summary))
            if main:
                self._first.setdefault(step_id, (summary, moves))
            step = flow.step(step_id)
            if step.is_outcome:
                ends.setdefault(summary, moves if main else [*moves, ("advance",)])
                continue
            todo.extend(self.answers(flow, step_id, summary, moves))
        return ends

    def answers(
        self, flow: Flow, step_id: str, summary: Summary, moves: list[Move]
    ) -> Iterator[tuple[str, Summary, list[Move]]]:
        """Yield (next step, summary, moves) for every way on from ``step_id``."""
        step = flow.step(step_id)
        if step.kind != "question":
            yield step.next, self.reach(flow, step.next, summary), [*moves, ("advance",)]
            return
        for index, option in enumerate(step.options):
            chosen = self.add(summary, option.note, option.codes)
            move = [*moves, ("choose", index)]
            if not option.jump:
                yield option.next, self.reach(flow, option.next, chosen), move
                continue
            for added, inner in self.jump_runs(option.jump).items():
                joined = self.union(chosen, added)
                yield option.next, self.reach(flow, option.next, joined), [*move, *inner]

    def detours(self, flow_id: str) -> dict[Summary, list[Move]]:
        """From each step of the flow, reached the first way the walk found, make a detour.

        The detours: each global jump, walked every way that brings a sentence the
        other ways through it did not, and once left at once (Esc); showing the
        step's support in the directory. Then on by the fewest answers to an end.
        """
        flow = self.library.get(flow_id)
        ends: dict[Summary, list[Move]] = {}
        for step_id, (summary, moves) in list(self._first.items()):
            step = flow.step(step_id)
            if step.is_outcome:
                continue
            detours: list[tuple[Summary, list[Move]]] = []
            for jump in GLOBAL_JUMPS:
                if jump not in self.library.flows or jump == flow_id:
                    continue
                self.jumps_tried.add((step_id, jump))
                start = self.library.get(jump).start_id
                at_once = self.reach(self.library.get(jump), start, _EMPTY)
                ways = [(at_once, [("leave",)]), *self.covering(self.jump_runs(jump))]
                for added, inner in ways:
                    back = self.reach(flow, step_id, self.union(summary, added))
                    detours.append((back, [*moves, ("jump", jump), *inner]))
            if step.directory:
                shown = tuple(s.category for s in step.directory)
                supported = self.settle((summary[0], summary[1], True))
                detours.append((supported, [*moves, ("support", shown)]))
            for after, more in detours:
                end = self.shortest_end(flow, step_id, after, more)
                if end is not None:
                    ends.setdefault(*end)
        return ends

    @staticmethod
    def covering(runs: dict[Summary, list[Move]]) -> list[tuple[Summary, list[Move]]]:
        """Return the first run, and each run after it that brings a sentence not yet seen."""
        out, seen = [], None
        for summary, moves in runs.items():
            if seen is None or not summary[0] <= seen:
                out.append((summary, moves))
                seen = summary[0] if seen is None else seen | summary[0]
        return out

    def shortest_end(self, flow: Flow, step_id: str, summary: Summary, moves: list[Move]):
        """Return (summary, moves) of the fewest answers from ``step_id`` to an outcome."""
        todo = deque([(step_id, summary, moves)])
        seen = {step_id}
        while todo:
            here, summary, moves = todo.popleft()
            if flow.step(here).is_outcome:
                return summary, moves
            for target, after, more in self.answers(flow, here, summary, moves):
                if target not in seen:
                    seen.add(target)
                    todo.append((target, after, more))
        return None


def _replay(
    library: FlowLibrary, flow_id: str, benefit: str, moves: list[Move], today: date
) -> Ending:
    session = FlowSession(library, flow_id, benefit)
    path: list[PathStep] = []
    for move in moves:
        here = _here(session)
        kind = move[0]
        if kind == "choose":
            answer = session.step.options[move[1]].label
            session.choose(move[1])
        elif kind == "advance":
            answer = _("Tillbaka") if session.step.is_outcome else _("Gå vidare")
            session.advance()
        elif kind == "leave":
            answer = _("Lämnar hoppet")
            session.leave_jump()
        elif kind == "jump":
            answer = _("Hopp: {title}").format(title=library.get(move[1]).title)
            session.jump(move[1])
        else:
            labels = [s.label for s in session.step.directory]
            answer = _("Visar stöd i katalogen: {labels}").format(labels=", ".join(labels))
            for category in move[1]:
                session.support_shown(category)
        path.append(PathStep(*here, answer))
    if not session.finished:
        raise RuntimeError(f"{flow_id}: a walked path does not end: {moves}")
    path.append(PathStep(*_here(session), ""))
    return Ending(session.note(today), tuple(path), tuple(session.codes()))


def _here(session: FlowSession) -> tuple[str, str]:
    here = session.current
    ref = here.step_id if here.flow_id == session.flow_id else f"{here.flow_id}:{here.step_id}"
    return ref, session.step.title
