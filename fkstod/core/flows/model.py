"""The flow model: what a loaded flow file becomes.

A flow is a small directed graph of steps. Each step keeps apart what the
caseworker *says* (read out verbatim) and what to *keep in mind* (guidance).
The model is immutable; a run through it is a :class:`~fkstod.core.flows.session.FlowSession`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The kinds of step a flow may have.
STEP_KINDS: tuple[str, ...] = ("info", "question", "checklist", "outcome")

#: The kinds of flow: a conversation the caseworker picks, or a global jump.
FLOW_KINDS: tuple[str, ...] = ("conversation", "jump")

#: The global jumps, reachable from any step of any flow, in the order shown.
GLOBAL_JUMPS: tuple[str, ...] = ("akut-fara", "barn-berors", "berattar-om-vald", "kan-inte-prata")

#: The function key of each global jump (1–9 answer questions), for buttons and diagrams.
GLOBAL_JUMP_KEYS: dict[str, str] = {
    "akut-fara": "F5",
    "barn-berors": "F6",
    "berattar-om-vald": "F7",
    "kan-inte-prata": "F8",
}

#: How a step may be set apart, and the number it shows large. "acute": the step
#: is about danger now and shows 112 in a frame of its own; "none": an ordinary step.
EMPHASES: dict[str, str] = {"none": "", "acute": "112"}

#: Most options a question may have: one per key 1–9.
MAX_OPTIONS = 9

#: Longest text, in characters, per kind of text. Long text is not read in a call.
LIMITS: dict[str, int] = {
    "title": 80,
    "when": 300,
    "say": 600,
    "guidance": 1200,
    "label": 120,
    "item": 200,
    "note": 300,
    "source": 300,
}


@dataclass(frozen=True)
class Source:
    """Where a rule comes from: a document, a law, a decision."""

    id: str
    title: str
    url: str = ""
    line: int = 0


@dataclass(frozen=True)
class DirectoryShortcut:
    """A button that opens the support directory on a category.

    Attributes:
        category: a code from ``REFERRAL_CATEGORIES``.
        label: the button text.
        kommun: filter on the person's municipality (the caseworker picks it).
    """

    category: str
    label: str
    kommun: bool = False
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def at(self, key: str) -> int:
        """Return the line of ``key`` in the file, or of the table."""
        return self.lines.get(key, self.line)


@dataclass(frozen=True)
class Option:
    """An answer to a question; it leads on and may set outcome codes.

    Attributes:
        label: what the caseworker picks (key 1–9 by position).
        next: the step that follows.
        codes: outcome codes set when this option is chosen.
        note: a neutral sentence for the case-file note.
        jump: a jump flow to run first; the flow continues at ``next`` after it.
    """

    label: str
    next: str
    codes: tuple[str, ...] = ()
    note: str = ""
    jump: str = ""
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def at(self, key: str) -> int:
        """Return the line of ``key`` in the file, or of the table."""
        return self.lines.get(key, self.line)


@dataclass(frozen=True)
class Step:
    """One step of a flow."""

    id: str
    kind: str
    title: str
    say: str = ""
    guidance: str = ""
    next: str = ""
    options: tuple[Option, ...] = ()
    items: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    note: str = ""
    sources: tuple[str, ...] = ()
    directory: tuple[DirectoryShortcut, ...] = ()
    orosanmalan: bool = False
    emphasis: str = "none"
    #: The step's note says the call ended before its questions (Kan inte prata nu).
    #: In a jump made by key and come back from, the call went on: the note leaves
    #: it out (``FlowSession.notes``).
    ends_call: bool = False
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def at(self, key: str) -> int:
        """Return the line of ``key`` in the file, or of the step."""
        return self.lines.get(key, self.line)

    @property
    def is_acute(self) -> bool:
        """Return True for a step about danger now: shown apart, with 112 large."""
        return self.emphasis == "acute"

    @property
    def emphasis_number(self) -> str:
        """Return the number an emphasised step shows large ("" for an ordinary step)."""
        return EMPHASES.get(self.emphasis, "")

    @property
    def is_outcome(self) -> bool:
        """Return True for a step that ends the flow."""
        return self.kind == "outcome"

    def targets(self) -> list[str]:
        """Return the ids of the steps this step can lead to."""
        if self.kind == "question":
            return [o.next for o in self.options]
        return [self.next] if self.next else []


@dataclass(frozen=True)
class Flow:
    """A whole flow, as loaded from one file."""

    id: str
    title: str
    version: str
    benefits: tuple[str, ...]
    when: str
    steps: tuple[Step, ...]
    sources: tuple[Source, ...] = ()
    kind: str = "conversation"
    start: str = ""
    keywords: tuple[str, ...] = ()
    emphasis: str = "none"
    path: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    by_id: dict[str, Step] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.by_id:
            # The first of duplicate ids wins; lint reports the duplicate.
            index: dict[str, Step] = {}
            for step in self.steps:
                index.setdefault(step.id, step)
            object.__setattr__(self, "by_id", index)

    @property
    def start_id(self) -> str:
        """Return the id of the first step."""
        return self.start or (self.steps[0].id if self.steps else "")

    @property
    def is_jump(self) -> bool:
        """Return True for a global jump flow."""
        return self.kind == "jump"

    def step(self, step_id: str) -> Step:
        """Return the step ``step_id`` (KeyError when unknown)."""
        return self.by_id[step_id]

    def at(self, key: str) -> int:
        """Return the line of top-level ``key`` in the file (1 when unknown)."""
        return self.lines.get(key, 1)

    def source(self, source_id: str) -> Source | None:
        """Return the source ``source_id``, or None."""
        return next((s for s in self.sources if s.id == source_id), None)
