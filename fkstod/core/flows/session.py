"""A run through a flow during a call: where we are, how we got here, what it means.

Nothing here is written to disk. The only trace a session leaves is counts,
through :class:`~fkstod.core.usage.UsageRecorder`, with ids and codes from the
registry (never text).

Every run of a flow (the main flow, and each entry into a jump flow) is counted
started when it starts and ended exactly once, when the session closes:
completed if the path as it stands at the end reaches the run's end, abandoned
otherwise. So for every flow, started = completed + abandoned, however the
caseworker goes back and forth.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date

from fkstod.core import templates
from fkstod.core.flows.library import FlowLibrary
from fkstod.core.flows.model import Flow, Option, Step
from fkstod.core.flows.note_rule import HEADING, marked_for_training, note_lines, party_reader
from fkstod.core.i18n import _
from fkstod.core.usage import UsageRecorder
from fkstod.core.vocabulary import BENEFITS, REFERRAL_CATEGORIES

NOTE_TEMPLATE = "flow_note.txt.j2"

#: How a step was left without choosing an option.
CONTINUED = -1
JUMPED = -2


@dataclass(frozen=True)
class Entry:
    """One step visited.

    Attributes:
        flow_id: the flow of the step.
        step_id: the step.
        returns: where to go back to when a jump flow ends, innermost last.
        left_by: the option index chosen, CONTINUED, JUMPED, or None if still here.
        jump: the jump flow entered from here, when ``left_by`` is JUMPED.
        run: the run of a flow the step belongs to (0 is the main flow's; each
            entry into a jump flow starts a new one).
    """

    flow_id: str
    step_id: str
    returns: tuple[tuple[str, str], ...] = ()
    left_by: int | None = None
    jump: str = ""
    run: int = 0


@dataclass(frozen=True)
class PathLine:
    """One line of the summary of the path taken."""

    flow_title: str
    step_title: str
    answer: str
    in_jump: bool


@dataclass
class FlowSession:
    """One caseworker's run through one flow, with global jumps and returns.

    Args:
        library: the loaded flows (the jump flows are looked up here).
        flow_id: the flow to run.
        benefit: the benefit it runs under (a code from ``BENEFITS``).
        usage: where counts go; None counts nothing. The session counts through
            ``usage.for_call()``: in training mode or not as at its start.
    """

    library: FlowLibrary = field(repr=False)
    flow_id: str
    benefit: str
    usage: UsageRecorder | None = None
    trail: list[Entry] = field(default_factory=list)
    answers: dict[tuple[str, str], int] = field(default_factory=dict)
    checked: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    support: list[str] = field(default_factory=list)
    #: The flow of every run started, by run number (see :attr:`Entry.run`).
    _runs: list[str] = field(default_factory=list, repr=False)
    _closed: bool = False
    _given_usage: UsageRecorder | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        flow = self.library.get(self.flow_id)
        if self.benefit not in BENEFITS:
            self.benefit = flow.benefits[0] if flow.benefits else "ovriga"
        self._given_usage = self.usage
        self.usage = self.usage.for_call() if self.usage is not None else None
        self.trail = [Entry(flow.id, flow.start_id, run=self._start_run(flow.id))]

    # -- where we are --------------------------------------------------------

    @property
    def main_flow(self) -> Flow:
        """Return the flow this session was started for."""
        return self.library.get(self.flow_id)

    @property
    def current(self) -> Entry:
        """Return the entry of the step shown."""
        return self.trail[-1]

    @property
    def flow(self) -> Flow:
        """Return the flow of the step shown (a jump flow while in a jump)."""
        return self.library.get(self.current.flow_id)

    @property
    def step(self) -> Step:
        """Return the step shown."""
        return self.flow.step(self.current.step_id)

    @property
    def in_jump(self) -> bool:
        """Return True while inside a jump flow entered from another flow."""
        return bool(self.current.returns)

    @property
    def finished(self) -> bool:
        """Return True when the main flow has reached an outcome."""
        return self.step.is_outcome and not self.in_jump

    def can_go_back(self) -> bool:
        """Return True when there is a step to go back to."""
        return len(self.trail) > 1

    def previous_answer(self) -> int | None:
        """Return the option chosen here before going back, to show it again."""
        return self.answers.get((self.current.flow_id, self.current.step_id))

    # -- moving --------------------------------------------------------------

    def choose(self, index: int) -> Step:
        """Choose option ``index`` (0-based) of the question shown and move on.

        Raises:
            IndexError: when the step has no such option.
        """
        step = self.step
        if step.kind != "question" or not 0 <= index < len(step.options):
            raise IndexError(index)
        option: Option = step.options[index]
        here = self.current
        self.answers[(here.flow_id, here.step_id)] = index
        self.trail[-1] = replace(here, left_by=index, jump=option.jump)
        if option.jump:
            self._enter_jump(option.jump, (*here.returns, (here.flow_id, option.next)))
        else:
            self.trail.append(Entry(here.flow_id, option.next, here.returns, run=here.run))
        return self.step

    def advance(self) -> Step:
        """Go on from an info or checklist step, or return from the end of a jump flow."""
        here, step = self.current, self.step
        if step.kind == "question":
            raise ValueError(_("välj ett svar"))
        if step.is_outcome:
            if not here.returns:
                return step  # the end of the main flow: nowhere to go
            self._return_from_jump()
            return self.step
        self.trail[-1] = replace(here, left_by=CONTINUED)
        self.trail.append(Entry(here.flow_id, step.next, here.returns, run=here.run))
        return self.step

    def jump(self, flow_id: str) -> Step:
        """Enter the jump flow ``flow_id``; its end returns to the step shown now."""
        here = self.current
        self.trail[-1] = replace(here, left_by=JUMPED, jump=flow_id)
        self._enter_jump(flow_id, (*here.returns, (here.flow_id, here.step_id)))
        return self.step

    def leave_jump(self) -> bool:
        """Leave the jump flow shown before its end, back where it was made.

        The steps of the jump stay in the path; unless a step back reaches its
        end again, the jump counts as abandoned when the session closes.
        Return False when not in a jump.
        """
        if not self.current.returns:
            return False
        self._return_from_jump()
        return True

    def back(self) -> bool:
        """Go back one step; answers stay remembered. Return False at the start."""
        if not self.can_go_back():
            return False
        self.trail.pop()
        self.trail[-1] = replace(self.trail[-1], left_by=None, jump="")
        return True

    def restart(self) -> None:
        """Close this run and start the same flow again from its first step."""
        self.close()
        self._closed = False
        self.usage = self._given_usage.for_call() if self._given_usage is not None else None
        self._runs = []
        self.answers.clear()
        self.checked.clear()
        self.support.clear()
        self.trail = [
            Entry(self.flow_id, self.main_flow.start_id, run=self._start_run(self.flow_id))
        ]

    def close(self) -> None:
        """End the session and count every run of a flow in it exactly once.

        A run is completed if the path as it stands at the end reaches its end
        (the main flow's outcome, a jump's last step), else abandoned: a run left
        by a step back, by Esc, or by a new call before its end. Outcome codes are
        counted here too, from the same path: a caseworker who goes back from the
        end and answers differently is counted for the answers given last.
        """
        if self._closed:
            return
        self._closed = True
        reached = {entry.run for entry, step in self._visited() if step.is_outcome}
        for run, flow_id in enumerate(self._runs):
            self._count("flow_completed" if run in reached else "flow_abandoned", flow_id)
        self._count_codes()
        if self.usage is not None:  # one call, however many flows it jumped into
            self.usage.record("call_ended", benefit=self.benefit)

    def toggle_item(self, index: int) -> bool:
        """Tick or untick checklist item ``index`` (memory only); return its new state."""
        ticked = self.checked.setdefault((self.current.flow_id, self.current.step_id), set())
        ticked.symmetric_difference_update({index})
        return index in ticked

    def support_shown(self, category: str) -> None:
        """Note that support of ``category`` was shown, for the case-file note."""
        if category in REFERRAL_CATEGORIES and category not in self.support:
            self.support.append(category)

    def _start_run(self, flow_id: str) -> int:
        self._runs.append(flow_id)
        self._count("flow_started", flow_id)
        return len(self._runs) - 1

    def _enter_jump(self, flow_id: str, returns: tuple[tuple[str, str], ...]) -> None:
        jump = self.library.get(flow_id)
        self.trail.append(Entry(jump.id, jump.start_id, returns, run=self._start_run(jump.id)))

    def _return_from_jump(self) -> None:
        # Back to the step the jump was made from, in the run of the flow it was made in:
        # the entry just before the jump's first step.
        here = self.current
        first = next(i for i, entry in enumerate(self.trail) if entry.run == here.run)
        flow_id, step_id = here.returns[-1]
        self.trail[-1] = replace(here, left_by=CONTINUED)
        self.trail.append(Entry(flow_id, step_id, here.returns[:-1], run=self.trail[first - 1].run))

    # -- what it means ---------------------------------------------------------

    def codes(self) -> list[str]:
        """Return the outcome codes of the path taken, in the order first set.

        These are counted, and shown at the end: every step reached, also in a jump
        the call came back from (the note leaves some of those out, :meth:`notes`).
        """
        return self._codes(set())

    def _codes(self, untold: set[int]) -> list[str]:
        out: list[str] = []
        for index, (entry, step) in enumerate(self._visited()):
            if index in untold:
                continue
            new = list(step.codes)
            if entry.left_by is not None and entry.left_by >= 0:
                new += step.options[entry.left_by].codes
            out += [c for c in new if c not in out]
        return out

    def path(self) -> list[PathLine]:
        """Return the path taken, one line per step, with the answer given."""
        lines = []
        for entry, step in self._visited():
            answer = ""
            if entry.left_by is not None and entry.left_by >= 0:
                answer = step.options[entry.left_by].label
            elif entry.left_by == JUMPED:
                answer = _("Hopp till: {title}").format(title=self.library.get(entry.jump).title)
            lines.append(
                PathLine(
                    self.library.get(entry.flow_id).title, step.title, answer, bool(entry.returns)
                )
            )
        return lines

    def notes(self) -> list[str]:
        """Return the neutral note sentences of the path taken, without repeats.

        A step whose note says the call ended (:attr:`Step.ends_call`, Kan inte prata nu),
        inside a jump the call came back from, says nothing: the call went on after all
        (:meth:`_untold`).
        """
        untold = self._untold()
        out: list[str] = []
        for index, (entry, step) in enumerate(self._visited()):
            if index in untold:
                continue
            sentences = [step.note]
            if entry.left_by is not None and entry.left_by >= 0:
                sentences.append(step.options[entry.left_by].note)
            out += [s for s in sentences if s and s not in out]
        return out

    def note(self, today: date | None = None) -> str:
        """Render the case-file note (the caseworker edits it before copying).

        Only what :mod:`~fkstod.core.flows.note_rule` lets through is written: a
        neutral heading, and sentences that name no sensitive topic (where another
        party may read the file, only that information was given and whether the
        question was asked). A call in Övningsläge (:attr:`training`) has
        :data:`~fkstod.core.flows.note_rule.TRAINING_MARK` as its first line,
        then the same note.
        """
        note = templates.render(
            NOTE_TEMPLATE,
            heading=HEADING,
            date=(today or date.today()).isoformat(),
            lines=note_lines(
                self.notes(), self._codes(self._untold()), bool(self.support), self.reader
            ),
        )
        return marked_for_training(note) if self.training else note

    @property
    def training(self) -> bool:
        """Return True for a call in Övningsläge: as the mode was when it started."""
        return self.usage is not None and self.usage.training

    @property
    def reader(self) -> str:
        """Return who else may read the file of this call ('' when only the person)."""
        return party_reader(self.main_flow, self.benefit, self.codes())

    def report_needed(self) -> bool:
        """Return True when the path says a report of concern about a child is needed."""
        return "orosanmalan_needed" in self.codes() or self.step.orosanmalan

    def return_title(self) -> str:
        """Return the title of the step a jump goes back to ('' when not in a jump)."""
        if not self.current.returns:
            return ""
        flow_id, step_id = self.current.returns[-1]
        return self.library.get(flow_id).step(step_id).title

    def progress(self) -> tuple[int, int]:
        """Return (steps taken, fewest steps left to the call's outcome).

        In a jump, the way back counts too: the jump's steps to its end, then for each
        step a jump goes back to, that step and the fewest steps from it to its end.
        """
        left = _steps_to_end(self.flow, self.current.step_id)
        for flow_id, step_id in self.current.returns:
            left += 1 + _steps_to_end(self.library.get(flow_id), step_id)
        return len(self.trail) - 1, left

    def _came_back_from(self) -> set[int]:
        """Return the places in the trail of each jump made by key and come back from.

        A jump made by its key (``JUMPED``) from a step, and left by Esc or by its end,
        returns to that step: the call goes on from where it was. Its steps, and those
        of any jump made inside it, lie between that step and the return, one level of
        ``returns`` deeper; the return is the first entry back at the step's level.
        """
        out: set[int] = set()
        for start, entry in enumerate(self.trail):
            if entry.left_by != JUMPED:
                continue
            depth = len(entry.returns)
            back = next(
                (
                    i
                    for i in range(start + 1, len(self.trail))
                    if len(self.trail[i].returns) <= depth
                ),
                None,
            )
            if back is not None:
                out.update(range(start + 1, back))
        return out

    def _untold(self) -> set[int]:
        """Return the places in the trail whose note and codes the note leaves out.

        Each step that says the call ended (Kan inte prata nu's first) within a jump
        the call came back from: "Samtalet avslutades innan alla frågor hade ställts."
        is false when the call went on. What else a jump said stays, since it stays
        true (the person told, support was given). The counts keep every code (:meth:`codes`).
        """
        return {
            i
            for i in self._came_back_from()
            if self.library.get(self.trail[i].flow_id).step(self.trail[i].step_id).ends_call
        }

    def _visited(self):
        for entry in self.trail:
            yield entry, self.library.get(entry.flow_id).step(entry.step_id)

    def _count(self, metric: str, flow_id: str) -> None:
        if self.usage is not None:
            self.usage.record(metric, flow=flow_id, benefit=self.benefit)

    def _count_codes(self) -> None:
        if self.usage is None:
            return
        for code in self.codes():
            self.usage.record("flow_outcome", flow=self.flow_id, benefit=self.benefit, outcome=code)


def _steps_to_end(flow: Flow, step_id: str) -> int:
    # Breadth-first: the fewest steps from here to any outcome.
    todo, seen = deque([(step_id, 0)]), {step_id}
    while todo:
        current, distance = todo.popleft()
        step = flow.by_id.get(current)
        if step is None:
            continue
        if step.is_outcome:
            return distance
        for target in step.targets():
            if target not in seen:
                seen.add(target)
                todo.append((target, distance + 1))
    return 0
