"""A caseworker's export of usage counts: one JSON file, checksummed, nothing personal.

The document (a ``dict``; :func:`build_export`) holds exactly these members::

    format           "fkstod-statistik"
    format_version   2
    export_id        a random UUID (version 4), only so that a merge counts it once
    months           the months covered, "YYYY-MM", ascending, no repeats
    month_ids        {month: a random UUID (version 4)} for exactly those months:
                     drawn the first time this database exports the month and
                     sent again with it, so that a merge counts each month of
                     each database once (the version with the most counts)
    unit             the code of an organisational unit from config.toml, or null
    app_version      fkstod's version
    content_version  the version of the loaded flows
    counts           [{"metric", "labels", "month", "count"}, ...] sorted by
                     month, metric and labels; count a whole number >= 1
    sha256           the checksum below, as 64 lower-case hex digits

Canonical content (what ``sha256`` covers): the document without its ``sha256``
member, serialised as JSON with object keys sorted by code point at every level,
no whitespace between tokens (``","`` and ``":"``), strings with non-ASCII
characters written as themselves (not ``\\u`` escapes), whole numbers in decimal,
no floats, and the whole encoded as UTF-8 without a byte-order mark. The file
itself is the same document indented for a person to read; a reader parses it
and recomputes the canonical form, so the layout of the file does not matter.

No member names a person or a computer: no user name, host name, install id or
timestamp. Label values are the registry's own or ids of loaded content. A month
id links only the exports that carry that same month (one caseworker's, which
the coordinator would count twice otherwise), not one month to the next.

Version 1 was the same without ``month_ids``; a merge still reads it, counting a
repeated export id once but not a month sent again in another export.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fkstod.core import files
from fkstod.core.i18n import _
from fkstod.core.store_health import StoreError
from fkstod.core.usage.recorder import EXPORTED_TABLE, MONTH_IDS_TABLE, RUNNING_TABLE, TABLE
from fkstod.core.usage.registry import METRICS, OTHER, Metric, is_allowed
from fkstod.core.usage.units import Unit, shipped_units, unit_by_code

if TYPE_CHECKING:
    import sqlite3

    from fkstod.core.store import Db

FORMAT = "fkstod-statistik"
FORMAT_VERSION = 2
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
#: An app or content version: what a version number is made of, nothing else.
VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,39}$")
MEMBERS_V1 = frozenset(
    {
        "format",
        "format_version",
        "export_id",
        "months",
        "unit",
        "app_version",
        "content_version",
        "counts",
        "sha256",
    }
)
MEMBERS = MEMBERS_V1 | {"month_ids"}


class ExportProblem(ValueError):
    """An export cannot be built as asked (a month or unit not allowed); Swedish text."""


def canonical_bytes(document: Mapping[str, Any]) -> bytes:
    """Return the canonical content of an export: everything but ``sha256`` (see above)."""
    content = {k: v for k, v in document.items() if k != "sha256"}
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def checksum(document: Mapping[str, Any]) -> str:
    """Return the SHA-256 of the canonical content, as lower-case hex."""
    return hashlib.sha256(canonical_bytes(document)).hexdigest()


def serialise_export(document: Mapping[str, Any]) -> bytes:
    """Return the bytes of the export file: the document, indented, UTF-8, one final newline."""
    text = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")


def month_range(first: str, last: str) -> list[str]:
    """Return every month from ``first`` to ``last`` inclusive (``YYYY-MM``).

    Raises:
        ExportProblem: a month not written ``YYYY-MM``, or ``first`` after ``last``.
    """
    for month in (first, last):
        if not MONTH.match(month):
            raise ExportProblem(
                _("{m}: en månad skrivs ÅÅÅÅ-MM, till exempel 2026-03").format(m=month)
            )
    if first > last:
        raise ExportProblem(
            _("{a}..{b}: den första månaden kommer efter den sista").format(a=first, b=last)
        )
    year, mon = int(first[:4]), int(first[5:])
    out = []
    while f"{year:04d}-{mon:02d}" <= last:
        out.append(f"{year:04d}-{mon:02d}")
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    return out


def month_of(day: date) -> str:
    """Return the calendar month of ``day`` as ``YYYY-MM``."""
    return day.strftime("%Y-%m")


def default_months(
    counted: Iterable[str],
    exported: Mapping[str, int],
    current: str,
    sent_running: Collection[str] = frozenset(),
) -> list[str]:
    """Return the months an export offers unless others are chosen, ascending.

    Only complete months: those with counts before ``current`` (the month still
    running, whose counts will grow) that have not gone out in an export, or
    whose last export does not hold all their counts (``sent_running``: it was
    made while they still ran, or a count came after it): the rest of such a
    month goes out once it is over, and the merge counts it once.
    """
    return sorted({m for m in counted if m < current and (m not in exported or m in sent_running)})


def _clean_labels(
    spec: Metric, labels: object, content: Mapping[str, frozenset[str]]
) -> dict[str, str] | None:
    if not isinstance(labels, dict) or set(labels) != spec.label_names():
        return None
    return {
        label.name: labels[label.name] if is_allowed(label, labels[label.name], content) else OTHER
        for label in spec.labels
    }


def _readable(
    rows: Iterable[tuple[Any, ...]],
    wanted: Collection[str] | None,
    content: Mapping[str, frozenset[str]],
) -> Iterator[tuple[str, str, dict[str, str], int]]:
    """Yield the stored counts an export holds, as (month, metric, labels, count).

    A metric the registry does not know, a month not ``YYYY-MM``, a count that is
    not a positive number or labels that are not the metric's are left out.
    """
    for month, metric, raw_labels, count in rows:
        spec = METRICS.get(metric)
        if (
            spec is None
            or not MONTH.match(str(month))
            or (wanted is not None and month not in wanted)
        ):
            continue
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            continue
        try:
            labels = _clean_labels(spec, json.loads(raw_labels), content)
        except (TypeError, ValueError):
            labels = None
        if labels is not None:
            yield month, metric, labels, count


def _sent(document: Mapping[str, Any]) -> dict[str, int]:
    """Return how many counts ``document`` holds, by month."""
    sent: dict[str, int] = {}
    for cell in document.get("counts", []):
        sent[cell["month"]] = sent.get(cell["month"], 0) + cell["count"]
    return sent


def _month_totals(conn: sqlite3.Connection, months: Collection[str]) -> dict[str, int]:
    """Return how many counts an export of ``months`` made now would hold, by month."""
    totals = dict.fromkeys(months, 0)
    rows = conn.execute(
        f"SELECT month, metric, labels, count FROM {TABLE} WHERE month IN "
        f"({', '.join('?' * len(totals))})",
        list(totals),
    )
    for month, _metric, _labels, count in _readable(rows, totals, {}):
        totals[month] += count
    return totals


def build_export(
    db: Db,
    months: Sequence[str] | None = None,
    unit: str | None = None,
    *,
    app_version: str,
    content_version: str,
    content_ids: Mapping[str, Iterable[str]],
    units: Sequence[Unit] | None = None,
    today: Callable[[], date] = date.today,
) -> dict[str, Any]:
    """Return the export document of the counts in ``db`` (nothing is written).

    Args:
        months: the months to export; None exports every month that has counts.
            A month asked for without counts is still covered (its counts are 0).
        unit: a unit code from ``units`` (default: the shipped list), or None.
        content_ids: the ids of loaded content by kind (``{"flow": [...]}``);
            a stored label value that is neither in the registry nor here is
            exported as ``other``, a stored metric the registry does not know is
            left out: only declared labels ever leave the computer.

    Raises:
        ExportProblem: a month not ``YYYY-MM`` or after ``today``'s month (the merge
            would refuse the file), an unknown unit or a bad version.
    """
    content = {kind: frozenset(ids) for kind, ids in content_ids.items()}
    if unit is not None and unit_by_code(shipped_units() if units is None else units, unit) is None:
        raise ExportProblem(
            _("enheten {u} finns inte i listan över enheter i config.toml").format(u=unit)
        )
    for version in (app_version, content_version):
        if not isinstance(version, str) or not VERSION.match(version):
            raise ExportProblem(_("{v!r} är inte ett versionsnummer").format(v=version))
    wanted = None
    if months is not None:
        for month in months:
            if not isinstance(month, str) or not MONTH.match(month):
                raise ExportProblem(
                    _("{m}: en månad skrivs ÅÅÅÅ-MM, till exempel 2026-03").format(m=month)
                )
            if month > today().strftime("%Y-%m"):
                raise ExportProblem(_("{m}: månaden har inte kommit ännu").format(m=month))
        wanted = set(months)
    cells: dict[tuple[str, str, str], int] = {}
    if db.table_exists(TABLE):
        rows = db.execute(f"SELECT month, metric, labels, count FROM {TABLE}")
        for month, metric, labels, count in _readable(rows, wanted, content):
            key = (month, metric, json.dumps(labels, sort_keys=True, separators=(",", ":")))
            cells[key] = cells.get(key, 0) + count
    covered = sorted(wanted if wanted is not None else {k[0] for k in cells})
    known = month_ids(db)
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "export_id": str(uuid.uuid4()),
        "months": covered,
        "month_ids": {m: known.get(m) or str(uuid.uuid4()) for m in covered},
        "unit": unit,
        "app_version": app_version,
        "content_version": content_version,
        "counts": [
            {"metric": metric, "labels": json.loads(labels), "month": month, "count": n}
            for (month, metric, labels), n in sorted(cells.items())
        ],
    }
    document["sha256"] = checksum(document)
    return document


class StaleExport(StoreError):
    """The document was built before another export of its months was saved."""


class ExportNotMarked(StoreError):
    """The export file was written, but its months could not be marked as exported."""


def write_export(
    path: Path,
    document: Mapping[str, Any],
    db: Db,
    protected: files.Protected,
    today: Callable[[], date] = date.today,
) -> Path:
    """Write ``document`` to ``path`` (all or nothing), then remember its months in ``db``.

    The months' ids are kept first, in a transaction of their own that is committed
    before the file is written: a file that goes out carries ids the database
    already holds, so that the month sent again carries the same ones, also when
    marking it as exported fails after the file was written. An id kept for a file
    that was then not written does no harm: it is the month's id the next time.

    Returns:
        The file written.

    Raises:
        FileProblem: the file could not be written; no month is marked exported.
        StoreError: the ids or the months could not be stored: before the file was
            written (a write-protected database: no file), or at the commit after
            it (``ExportNotMarked``, whose message names the file written).
    """
    data = serialise_export(document)
    with db.transaction() as conn:
        _keep_ids(conn, document.get("month_ids", {}))
    written: Path | None = None
    try:
        # The months next, in a transaction the file's write lies inside: a database
        # that refuses them refuses before any file exists, and a file that is not
        # written leaves no month marked.
        with db.transaction() as conn:
            _mark(conn, document["months"], month_of(today()), _sent(document))
            written = files.write_file(path, data, protected)
    except StoreError as exc:
        if written is None:
            raise
        raise ExportNotMarked(
            _(
                "Exporten sparades i {path}, men att månaderna har exporterats kunde inte "
                "antecknas: {why}. Skickar du månaderna igen i en ny export räknas de ändå "
                "bara en gång."
            ).format(path=written, why=str(exc).rstrip("."))
        ) from exc
    return written


def _mark(
    conn: sqlite3.Connection,
    months: Iterable[str],
    current: str = "",
    sent: Mapping[str, int] | None = None,
) -> None:
    # ``current``: the month running as the export is saved; a month not over yet is
    # remembered as sent while running (``default_months`` offers it again later). So
    # is a month the database now holds more counts of than ``sent`` (the document's,
    # by month): a count came between the document's build (the dialog's preview)
    # and its save, and the file does not hold it.
    months = list(months)
    now = _month_totals(conn, months) if sent is not None and months else {}
    for month in months:
        conn.execute(
            f"INSERT INTO {EXPORTED_TABLE} (month, times) VALUES (?, 1) "
            "ON CONFLICT (month) DO UPDATE SET times = times + 1",
            [month],
        )
        behind = sent is not None and now.get(month, 0) > sent.get(month, 0)
        if (current and month >= current) or behind:
            conn.execute(f"INSERT OR IGNORE INTO {RUNNING_TABLE} (month) VALUES (?)", [month])
        else:
            conn.execute(f"DELETE FROM {RUNNING_TABLE} WHERE month = ?", [month])


def _keep_ids(conn: sqlite3.Connection, ids: Mapping[str, str]) -> None:
    # The first id a month went out with stays its id. A document built before
    # another export of its month was saved carries a fresh one, and sent, the
    # merge would take it for another caseworker's month: it is refused instead.
    for month, month_id in ids.items():
        conn.execute(
            f"INSERT INTO {MONTH_IDS_TABLE} (month, id) VALUES (?, ?) "
            "ON CONFLICT (month) DO NOTHING",
            [month, month_id],
        )
        (kept,) = conn.execute(
            f"SELECT id FROM {MONTH_IDS_TABLE} WHERE month = ?", [month]
        ).fetchone()
        if kept != month_id:
            raise StaleExport(
                _(
                    "{m} exporterades medan den här exporten visades. Öppna exporten "
                    "på nytt och spara den igen."
                ).format(m=month)
            )


def months_sent_running(db: Db) -> frozenset[str]:
    """Return the months whose last export does not hold all their counts.

    It was made before they were over, a count came after it (``UsageRecorder.record``),
    or one came between the document's build and its save (``write_export``).
    """
    if not db.table_exists(RUNNING_TABLE):
        return frozenset()
    return frozenset(month for (month,) in db.execute(f"SELECT month FROM {RUNNING_TABLE}"))


def month_ids(db: Db) -> dict[str, str]:
    """Return the id each month already exported went out with."""
    if not db.table_exists(MONTH_IDS_TABLE):
        return {}
    return {month: mid for month, mid in db.execute(f"SELECT month, id FROM {MONTH_IDS_TABLE}")}


def mark_exported(db: Db, months: Iterable[str], today: Callable[[], date] = date.today) -> None:
    """Remember that ``months`` went out in an export (once more)."""
    with db.transaction() as conn:
        _mark(conn, months, month_of(today()))


def exported_months(db: Db) -> dict[str, int]:
    """Return each month already exported and how many times, oldest first."""
    if not db.table_exists(EXPORTED_TABLE):
        return {}
    rows = db.execute(f"SELECT month, times FROM {EXPORTED_TABLE} ORDER BY month")
    return {month: times for month, times in rows}
