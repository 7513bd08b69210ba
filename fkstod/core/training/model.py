"""The model of a fictional training case: what a case file becomes.

A case follows one conversation flow along a *planned path*: one
:class:`PlannedStep` per step shown, in order, jumps into other flows included.
Each planned step carries what the caller says there, so that someone can play
the caller, and the trainer's note for it. The model is immutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from fkstod.core.flows.model import Step
from fkstod.core.i18n import _

#: Said on every case, everywhere it is shown or printed.
FICTIONAL = _("Fiktivt fall")

#: What ``reviewed_by`` says while no reviewer has read the case.
NOT_REVIEWED = "ej granskad"

#: The ten steps of a good conversation (DOMAIN.md), by number: learning goals cite them.
CONVERSATION_STEPS: dict[int, str] = {
    1: _("Före frågan: ensam och kan prata?"),
    2: _("Frågan som rutin"),
    3: _("Fråga konkret"),
    4: _("Lyssna och bekräfta"),
    5: _("Akut fara?"),
    6: _("Barn som berörs"),
    7: _("Stöd"),
    8: _("Dokumentera"),
    9: _("Fråga igen senare"),
    10: _("Ta hand om dig själv"),
}

#: Longest text, in characters, per kind of text in a case.
LIMITS: dict[str, int] = {
    "title": 80,
    "content_warning": 300,
    "story": 1500,
    "caller": 200,
    "trainer": 600,
    "question": 300,
    "goal": 300,
    "trainer_notes": 1500,
    "person": 120,
}


@dataclass(frozen=True)
class Person:
    """The invented caller: every detail made up."""

    name: str
    age: int
    place: str
    about: str = ""


@dataclass(frozen=True)
class PlannedStep:
    """One step of the planned path.

    Attributes:
        flow: the flow the step belongs to (a jump flow while in a jump).
        step: the step's id in that flow.
        answer: the option chosen, as written: its number (1 is the first, as the
            key 1 chooses it) or its label; None when the step is not answered
            (an info, checklist or outcome step, or a global jump is pressed).
        jump: a global jump pressed at this step instead of answering.
        caller: what the caller says here ("" when the caller says nothing).
        trainer: the trainer's note for this step.
        questions: discussion questions for this step.
        stop: the plan ends here, before an outcome of the flow.
        line: where the step's table starts in the case file.
    """

    flow: str
    step: str
    answer: int | str | None = None
    jump: str = ""
    caller: str = ""
    trainer: str = ""
    questions: tuple[str, ...] = ()
    stop: bool = False
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def at(self, key: str) -> int:
        """Return the line of ``key`` in the file, or of the table."""
        return self.lines.get(key, self.line)

    @property
    def key(self) -> tuple[str, str]:
        """Return (flow id, step id)."""
        return self.flow, self.step

    def option_index(self, step: Step) -> int:
        """Return the 0-based index of this answer among ``step``'s options.

        Raises:
            ValueError: with a Swedish message, when the answer is not an option there.
        """
        labels = [o.label for o in step.options]
        if isinstance(self.answer, int):
            if 1 <= self.answer <= len(labels):
                return self.answer - 1
            raise ValueError(
                _("svar {n} finns inte i steget {step!r} (det har {count} svar)").format(
                    n=self.answer, step=step.id, count=len(labels)
                )
            )
        if self.answer in labels:
            return labels.index(str(self.answer))
        raise ValueError(
            _("svaret {answer!r} finns inte i steget {step!r} (svaren är: {labels})").format(
                answer=self.answer, step=step.id, labels="; ".join(labels)
            )
        )


@dataclass(frozen=True)
class LearningGoal:
    """What the case teaches, tied to one of the ten steps of a good conversation."""

    step: int
    text: str
    line: int = 0

    @property
    def step_title(self) -> str:
        """Return the name of the conversation step, e.g. "Lyssna och bekräfta"."""
        return CONVERSATION_STEPS.get(self.step, "")


@dataclass(frozen=True)
class Review:
    """Who reviewed the case and when; ``by == NOT_REVIEWED`` and ``on is None`` when nobody has."""

    by: str
    on: date | None = None

    @property
    def done(self) -> bool:
        """Return True when someone has reviewed the case."""
        return self.by != NOT_REVIEWED and self.on is not None

    def text(self) -> str:
        """Return the review as shown: "Granskad av X, 2026-01-10" or "Ej granskad"."""
        if not self.done or self.on is None:  # done means a date; said again for the type
            return _("Ej granskad")
        return _("Granskad av {by}, {on}").format(by=self.by, on=self.on.isoformat())


@dataclass(frozen=True)
class Case:
    """A whole fictional case, as loaded from one file."""

    id: str
    title: str
    benefit: str
    flow: str
    content_warning: str
    person: Person
    story: str
    path: tuple[PlannedStep, ...]
    goals: tuple[LearningGoal, ...] = ()
    questions: tuple[str, ...] = ()
    trainer_notes: str = ""
    review: Review = Review(NOT_REVIEWED)
    file: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def at(self, key: str) -> int:
        """Return the line of top-level ``key`` in the file (1 when unknown)."""
        return self.lines.get(key, 1)

    def discussion(self) -> tuple[str, ...]:
        """Return every discussion question: the case's own, then each step's, without repeats."""
        out: list[str] = []
        for text in (*self.questions, *(q for s in self.path for q in s.questions)):
            if text not in out:
                out.append(text)
        return tuple(out)
