"""A coordinator's merge of many exports: each file validated, the good ones summed.

Streaming: one file is read, checked and added into a dict of cells at a time,
then dropped; what grows with the number of files is only the set of export ids
seen (16 bytes of UUID each, for de-duplication), one small entry per month id
and the list of skipped files.

Counted once: a file whose export id was seen (a copy), and each month of each
caseworker's database. An export carries its months' ids (format version 2),
the same each time the database exports that month; of the files that carry
one month id, the merge counts the month from the one with the most counts (a
month's counts only grow, so that is the latest; of equal totals, the same
counts, the one with the greater checksum, so that the order of the files never
matters). A month already added from a file that turns out older is taken out
again at the end by reading that file once more, so memory stays flat.
"""

from __future__ import annotations

import hmac
import math
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from fkstod.core import files
from fkstod.core.i18n import _
from fkstod.core.parse import ParseError, parse_json
from fkstod.core.usage.export import (
    FORMAT,
    FORMAT_VERSION,
    MEMBERS,
    MEMBERS_V1,
    MONTH,
    VERSION,
    checksum,
)
from fkstod.core.usage.registry import METRICS, Metric, is_allowed
from fkstod.core.usage.units import Unit

#: Far above any export of one caseworker (a few hundred cells a month).
MAX_BYTES = 8 * 1024 * 1024
#: More than anyone counts in one cell in a month; a larger count is not plausible.
MAX_COUNT = 100_000
#: A cell: (month, unit code or None, metric, labels as sorted (name, value) pairs).
CellKey = tuple[str, str | None, str, tuple[tuple[str, str], ...]]
#: ``progress(done, total)``; returning False stops the merge (what was read is kept).
Progress = Callable[[int, int], "bool | None"]


@dataclass(frozen=True)
class Skipped:
    """A file left out of the merge and why (Swedish)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class MergeResult:
    """What a merge produced.

    Attributes:
        cells: summed counts by (month, unit, metric, labels).
        merged: how many files were added.
        duplicates: files whose export id was already added (counted once).
        skipped: files left out, each with its reason.
        stopped: True when the progress callback stopped the merge early.
        replaced: months of a file not counted because another file holds the
            same month of the same database (one with at least as many counts).
        not_read: files in a given folder that were not read: their names do not
            end in ``.json`` (an export renamed to ``.xlsx``, say). Named so that no
            month is left out unseen; not skipped, as nothing says they are exports.
    """

    cells: dict[CellKey, int] = field(default_factory=dict)
    merged: int = 0
    duplicates: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    stopped: bool = False
    replaced: int = 0
    not_read: list[str] = field(default_factory=list)

    def found(self) -> int:
        """Return how many files were looked at: merged, copies and skipped."""
        return self.merged + len(self.duplicates) + len(self.skipped)

    def months(self) -> list[str]:
        """Return the months that have counts, ascending."""
        return sorted({key[0] for key in self.cells})

    def units(self) -> list[str | None]:
        """Return the unit codes that occur (None: no unit given), codes first."""
        codes = {key[1] for key in self.cells}
        return sorted(c for c in codes if c is not None) + ([None] if None in codes else [])


class BadExport(ValueError):
    """One reason a file is not a valid export (Swedish)."""


@dataclass(frozen=True)
class _Valid:
    """A file that passed: its id, checksum, cells, and per month its id and total."""

    export_id: int
    sha: str
    cells: list[tuple[CellKey, int]]
    #: month -> (month id as an int, or None in version 1; the month's total count)
    months: dict[str, tuple[int | None, int]]


def _json_names(path: Path) -> list[str] | None:
    # A folder's *.json names, sorted; None for anything else, and for a folder that
    # cannot be looked into (a name too long, no access): then it is read as a file,
    # and the read names the fault, so it is skipped like any bad file.
    try:
        if not files.is_folder(path):
            return None
        with os.scandir(path) as entries:
            return sorted(e.name for e in entries if e.name.lower().endswith(".json"))
    except (files.FileProblem, OSError):
        return None


#: What file managers leave in a folder by themselves (lower case): never named as not read.
_LEFT_BY_SYSTEMS = frozenset({"desktop.ini", "thumbs.db"})


def not_read(paths: Iterable[Path | str]) -> list[str]:
    """Return the files in the given folders that a merge does not read (not ``*.json``).

    Hidden files (a leading dot) and what Windows leaves in a folder are left out;
    so are folders inside (a merge does not look into them).
    """
    out: list[str] = []
    for given in paths:
        path = Path(given)
        if _json_names(path) is None:
            continue
        try:
            with os.scandir(path) as entries:
                names = sorted(
                    e.name
                    for e in entries
                    if not e.name.lower().endswith(".json")
                    and not e.name.startswith(".")
                    and e.name.lower() not in _LEFT_BY_SYSTEMS
                    and e.is_file()
                )
        except OSError:
            continue
        out.extend(str(path / name) for name in names)
    return out


def not_read_reason() -> str:
    """Return why a file of :attr:`MergeResult.not_read` was not read (Swedish)."""
    return _(
        "lästes inte: i en mapp läses bara filer som slutar på .json; är filen en export, "
        "ge den tillbaka namnet .json och sammanställ igen"
    )


def expand(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Yield the files to merge: a file as given, a folder as its ``*.json`` files (sorted)."""
    for given in paths:
        path = Path(given)
        names = _json_names(path)
        if names is None:
            yield path
        else:
            yield from (path / name for name in names)


def _count_files(paths: Sequence[Path | str]) -> int:
    total = 0
    for given in paths:
        names = _json_names(Path(given))
        total += 1 if names is None else len(names)
    return total


def merge_exports(
    paths: Sequence[Path | str],
    *,
    content_ids: Mapping[str, Iterable[str]],
    units: Sequence[Unit],
    progress: Progress | None = None,
    today: Callable[[], date] = date.today,
    max_bytes: int = MAX_BYTES,
) -> MergeResult:
    """Validate and sum the export files ``paths`` (folders expand to their ``*.json``).

    Args:
        content_ids: ids of loaded content by kind, allowed as label values.
        units: the coordinator's list of units; an export naming another is refused.
        progress: called after each file with (files done, files in all).
        today: the clock; a month after today's month is refused.

    Returns:
        The summed cells, and every file skipped with its reason.
    """
    content = {kind: frozenset(ids) for kind, ids in content_ids.items()}
    unit_codes = frozenset(u.code for u in units)
    now = today().strftime("%Y-%m")
    total = _count_files(paths)
    result = MergeResult(not_read=not_read(paths))
    seen: set[int] = set()
    # month id -> the month's total, the file it was added from (its path, kept once
    # per file) and the first 64 bits of that file's checksum: one small entry per month
    # id, not per file, so that memory stays flat in the number of files.
    counted: dict[int, tuple[int, str, int]] = {}
    # path -> (its checksum as an int, months added from it that a later file replaced).
    # By path, not by place in the folder: a file added to it meanwhile moves the places.
    take_out: dict[str, tuple[int, set[str]]] = {}
    for done, path in enumerate(expand(paths), start=1):
        valid = _read(path, content, unit_codes, now, max_bytes, result)
        if valid is not None:
            if valid.export_id in seen:
                result.duplicates.append(str(path))
            else:
                seen.add(valid.export_id)
                wanted = _months_to_add(valid, str(path), counted, take_out, result)
                for key, n in valid.cells:
                    if key[0] in wanted:
                        result.cells[key] = result.cells.get(key, 0) + n
                result.merged += 1
        if progress is not None and progress(done, total) is False:
            result.stopped = True
            break
    if take_out:
        _take_out(take_out, content, unit_codes, now, max_bytes, result)
    return result


def _read(
    path: Path,
    content: Mapping[str, frozenset[str]],
    unit_codes: frozenset[str],
    now: str,
    max_bytes: int,
    result: MergeResult,
) -> _Valid | None:
    # The file validated, or None with the reason added to ``result.skipped``.
    try:
        data = files.read_bytes(
            path,
            max_bytes,
            # An export cannot be split, and one caseworker's is far smaller.
            too_big=_("en export av antal är mycket mindre, så det här är inte en export"),
        )
        kind = _not_an_export(data)
        if kind is not None:
            raise BadExport(kind)
        document = parse_json(data, str(path))
        return _validate(document, content, unit_codes, now)
    except files.FileProblem as exc:
        result.skipped.append(Skipped(str(path), exc.message))
    except ParseError as exc:
        where = _("rad {n}: ").format(n=exc.problem.line) if exc.problem.line else ""
        result.skipped.append(Skipped(str(path), where + exc.problem.message))
    except BadExport as exc:
        result.skipped.append(Skipped(str(path), str(exc)))
    return None


def _not_an_export(data: bytes) -> str | None:
    """Return what the file is when it plainly is not an export (Swedish), else None.

    What a coordinator finds in a folder of exports: a file left empty, a workbook or
    a zip saved under an export's name, an export opened in Excel and saved again as a
    table, a file saved as UTF-16. Named for what it is, not as JSON's fault at
    line 1, column 1.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _(
            "filen är sparad som UTF-16 (till exempel av Excel eller Anteckningar); en export "
            "är UTF-8: be om den ursprungliga exportfilen"
        )
    text = data.removeprefix(files.UTF8_BOM)
    if not text.strip():
        return _("filen är tom")
    if text.startswith(b"PK\x03\x04"):
        return _(
            "filen är en Excel-arbetsbok eller en zip-fil, inte en statistikexport från fkstod "
            "(en export är en .json-fil med text)"
        )
    first = text.lstrip().split(b"\n", 1)[0]
    if not first.startswith((b"{", b"[")) and first.count(b";") >= 2:
        return _("rad 1: ") + _(
            "filen är en tabell med semikolon (som Excel sparar), inte en statistikexport: "
            "en export som har öppnats och sparats i Excel går inte att räkna; be om den "
            "ursprungliga exportfilen"
        )
    return None


def _months_to_add(
    valid: _Valid,
    where: str,
    counted: dict[int, tuple[int, str, int]],
    take_out: dict[str, tuple[int, set[str]]],
    result: MergeResult,
) -> set[str]:
    # The months of this file to add: each whose id is new, or whose total is higher
    # than the version added before (which is then marked to be taken out again).
    wanted = set()
    sha = int(valid.sha[:16], 16)
    for month, (month_id, month_total) in valid.months.items():
        if month_id is None:  # version 1: no way to know the month was sent before
            wanted.add(month)
            continue
        before = counted.get(month_id)
        if before is not None:
            before_total, before_where, before_sha = before
            result.replaced += 1
            # Of two with the same total (the same counts, perhaps under another unit),
            # the one with the greater checksum: the same files give the same report
            # in whatever order they are read.
            if (before_total, before_sha) >= (month_total, sha):
                continue
            take_out.setdefault(before_where, (before_sha, set()))[1].add(month)
        counted[month_id] = (month_total, where, sha)
        wanted.add(month)
    return wanted


def _take_out(
    take_out: dict[str, tuple[int, set[str]]],
    content: Mapping[str, frozenset[str]],
    unit_codes: frozenset[str],
    now: str,
    max_bytes: int,
    result: MergeResult,
) -> None:
    # Read the files whose months were replaced once more and subtract those months.
    for where, (sha, gone) in take_out.items():
        again = _read(Path(where), content, unit_codes, now, max_bytes, MergeResult())
        if again is None or int(again.sha[:16], 16) != sha:
            # Changed since it was read: what was added from it cannot be taken out.
            result.skipped.append(
                Skipped(
                    where,
                    _(
                        "filen ändrades medan exporterna räknades, så en månad i den kan "
                        "vara räknad två gånger: sammanställ igen"
                    ),
                )
            )
            continue
        for key, n in again.cells:
            if key[0] in gone:
                left = result.cells[key] - n
                if left:
                    result.cells[key] = left
                else:
                    del result.cells[key]


def _finite(value: object) -> bool:
    # No NaN or infinity anywhere: the checksum's canonical form cannot be made of them
    # (a finite number that is not an integer is refused where it stands, with its place).
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return not isinstance(value, float) or math.isfinite(value)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _uuid4(value: object) -> int | None:
    # The UUID as an int when ``value`` is a version-4 UUID written canonically.
    try:
        parsed = uuid.UUID(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, AttributeError):
        return None
    return parsed.int if parsed.version == 4 and str(parsed) == value else None


def _validate(
    document: Any, content: Mapping[str, frozenset[str]], unit_codes: frozenset[str], now: str
) -> _Valid:
    if not isinstance(document, dict):
        raise BadExport(_("filen är inte en statistikexport från fkstod"))
    if document.get("format") != FORMAT:
        raise BadExport(_("filen är inte en statistikexport från fkstod"))
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise BadExport(
            _(
                "filen kommer från en nyare fkstod (formatversion {v}; den här versionen "
                "läser {ok}): uppdatera fkstod och sammanställ igen"
            ).format(v=version, ok=FORMAT_VERSION)
        )
    if not _is_int(version) or version not in (1, FORMAT_VERSION):
        raise BadExport(
            _("formatversion {v} kan inte läsas här (den här versionen läser 1 till {ok})").format(
                v=version, ok=FORMAT_VERSION
            )
        )
    if set(document) != (MEMBERS_V1 if version == 1 else MEMBERS):
        raise BadExport(_("filen har andra fält än en export har; den kan ha ändrats"))
    if not _finite(document):
        # A JSON reader takes NaN, Infinity and 1e400; the canonical form cannot hold them.
        raise BadExport(
            _(
                "filen har ett tal som inte är ett vanligt tal (NaN eller oändligt); "
                "en export har bara heltal"
            )
        )
    stated = document["sha256"]
    if not isinstance(stated, str) or not hmac.compare_digest(stated, checksum(document)):
        raise BadExport(
            _("kontrollsumman stämmer inte: filen har ändrats eller skadats efter exporten")
        )
    export_id = _uuid4(document["export_id"])
    if export_id is None:
        raise BadExport(_("exportens id är inte ett giltigt id"))
    for name in ("app_version", "content_version"):
        if not isinstance(document[name], str) or not VERSION.match(document[name]):
            raise BadExport(_("versionsnumret i {f} är ogiltigt").format(f=name))
    unit = document["unit"]
    if unit is not None and unit not in unit_codes:
        raise BadExport(
            _("enheten {u!r} finns inte i listan över enheter").format(u=str(unit)[:40])
        )
    months = document["months"]
    if not isinstance(months, list) or not all(isinstance(m, str) for m in months):
        raise BadExport(_("månaderna är inte en lista av ÅÅÅÅ-MM"))
    for month in months:
        if not MONTH.match(month):
            raise BadExport(_("månaden {m!r} är inte skriven ÅÅÅÅ-MM").format(m=month[:20]))
        if month > now:
            raise BadExport(_("månaden {m} har inte kommit ännu").format(m=month))
    if months != sorted(set(months)):
        raise BadExport(_("månaderna står inte i ordning eller står två gånger"))
    covered = frozenset(months)
    counts = document["counts"]
    if not isinstance(counts, list):
        raise BadExport(_("antalen saknas"))
    cells: list[tuple[CellKey, int]] = []
    keys: set[CellKey] = set()
    for i, row in enumerate(counts, start=1):
        key, n = _cell(row, i, content, covered, unit)
        if key in keys:
            raise BadExport(_("antal {i}: samma cell står två gånger").format(i=i))
        keys.add(key)
        cells.append((key, n))
    totals = dict.fromkeys(months, 0)
    for key, n in cells:
        totals[key[0]] += n
    ids = _month_ids(document.get("month_ids"), months, export_id) if version > 1 else {}
    return _Valid(
        export_id,
        stated,
        cells,
        {month: (ids.get(month), total) for month, total in totals.items()},
    )


def _month_ids(value: object, months: list[str], export_id: int) -> dict[str, int]:
    bad = BadExport(_("månadernas id är inte ett giltigt id för varje månad"))
    if not isinstance(value, dict) or sorted(value) != months:
        raise bad
    ids = {month: _uuid4(value[month]) for month in months}
    if any(i is None for i in ids.values()) or len({*ids.values(), export_id}) != len(ids) + 1:
        raise bad
    return {month: i for month, i in ids.items() if i is not None}


def _cell(
    row: object,
    i: int,
    content: Mapping[str, frozenset[str]],
    covered: frozenset[str],
    unit: str | None,
) -> tuple[CellKey, int]:
    if not isinstance(row, dict) or set(row) != {"metric", "labels", "month", "count"}:
        raise BadExport(_("antal {i}: har inte fälten metric, labels, month och count").format(i=i))
    spec: Metric | None = METRICS.get(row["metric"]) if isinstance(row["metric"], str) else None
    if spec is None:
        raise BadExport(_("antal {i}: okänt mått").format(i=i))
    labels = row["labels"]
    if not isinstance(labels, dict) or set(labels) != spec.label_names():
        raise BadExport(_("antal {i}: fel etiketter för måttet {m}").format(i=i, m=spec.name))
    for label in spec.labels:
        if not is_allowed(label, labels[label.name], content):
            raise BadExport(
                _("antal {i}: okänt värde för etiketten {label}").format(i=i, label=label.name)
            )
    month = row["month"]
    if not isinstance(month, str) or month not in covered:
        raise BadExport(_("antal {i}: månaden hör inte till exportens månader").format(i=i))
    count = row["count"]
    if not _is_int(count) or not 1 <= count <= MAX_COUNT:
        raise BadExport(
            _("antal {i}: antalet är inte ett rimligt heltal (1 till {cap})").format(
                i=i, cap=MAX_COUNT
            )
        )
    key: CellKey = (month, unit, spec.name, tuple(sorted(labels.items())))
    return key, count
