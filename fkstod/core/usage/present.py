"""Usage counts in words: what a caseworker or coordinator reads in Statistik."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fkstod.core.i18n import _
from fkstod.core.usage.recorder import Recorded
from fkstod.core.usage.registry import METRICS, OTHER
from fkstod.core.vocabulary import BENEFITS, OUTCOME_CODES, REFERRAL_CATEGORIES


@dataclass(frozen=True)
class CountRow:
    """One count as shown: month, what was counted, the details, how many."""

    month: str
    what: str
    details: str
    count: int


def describe(counts: list[Recorded], flow_titles: Mapping[str, str]) -> list[CountRow]:
    """Return the counts in Swedish words, newest month first."""
    words = {
        "benefit": BENEFITS,
        "outcome": OUTCOME_CODES,
        "category": REFERRAL_CATEGORIES,
        "flow": flow_titles,
    }
    rows = []
    for c in counts:
        metric = METRICS.get(c.metric)
        details = [
            _("övrigt") if value == OTHER else words.get(name, {}).get(value, value)
            for name, value in sorted(c.labels.items(), key=lambda kv: _ORDER.get(kv[0], 9))
        ]
        rows.append(
            CountRow(c.month, metric.title if metric else c.metric, " · ".join(details), c.count)
        )
    return sorted(rows, key=lambda r: r.month, reverse=True)


_ORDER = {"flow": 0, "outcome": 1, "category": 1, "benefit": 2}
