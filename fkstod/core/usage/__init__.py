"""Anonymous usage counts: a registry of metrics and a recorder of monthly counts."""

from fkstod.core.usage.recorder import UsageRecorder, migrations
from fkstod.core.usage.registry import METRICS, Metric, UnknownMetricError

__all__ = ["METRICS", "Metric", "UnknownMetricError", "UsageRecorder", "migrations"]
