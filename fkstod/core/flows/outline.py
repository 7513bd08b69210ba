"""The whole flow, readable on paper: for content review and for handouts."""

from __future__ import annotations

import re
from typing import Any

from fkstod.core import templates
from fkstod.core.flows.model import Flow, Step
from fkstod.core.i18n import _
from fkstod.core.vocabulary import BENEFITS, OUTCOME_CODES, REFERRAL_CATEGORIES

FORMATS: tuple[str, ...] = ("text", "md", "html")
_TEMPLATE = {
    "text": "flow_outline.txt.j2",
    "md": "flow_outline.md.j2",
    "html": "flow_outline.html.j2",
}

STEP_KIND_LABELS: dict[str, str] = {
    "info": _("Information"),
    "question": _("Fråga"),
    "checklist": _("Checklista"),
    "outcome": _("Slut"),
}


#: The note in a source's title of which seed document a rule was read from, for
#: whoever checks the flow: "(underlag: seeds/002_….txt)", or last in a parenthesis
#: ("(beskrivet i A 2022/00842, underlag: seeds/….txt)"). Not for a reader.
_WORKING_FILE = re.compile(r"\s*\(underlag:[^)]*\)|,\s*underlag:[^)]*")


def cited(title: str) -> str:
    """Return a source's title as a reader looks it up: without the seed file it came from."""
    return _WORKING_FILE.sub("", title).strip()


def outline(flow: Flow, fmt: str = "text", titles: dict[str, str] | None = None) -> str:
    """Render ``flow`` whole in ``fmt`` (text, md or html).

    Args:
        flow: the flow.
        fmt: one of FORMATS.
        titles: titles of other flows by id, to name the jump flows options lead to.
    """
    return templates.render(_TEMPLATE[fmt], **outline_context(flow, titles or {}))


def outline_context(flow: Flow, titles: dict[str, str]) -> dict[str, Any]:
    """Return the template context of an outline: plain dicts, strings and numbers."""
    numbers = {step.id: n for n, step in enumerate(flow.steps, start=1)}

    def target(step_id: str) -> str:
        step = flow.by_id.get(step_id)
        return f"{numbers.get(step_id, '?')}. {step.title if step else step_id}"

    return {
        "id": flow.id,
        "title": flow.title,
        "version": flow.version,
        "when": flow.when,
        "is_jump": flow.is_jump,
        "benefits": [BENEFITS.get(b, b) for b in flow.benefits],
        "sources": [{"id": s.id, "title": cited(s.title), "url": s.url} for s in flow.sources],
        "steps": [
            _step_context(flow, step, numbers[step.id], target, titles) for step in flow.steps
        ],
    }


def _step_context(flow: Flow, step: Step, number: int, target, titles) -> dict[str, Any]:
    return {
        "number": number,
        "id": step.id,
        "kind": STEP_KIND_LABELS.get(step.kind, step.kind),
        "title": step.title,
        "say": step.say,
        "guidance": step.guidance,
        "checklist": list(step.items),
        "codes": [OUTCOME_CODES.get(c, c) for c in step.codes],
        "note": step.note,
        "next": target(step.next) if step.next else "",
        "sources": [cited(s.title) for ref in step.sources if (s := flow.source(ref))],
        "orosanmalan": step.orosanmalan,
        "directory": [
            {
                "label": d.label,
                "category": REFERRAL_CATEGORIES.get(d.category, d.category),
                "kommun": d.kommun,
            }
            for d in step.directory
        ],
        "options": [
            {
                "key": n,
                "label": o.label,
                "next": target(o.next),
                "codes": [OUTCOME_CODES.get(c, c) for c in o.codes],
                "note": o.note,
                "jump": titles.get(o.jump, o.jump) if o.jump else "",
            }
            for n, o in enumerate(step.options, start=1)
        ],
    }
