"""Anonymous usage counts: a registry of metrics and a recorder of monthly counts.

The modules beyond counting are imported where they are used, not here (the
window imports this package on its start path):

- ``export``: a caseworker's checksummed export file and the months already exported;
- ``merge``: a coordinator's validated, streaming merge of many exports;
- ``indicators``: the agency's indicators per benefit, period and unit, protected;
- ``suppress``: disclosure control of a two-way table with totals, and its audit;
- ``outputs``: the protected report as CSV, .xlsx and JSON Lines;
- ``units``: the organisational units and the threshold from ``config.toml``.
"""

from fkstod.core.usage.recorder import UsageRecorder, migrations
from fkstod.core.usage.registry import METRICS, Metric, UnknownMetricError

__all__ = ["METRICS", "Metric", "UnknownMetricError", "UsageRecorder", "migrations"]
