"""Walk a case's planned path through a real flow session: for lint and for the presenter.

The session is made with ``usage=None``: a case replayed, demonstrated or practised
is never counted (DESIGN.md: training mode counts nothing). Nothing here takes a
recorder, so no caller can pass one by mistake.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fkstod.core.flows.library import FlowLibrary
from fkstod.core.flows.model import GLOBAL_JUMPS, Flow, Step
from fkstod.core.flows.session import FlowSession
from fkstod.core.i18n import _
from fkstod.core.training.model import Case, PlannedStep


class PlanError(ValueError):
    """The planned path cannot be walked here; ``planned`` is the step at fault."""

    def __init__(self, planned: PlannedStep, message: str, key: str = "step") -> None:
        super().__init__(message)
        self.planned = planned
        self.key = key


def new_session(case: Case, library: FlowLibrary) -> FlowSession:
    """Return a flow session for ``case`` that counts nothing."""
    return FlowSession(library, case.flow, case.benefit, usage=None)


def describe_action(planned: PlannedStep, step: Step, library: FlowLibrary) -> str:
    """Return what the plan does at ``step``, as the trainer's cue: the answer, a jump or "Fortsätt"."""
    if planned.jump:
        flow = library.flows.get(planned.jump)
        return _("Hopp: {title}").format(title=flow.title if flow else planned.jump)
    if step.kind == "question":
        try:
            return step.options[planned.option_index(step)].label
        except ValueError:
            return ""
    if step.is_outcome:
        return _("Tillbaka dit hoppet gjordes")
    return _("Fortsätt")


def perform(session: FlowSession, planned: PlannedStep, *, last: bool) -> None:
    """Do at the session's current step what ``planned`` says, or raise :class:`PlanError`.

    Args:
        session: the session, standing where the plan says it should.
        planned: the planned step to carry out.
        last: True for the last planned step (it is checked, not left).
    """
    here = session.current
    if (here.flow_id, here.step_id) != planned.key:
        raise PlanError(
            planned,
            _("vägen når {flow}:{at} här, men fallet säger {pflow}:{pstep}").format(
                flow=here.flow_id, at=here.step_id, pflow=planned.flow, pstep=planned.step
            ),
        )
    step = session.step
    if planned.stop and not last:
        raise PlanError(planned, _("stop = true på ett steg som inte är det sista"), "stop")
    if planned.jump:
        if planned.jump not in GLOBAL_JUMPS or planned.jump not in session.library.flows:
            raise PlanError(
                planned,
                _("jump {id!r}: inget av de globala hoppen ({ids})").format(
                    id=planned.jump, ids=", ".join(GLOBAL_JUMPS)
                ),
                "jump",
            )
        if last:
            raise PlanError(planned, _("vägen slutar med ett hopp som aldrig görs"), "jump")
        session.jump(planned.jump)
        return
    if step.kind == "question":
        if planned.answer is None:
            if last and planned.stop:
                return
            raise PlanError(
                planned, _("steget {step!r} är en fråga: answer saknas").format(step=step.id)
            )
        try:
            index = planned.option_index(step)
        except ValueError as exc:
            raise PlanError(planned, str(exc), "answer") from None
        if not last:
            session.choose(index)
        elif not planned.stop:
            raise PlanError(planned, _("vägen slutar efter ett svar som aldrig ges"), "answer")
        return
    if planned.answer is not None:
        raise PlanError(
            planned,
            _("steget {step!r} är inte en fråga och har inga svar").format(step=step.id),
            "answer",
        )
    if step.is_outcome and not session.in_jump:
        if not last:
            raise PlanError(planned, _("fallet fortsätter efter flödets slut"))
        return
    if last:
        if not planned.stop:
            raise PlanError(
                planned,
                _(
                    "vägen slutar i {step!r}, som inte är ett slut på flödet "
                    "(skriv stop = true om planen ska sluta här)"
                ).format(step=step.id),
            )
        return
    session.advance()


@dataclass(frozen=True)
class ReplayFrame:
    """What the presenter shows at one step of the planned path.

    Attributes:
        index: the planned step's position, 0-based.
        total: how many planned steps the case has.
        planned: the planned step (caller line, trainer note, questions).
        flow: the flow of the step shown (a jump flow while in a jump).
        step: the step shown (its words and choices go to the audience window).
        cue: what the plan does here: the answer's label, a jump, "Fortsätt" ("" at the end).
        next: the planned step after this one, or None at the end.
    """

    index: int
    total: int
    planned: PlannedStep
    flow: Flow
    step: Step
    cue: str
    next: PlannedStep | None

    @property
    def caller(self) -> str:
        """Return what the caller says here."""
        return self.planned.caller

    @property
    def trainer(self) -> str:
        """Return the trainer's note for this step."""
        return self.planned.trainer

    @property
    def at_end(self) -> bool:
        """Return True at the last planned step."""
        return self.next is None


class CaseReplay:
    """Step a case along its planned path, forward and back, and start over.

    The case must lint clean (:func:`fkstod.core.training.check.check_case`).

    Args:
        case: the case.
        library: the loaded flows.
    """

    def __init__(self, case: Case, library: FlowLibrary) -> None:
        self.case = case
        self.library = library
        self.reset()

    def reset(self) -> ReplayFrame:
        """Go back to the first step with a fresh session (between demonstrations)."""
        self.session = new_session(self.case, self.library)
        self.index = 0
        return self.frame()

    @property
    def at_end(self) -> bool:
        """Return True at the last planned step."""
        return self.index >= len(self.case.path) - 1

    def frame(self) -> ReplayFrame:
        """Return what to show at the current planned step."""
        planned = self.case.path[self.index]
        path = self.case.path
        return ReplayFrame(
            index=self.index,
            total=len(path),
            planned=planned,
            flow=self.session.flow,
            step=self.session.step,
            cue="" if self.at_end else describe_action(planned, self.session.step, self.library),
            next=path[self.index + 1] if self.index + 1 < len(path) else None,
        )

    def forward(self) -> bool:
        """Take the planned action and go to the next planned step; False at the end."""
        if self.at_end:
            return False
        perform(self.session, self.case.path[self.index], last=False)
        self.index += 1
        return True

    def back(self) -> bool:
        """Go back one planned step; False at the first."""
        if self.index == 0 or not self.session.back():
            return False
        self.index -= 1
        return True

    def frames(self) -> Iterator[ReplayFrame]:
        """Yield every frame from the first step to the last (the replay ends at its end)."""
        yield self.reset()
        while self.forward():
            yield self.frame()
