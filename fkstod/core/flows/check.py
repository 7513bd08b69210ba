"""Check a loaded flow as a graph, and its texts against vocabulary and limits.

Every fault is a :class:`~fkstod.core.lint.Problem` with the line of the step,
option or key concerned.
"""

from __future__ import annotations

from collections.abc import Collection

from fkstod.core.flows.model import FLOW_KINDS, LIMITS, MAX_OPTIONS, STEP_KINDS, Flow, Step
from fkstod.core.flows.note_rule import authored_note_faults
from fkstod.core.i18n import _
from fkstod.core.problems import Problem
from fkstod.core.vocabulary import BENEFITS, OUTCOME_CODES, REFERRAL_CATEGORIES


def check_flow(flow: Flow, jump_ids: Collection[str] | None = None) -> list[Problem]:
    """Return every fault of ``flow``.

    Args:
        flow: the loaded flow.
        jump_ids: ids of the jump flows an option may jump to; None skips that check.
    """
    c = _Checker(flow)
    c.flow_fields()
    c.steps(jump_ids)
    c.graph()
    return sorted(c.problems)


class _Checker:
    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.problems: list[Problem] = []

    def fault(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.flow.path, line, message))

    def text(self, line: int, what: str, value: str, limit: str, *, required: bool) -> None:
        if required and not value:
            self.fault(line, _("{what} saknas eller är tom").format(what=what))
        elif len(value) > LIMITS[limit]:
            self.fault(
                line,
                _("{what} är för lång: {n} tecken, högst {max}").format(
                    what=what, n=len(value), max=LIMITS[limit]
                ),
            )

    def note(self, line: int, what: str, note: str) -> None:
        # The rule of what a case-file note may say lives in note_rule, with its reasons.
        for fault in authored_note_faults(self.flow, note):
            self.fault(line, f"{what}: {fault}")

    def codes(self, line: int, codes: tuple[str, ...]) -> None:
        for code in codes:
            if code not in OUTCOME_CODES:
                self.fault(line, _("okänd utfallskod {code!r}").format(code=code))

    def flow_fields(self) -> None:
        f = self.flow
        self.text(f.at("title"), _("title"), f.title, "title", required=True)
        self.text(f.at("when"), _("when"), f.when, "when", required=True)
        if f.kind not in FLOW_KINDS:
            self.fault(
                f.at("kind"), _("okänd kind {k!r} (conversation eller jump)").format(k=f.kind)
            )
        if not f.benefits:
            self.fault(f.at("benefits"), _("benefits saknas: ange minst en förmån"))
        for b in f.benefits:
            if b not in BENEFITS:
                self.fault(
                    f.at("benefits"),
                    _("okänd förmån {b!r} (tillåtna: {allowed})").format(
                        b=b, allowed=", ".join(BENEFITS)
                    ),
                )
        if not f.sources:
            self.fault(1, _("sources saknas: ange varifrån flödets regler kommer"))
        seen: set[str] = set()
        for s in f.sources:
            if s.id in seen:
                self.fault(s.line, _("källan {id!r} finns två gånger").format(id=s.id))
            seen.add(s.id)
            self.text(s.line, _("källans title"), s.title, "source", required=True)
        if not f.steps:
            self.fault(1, _("flödet har inga steg"))
        elif f.start and f.start not in f.by_id:
            self.fault(f.at("start"), _("start pekar på okänt steg {id!r}").format(id=f.start))

    def steps(self, jump_ids: Collection[str] | None) -> None:
        seen: set[str] = set()
        for step in self.flow.steps:
            if step.id in seen:
                self.fault(step.line, _("steget {id!r} finns två gånger").format(id=step.id))
            seen.add(step.id)
            self.step(step, jump_ids)

    def step(self, step: Step, jump_ids: Collection[str] | None) -> None:
        line, name = step.line, step.id
        if not step.kind:
            self.fault(line, _("steget {s}: kind saknas").format(s=name))
        elif step.kind not in STEP_KINDS:
            self.fault(
                step.at("kind"),
                _("steget {s}: okänd kind {k!r} (tillåtna: {allowed})").format(
                    s=name, k=step.kind, allowed=", ".join(STEP_KINDS)
                ),
            )
        self.text(line, _("steget {s}: title").format(s=name), step.title, "title", required=True)
        if not step.say and not step.guidance:
            self.fault(line, _("steget {s}: say och guidance är båda tomma").format(s=name))
        self.text(
            step.at("say"), _("steget {s}: say").format(s=name), step.say, "say", required=False
        )
        self.text(
            step.at("guidance"),
            _("steget {s}: guidance").format(s=name),
            step.guidance,
            "guidance",
            required=False,
        )
        self.text(
            step.at("note"), _("steget {s}: note").format(s=name), step.note, "note", required=False
        )
        self.note(step.at("note"), _("steget {s}: note").format(s=name), step.note)
        self.codes(step.at("codes"), step.codes)
        for ref in step.sources:
            if self.flow.source(ref) is None:
                self.fault(
                    step.at("sources"), _("steget {s}: okänd källa {r!r}").format(s=name, r=ref)
                )
        for shortcut in step.directory:
            if shortcut.category not in REFERRAL_CATEGORIES:
                self.fault(
                    shortcut.at("category"),
                    _("okänd kategori {c!r} (tillåtna: {allowed})").format(
                        c=shortcut.category, allowed=", ".join(REFERRAL_CATEGORIES)
                    ),
                )
            self.text(
                shortcut.at("label"), _("genvägens label"), shortcut.label, "label", required=True
            )
        self.kind_rules(step)
        for option in step.options:
            self.text(
                option.at("label"),
                _("svarsalternativets label"),
                option.label,
                "label",
                required=True,
            )
            self.text(
                option.at("note"), _("svarsalternativets note"), option.note, "note", required=False
            )
            self.note(option.at("note"), _("svarsalternativets note"), option.note)
            self.codes(option.at("codes"), option.codes)
            if option.jump and jump_ids is not None and option.jump not in jump_ids:
                self.fault(
                    option.at("jump"), _("jump till okänt hoppflöde {j!r}").format(j=option.jump)
                )
        for item in step.items:
            self.text(
                step.at("items"),
                _("steget {s}: en punkt i items").format(s=name),
                item,
                "item",
                required=True,
            )

    def kind_rules(self, step: Step) -> None:
        line, name = step.line, step.id
        if step.kind == "question":
            if not step.options:
                self.fault(line, _("steget {s}: en fråga behöver options").format(s=name))
            if len(step.options) > MAX_OPTIONS:
                self.fault(
                    line,
                    _("steget {s}: {n} svarsalternativ, högst {max} (tangent 1–9)").format(
                        s=name, n=len(step.options), max=MAX_OPTIONS
                    ),
                )
            if step.next:
                self.fault(
                    line, _("steget {s}: en fråga har next i options, inte i steget").format(s=name)
                )
        elif step.options:
            self.fault(
                line, _("steget {s}: bara en fråga (question) kan ha options").format(s=name)
            )
        if step.kind == "checklist" and not step.items:
            self.fault(line, _("steget {s}: en checklista behöver items").format(s=name))
        if step.kind != "checklist" and step.items:
            self.fault(line, _("steget {s}: bara en checklista kan ha items").format(s=name))
        if step.kind == "outcome" and step.next:
            self.fault(
                line, _("steget {s}: ett utfall är ett slut och har ingen next").format(s=name)
            )
        if step.kind in ("info", "checklist") and not step.next:
            self.fault(line, _("steget {s}: återvändsgränd, next saknas").format(s=name))

    def graph(self) -> None:
        f = self.flow
        if not f.steps or f.start_id not in f.by_id:
            return
        for step in f.steps:
            for option in step.options:
                if option.next and option.next not in f.by_id:
                    self.fault(
                        option.at("next"),
                        _("steget {s}: svaret leder till okänt steg {t!r}").format(
                            s=step.id, t=option.next
                        ),
                    )
            if step.kind != "question" and step.next and step.next not in f.by_id:
                self.fault(
                    step.at("next"),
                    _("steget {s}: next pekar på okänt steg {t!r}").format(s=step.id, t=step.next),
                )
        reachable = _reach([f.start_id], lambda s: f.by_id[s].targets(), f.by_id)
        for step in f.steps:
            if step.id not in reachable:
                self.fault(step.line, _("steget {s} går inte att nå från start").format(s=step.id))
        outcomes = [s.id for s in f.steps if s.is_outcome]
        if not outcomes:
            self.fault(1, _('flödet har inget utfall (kind = "outcome")'))
            return
        incoming: dict[str, list[str]] = {s: [] for s in f.by_id}
        for step in f.by_id.values():
            for target in step.targets():
                if target in incoming:
                    incoming[target].append(step.id)
        can_end = _reach(outcomes, lambda s: incoming[s], f.by_id)
        for step in f.steps:
            if step.id not in reachable or step.id in can_end or not step.targets():
                continue  # unreachable and dead ends are reported above
            if _in_cycle(step.id, f):
                msg = _("steget {s} ligger i en slinga utan väg ut till ett utfall")
            else:
                msg = _("steget {s} leder aldrig till ett utfall")
            self.fault(step.line, msg.format(s=step.id))


def _reach(starts, neighbours, known) -> set[str]:
    seen: set[str] = set()
    todo = [s for s in starts if s in known]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo.extend(n for n in neighbours(current) if n in known and n not in seen)
    return seen


def _in_cycle(step_id: str, flow: Flow) -> bool:
    after = _reach(flow.by_id[step_id].targets(), lambda s: flow.by_id[s].targets(), flow.by_id)
    return step_id in after
