"""Öva själv: a caseworker plays a case alone, then sees their path beside the planned one.

The caseworker drives a :class:`Practice` as the call page drives a flow session;
fkstod gives the caller's line for the step shown. At the end :func:`compare`
lines the path taken up against the planned path. Nothing is counted or stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from fkstod.core.flows.library import FlowLibrary
from fkstod.core.flows.session import CONTINUED, JUMPED, Entry, FlowSession
from fkstod.core.i18n import _
from fkstod.core.training.model import Case, LearningGoal
from fkstod.core.training.replay import CaseReplay, new_session

#: The kinds of difference between the planned path and the path taken.
ANSWER, SKIPPED, EXTRA = "answer", "skipped", "extra"


@dataclass(frozen=True)
class Difference:
    """One place where the path taken left the planned path.

    Attributes:
        kind: ANSWER (same step, another answer), SKIPPED (a planned step not
            reached) or EXTRA (a step reached that the plan does not visit).
        flow: the flow of the step.
        step: the step's id.
        step_title: the step's title.
        planned: the planned answer ("" when the step was not planned).
        taken: the answer given ("" when the step was not reached).
        trainer: the trainer's note on the planned step (why the plan goes so).
    """

    kind: str
    flow: str
    step: str
    step_title: str
    planned: str = ""
    taken: str = ""
    trainer: str = ""

    def text(self) -> str:
        """Return the difference as one Swedish sentence."""
        if self.kind == ANSWER:
            return _("{title}: planen valde ”{planned}”, du valde ”{taken}”.").format(
                title=self.step_title, planned=self.planned, taken=self.taken
            )
        if self.kind == SKIPPED:
            return _("{title}: planen går hit, din väg gick inte hit.").format(
                title=self.step_title
            )
        return _("{title}: din väg gick hit, planen går inte hit.").format(title=self.step_title)


@dataclass(frozen=True)
class Comparison:
    """The path taken beside the planned path, and what to discuss afterwards."""

    differences: tuple[Difference, ...]
    discussion: tuple[str, ...]
    goals: tuple[LearningGoal, ...]

    @property
    def same(self) -> bool:
        """Return True when the path taken is the planned path."""
        return not self.differences


def planned_trail(case: Case, library: FlowLibrary) -> list[Entry]:
    """Return the trail of a session that walked the whole planned path."""
    replay = CaseReplay(case, library)
    while replay.forward():
        pass
    return list(replay.session.trail)


def _answer(entry: Entry, library: FlowLibrary) -> str:
    step = library.get(entry.flow_id).step(entry.step_id)
    if entry.left_by is not None and entry.left_by >= 0:
        return step.options[entry.left_by].label
    if entry.left_by == JUMPED:
        return _("Hopp: {title}").format(title=library.get(entry.jump).title)
    if entry.left_by == CONTINUED:
        return _("Fortsätt")
    return ""


def _action(entry: Entry) -> tuple:
    return (entry.left_by, entry.jump)


def compare(case: Case, library: FlowLibrary, taken: list[Entry]) -> Comparison:
    """Compare the trail ``taken`` (a session's ``trail``) with the case's planned path."""
    planned = planned_trail(case, library)
    notes: dict[tuple[str, str], str] = {}
    for p in case.path:
        notes.setdefault(p.key, p.trainer)
    keys_planned = [(e.flow_id, e.step_id) for e in planned]
    keys_taken = [(e.flow_id, e.step_id) for e in taken]
    out: list[Difference] = []

    def diff(kind: str, entry: Entry, plan: Entry | None, took: Entry | None) -> Difference:
        step = library.get(entry.flow_id).step(entry.step_id)
        return Difference(
            kind,
            entry.flow_id,
            entry.step_id,
            step.title,
            _answer(plan, library) if plan else "",
            _answer(took, library) if took else "",
            notes.get((entry.flow_id, entry.step_id), ""),
        )

    matcher = SequenceMatcher(None, keys_planned, keys_taken, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for plan, took in zip(planned[i1:i2], taken[j1:j2], strict=True):
                # The last step of either trail is still open: only a real answer differs.
                if took.left_by is not None and _action(plan) != _action(took):
                    out.append(diff(ANSWER, plan, plan, took))
            continue
        out += [diff(SKIPPED, e, e, None) for e in planned[i1:i2]]
        out += [diff(EXTRA, e, None, e) for e in taken[j1:j2]]
    return Comparison(tuple(out), case.discussion(), case.goals)


class Practice:
    """One caseworker's practice run of a case: a session that counts nothing, and the caller's lines.

    Drive ``session`` (choose, advance, jump, back) as the call page does.
    """

    def __init__(self, case: Case, library: FlowLibrary) -> None:
        self.case = case
        self.library = library
        self.session: FlowSession = new_session(case, library)

    def caller_line(self) -> str:
        """Return what the caller says at the step shown ("" when the plan never comes here).

        A step the plan visits more than once gives the line of the same visit.
        """
        here = self.session.current
        key = (here.flow_id, here.step_id)
        visit = sum(1 for e in self.session.trail[:-1] if (e.flow_id, e.step_id) == key)
        lines = [p.caller for p in self.case.path if p.key == key]
        if not lines:
            return ""
        return lines[min(visit, len(lines) - 1)]

    def restart(self) -> None:
        """Start the practice again from the first step."""
        self.session = new_session(self.case, self.library)

    def finish(self) -> Comparison:
        """Return the comparison of the path taken with the planned path."""
        return compare(self.case, self.library, list(self.session.trail))
