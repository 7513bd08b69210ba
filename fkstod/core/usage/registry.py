"""Every usage metric fkstod may count, and every label each may carry.

Glean-style: a metric that is not declared here cannot be recorded, and a label
value must come from a declared vocabulary or from the ids of loaded content
(flows). There is deliberately no metric that takes free text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fkstod.core.i18n import _
from fkstod.core.vocabulary import BENEFITS, OUTCOME_CODES, REFERRAL_CATEGORIES

#: The value recorded in place of a label value that no vocabulary knows.
OTHER = "other"


class UnknownMetricError(KeyError):
    """A metric or label name that the registry does not declare (a programming error)."""


@dataclass(frozen=True)
class Label:
    """A label of a metric.

    Attributes:
        name: the label's name.
        values: the allowed values, when fixed in code.
        content: the kind of loaded content whose ids are allowed (e.g. ``"flow"``).
    """

    name: str
    values: frozenset[str] = frozenset()
    content: str | None = None


@dataclass(frozen=True)
class Metric:
    """A counter, kept per calendar month and per combination of label values."""

    name: str
    description: str
    labels: tuple[Label, ...] = ()
    title: str = ""  # what the user sees, in Swedish

    def label_names(self) -> frozenset[str]:
        """Return the names of this metric's labels."""
        return frozenset(label.name for label in self.labels)


BENEFIT = Label("benefit", frozenset(BENEFITS))
FLOW = Label("flow", content="flow")
CATEGORY = Label("category", frozenset(REFERRAL_CATEGORIES))

METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("flow_started", "A flow was started.", (FLOW, BENEFIT), _("Flöde startat")),
        # A call is one however many flows it jumped into (each of them is a
        # flow_started); counted when it ends, with its outcomes, so that a window
        # closed by force mid-call leaves no call counted without them.
        Metric(
            "call_ended",
            "A call with fkstod's support ended (once per call, with its outcomes).",
            (BENEFIT,),
            _("Samtal"),
        ),
        Metric(
            "flow_completed",
            "A flow reached an outcome step.",
            (FLOW, BENEFIT),
            _("Flöde avslutat"),
        ),
        Metric(
            "flow_abandoned",
            "A flow was left before its end.",
            (FLOW, BENEFIT),
            _("Flöde avbrutet"),
        ),
        Metric(
            "flow_outcome",
            "An outcome code was set in a flow.",
            (FLOW, BENEFIT, Label("outcome", frozenset(OUTCOME_CODES))),
            _("Utfall i flöde"),
        ),
        Metric(
            "referral_shown",
            "Support contacts of a category were shown.",
            (CATEGORY,),
            _("Stödkontakter visade"),
        ),
        # A support contact copied or offered while a flow (a call) is open: the
        # "support offered" indicator. A number copied during a plain directory
        # search is only ``referral_shown``; it is not support offered in a call.
        Metric(
            "support_offered_in_call",
            "A support contact was copied or offered during a call (a flow was open).",
            (FLOW, BENEFIT, CATEGORY),
            _("Stödkontakt erbjuden i samtal"),
        ),
        # The "documented in the file" indicator: the draft case-file note was copied.
        Metric(
            "case_note_copied",
            "The draft case-file note of a flow was copied.",
            (FLOW, BENEFIT),
            _("Anteckning till akten kopierad"),
        ),
        Metric(
            "orosanmalan_created",
            # From a call the benefit is the call's benefit; written on its own, "ovriga".
            "A report of concern was produced.",
            (BENEFIT,),
            _("Orosanmälan skriven"),
        ),
    )
}


def is_allowed(label: Label, value: object, content: Mapping[str, frozenset[str]]) -> bool:
    """Return True when ``value`` may be stored or exported as ``label``.

    Allowed: :data:`OTHER`, a value of the label's fixed vocabulary, or, for a
    content label, an id of the loaded content of that kind (``content``).
    """
    if not isinstance(value, str):
        return False
    if value == OTHER:
        return True
    if label.content:
        return value in content.get(label.content, frozenset())
    return value in label.values
