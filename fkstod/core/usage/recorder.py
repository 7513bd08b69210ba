"""Record usage counts: one row per month, metric and label combination."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from fkstod.core.migrate import MigrationSet
from fkstod.core.store import ReadOnlyError, StoreError
from fkstod.core.usage.registry import (
    METRICS,
    OTHER,
    Label,
    Metric,
    UnknownMetricError,
    is_allowed,
)

TABLE = "usage_counts"
#: The months that went out in an export, and how many times (the export itself is not kept).
EXPORTED_TABLE = "usage_exported_months"
#: Months whose last export does not hold all their counts (it was made while they
#: still ran, or a count came after it): offered again once over.
RUNNING_TABLE = "usage_months_sent_running"
#: Each exported month's random id, sent again with the month so that a merge counts it once.
MONTH_IDS_TABLE = "usage_month_ids"

if TYPE_CHECKING:
    from fkstod.core.store import Db

migrations = MigrationSet("usage")


@migrations()
def create_usage_counts(conn: sqlite3.Connection) -> None:
    """Create the table of monthly counts."""
    conn.execute(
        f'CREATE TABLE "{TABLE}" (\n'
        '   "month" TEXT NOT NULL,\n'
        '   "metric" TEXT NOT NULL,\n'
        '   "labels" TEXT NOT NULL,\n'
        '   "count" INTEGER NOT NULL,\n'
        '   PRIMARY KEY ("month", "metric", "labels")\n'
        ")"
    )


@migrations()
def create_usage_exported_months(conn: sqlite3.Connection) -> None:
    """Create the table of months already exported."""
    conn.execute(
        f'CREATE TABLE "{EXPORTED_TABLE}" (\n'
        '   "month" TEXT PRIMARY KEY NOT NULL,\n'
        '   "times" INTEGER NOT NULL\n'
        ")"
    )


@migrations()
def create_usage_month_ids(conn: sqlite3.Connection) -> None:
    """Create the table of the exported months' ids."""
    conn.execute(
        f'CREATE TABLE "{MONTH_IDS_TABLE}" (\n'
        '   "month" TEXT PRIMARY KEY NOT NULL,\n'
        '   "id" TEXT NOT NULL\n'
        ")"
    )


@migrations()
def create_usage_months_sent_running(conn: sqlite3.Connection) -> None:
    """Create the table of months that last went out before they were over."""
    conn.execute(f'CREATE TABLE "{RUNNING_TABLE}" (\n   "month" TEXT PRIMARY KEY NOT NULL\n)')


@dataclass(frozen=True)
class Recorded:
    """What one ``record`` call changed (nothing, in training mode)."""

    month: str
    metric: str
    labels: Mapping[str, str]
    count: int


def current_month() -> str:
    """Return the current calendar month as ``YYYY-MM``."""
    return date.today().strftime("%Y-%m")


class UsageRecorder:
    """Count what happens, by month, metric and declared labels only.

    Args:
        db: the open database.
        metrics: the registry (tests may pass their own).
        training: in training mode nothing is recorded.
        clock: returns the month to count in.
    """

    def __init__(
        self,
        db: Db | None,
        metrics: Mapping[str, Metric] = METRICS,
        *,
        training: bool = False,
        clock: Callable[[], str] = current_month,
    ) -> None:
        self._db = db
        self._metrics = metrics
        self.training = training
        self._clock = clock
        self._content: dict[str, frozenset[str]] = {}

    def for_call(self) -> UsageRecorder:
        """Return the recorder of one call: training or not, and its month, as now, for good.

        A call is training or not as a whole, from its start: a demonstration whose
        end comes after Övningsläge was switched off is not counted, and a real call
        whose end comes after it was switched on is counted whole. So is its month:
        a call begun at 23:58 on the last day of a month and ended after midnight is
        that month's, flows, outcomes, copied note and all (no month has "stöd
        erbjöds" for a call it does not have). Should that month have gone out in
        an export meanwhile, ``record`` has it offered again.
        """
        month = self._clock()
        call = UsageRecorder(self._db, self._metrics, training=self.training, clock=lambda: month)
        call._content = self._content  # the same declared ids, also when they change
        return call

    def set_content_ids(self, kind: str, ids: Iterable[str]) -> None:
        """Declare the ids of loaded content allowed as labels of ``kind``."""
        self._content[kind] = frozenset(ids)

    def record(self, metric: str, **labels: str) -> Recorded | None:
        """Add one to a count.

        A label value no vocabulary knows is counted as ``other``; an unknown
        metric or label name raises, since only code can cause it.

        Returns:
            What was changed, or None in training mode or when the database could
            not be written (the count is dropped; the work it counts goes on).

        Raises:
            UnknownMetricError: for a metric or label name not in the registry.
        """
        spec = self._metrics.get(metric)
        if spec is None:
            raise UnknownMetricError(metric)
        if set(labels) != spec.label_names():
            raise UnknownMetricError(
                f"{metric}: labels {sorted(labels)} != {sorted(spec.label_names())}"
            )
        clean = {label.name: self._allowed(label, labels[label.name]) for label in spec.labels}
        if self.training or self._db is None:
            return None
        month = self._clock()
        key = json.dumps(clean, sort_keys=True, ensure_ascii=False)
        try:
            with self._db.transaction() as conn:
                row = conn.execute(
                    f"INSERT INTO {TABLE} (month, metric, labels, count) VALUES (?, ?, ?, 1) "
                    "ON CONFLICT (month, metric, labels) DO UPDATE SET count = count + 1 "
                    "RETURNING count",
                    [month, metric, key],
                ).fetchone()
                # A count in a month already sent (a call that began before its end, a
                # clock put back after an export): the month is offered again, and the
                # merge counts it once, in its newest form. One look-up by key.
                conn.execute(
                    f"INSERT OR IGNORE INTO {RUNNING_TABLE} (month) "
                    f"SELECT month FROM {EXPORTED_TABLE} WHERE month = ?",
                    [month],
                )
        except ReadOnlyError:
            return None  # a data folder that cannot be written: the start said so, once
        except StoreError as exc:
            # Counting must never stop the work it counts: the count is dropped.
            print(f"fkstod: en räkning kunde inte sparas: {exc}", file=sys.stderr)
            return None
        return Recorded(month, metric, clean, row[0])

    def _allowed(self, label: Label, value: object) -> str:
        return value if is_allowed(label, value, self._content) else OTHER  # type: ignore[return-value]

    def content_ids(self) -> Mapping[str, frozenset[str]]:
        """Return the declared content ids by kind (what an export may carry)."""
        return dict(self._content)

    def counts(self) -> list[Recorded]:
        """Return every stored count, oldest month first."""
        if self._db is None or not self._db.table_exists(TABLE):
            return []
        rows = self._db.execute(
            f"SELECT month, metric, labels, count FROM {TABLE} ORDER BY month, metric, labels"
        )
        return [Recorded(month, metric, json.loads(labels), n) for month, metric, labels, n in rows]
