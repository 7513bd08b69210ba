"""Every usage metric fkstod may count, and every label each may carry.

Glean-style: a metric that is not declared here cannot be recorded, and a label
value must come from a declared vocabulary or from the ids of loaded content
(flows). There is deliberately no metric that takes free text.
"""

from __future__ import annotations

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

METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("flow_started", "A flow was started.", (FLOW, BENEFIT), _("Flöde startat")),
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
            (Label("category", frozenset(REFERRAL_CATEGORIES)),),
            _("Stödkontakter visade"),
        ),
        Metric(
            "orosanmalan_created",
            "A report of concern was produced.",
            (BENEFIT,),
            _("Orosanmälan skriven"),
        ),
    )
}
