"""The coordinators' single-sheet CSV, as Swedish Excel reads and writes it.

Export: UTF-8 with BOM, ``;``, CRLF, one row per service, Swedish headers.
The coded columns (Kategori, Målgrupper, Våldsformer, Kommuner) keep their codes,
and each has a column after the others with the Swedish names ("Kategori (namn)"),
for reading in Excel. Import reads its own export: a name column agreeing with its
codes is passed over; one filled where the codes are empty gives the codes (names
are accepted); one that disagrees with its codes is a problem of that column, so
an edit made in the wrong column is never silently lost.
Import: with or without BOM, ``;`` (or ``,`` when the header uses it), and a
clear Swedish message for a file that is too big, binary or not UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fkstod.core import files
from fkstod.core.directory.model import Entry
from fkstod.core.directory.validate import (
    FIELD_NAMES,
    NAMES_SUFFIX,
    code_names,
    entry_to_fields,
)
from fkstod.core.files import FileProblem
from fkstod.core.i18n import _
from fkstod.core.plural import count_text

#: The one cap on a directory file: entries per import, CSV or HSDS (the import
#: budget, DESIGN.md, is 100 000 entries in 10 s). The byte cap follows from it.
MAX_ROWS = 100_000
MAX_BYTES = MAX_ROWS * 640  # 64 MB: 100 000 entries of 640 bytes, far above the usual 200

#: The coded columns that the export follows with a column of Swedish names.
NAMED_COLUMNS = {
    "kategori": "Kategori",
    "malgrupper": "Målgrupper",
    "valdsformer": "Våldsformer",
    "kommuner": "Kommuner",
}
#: Column headers, fixed: files must import whatever language the app shows.
HEADERS: dict[str, str] = {
    "id": "id",
    "organisation": "Organisation",
    "tjanst": "Tjänst",
    "beskrivning": "Beskrivning",
    "kategori": "Kategori",
    "telefon": "Telefon",
    "telefontider": "Telefontider",
    "sprak": "Språk",
    "kommuner": "Kommuner",
    "malgrupper": "Målgrupper",
    "valdsformer": "Våldsformer",
    "webb": "Webbplats",
    "epost": "E-post",
    "adress": "Adress",
    "tillganglighet": "Tillgänglighet",
    "taggar": "Taggar",
    "senast_verifierad": "Senast verifierad",
    "kalla": "Källa",
    "levererad": "Levererad",
    **{f"{field}{NAMES_SUFFIX}": f"{header} (namn)" for field, header in NAMED_COLUMNS.items()},
}
_BY_HEADER = {h.lower(): name for name, h in HEADERS.items()}
#: What makes a spreadsheet run a cell as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_YES = {"ja", "j", "yes", "x", "1", "sant"}


@dataclass(frozen=True)
class Row:
    """One data row of a file: its first line number and its cells by field name.

    ``problem`` is (column, message) when the row cannot be read as the header
    says; such a row is reported like a bad row and its cells are not checked.
    """

    line: int
    cells: dict[str, str]
    levererad: bool
    problem: tuple[str, str] | None = None
    #: The file ``line`` is in when it is not the one imported (a table of an HSDS package).
    path: str = ""


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """Read a text file defensively: a regular file, size cap, binary check, UTF-8 (BOM or not).

    Raises:
        FileProblem: with a Swedish message that says what to do.
    """
    data = files.read_bytes(path, max_bytes or MAX_BYTES)
    if data.startswith(b"PK\x03\x04"):
        raise FileProblem(
            path,
            0,
            _(
                "filen är en Excel-arbetsbok eller ett zip-arkiv; en arbetsbok ska ha "
                "filändelsen .xlsx, annars spara den i Excel som ”CSV UTF-8”"
            ),
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem(
            path,
            0,
            _("filen är sparad som UTF-16 (Excels ”Unicode-text”); spara den som ”CSV UTF-8”"),
        )
    if b"\x00" in data[:65536]:
        raise FileProblem(path, 0, _("filen är inte en textfil (den innehåller binära data)"))
    while data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf"):  # a BOM saved twice
        data = data[3:]
    return files.decode_text(path, data, _("spara den i Excel som ”CSV UTF-8” och försök igen"))


def unexcel(cell: str) -> str:
    """Undo ``excel_safe``: drop the apostrophe export put before a formula-like cell."""
    if cell.startswith("'") and cell[1:2] and cell[1] in _FORMULA_START:
        return cell[1:]
    return cell


def _clean(cell: str) -> str:
    if "\r" not in cell and not cell.startswith("'"):  # most cells: nothing to undo
        return cell
    return unexcel(cell.replace("\r\n", "\n"))


#: What may separate a table's columns: ";" as Excel saves a CSV with Swedish
#: settings, "," elsewhere, a tab in Excel's text formats.
DELIMITERS = (";", ",", "\t")


def delimiter(text: str) -> str:
    """Return what separates the columns of the table ``text``: the one its header uses most.

    No column name (ours or HSDS's) holds any of the three, so a header of one
    column says nothing and reads as ",".
    """
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_rows(path: Path) -> list[Row]:
    """Read every data row of a single-sheet CSV.

    Raises:
        FileProblem: when the file or its header cannot be used.
    """
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    try:
        header = next(reader, None)
        if header is None:
            raise FileProblem(path, 1, _("filen är tom"))
        columns = header_columns(path, header)
        rows: list[Row] = []
        start = reader.line_num + 1
        for record in reader:
            row = make_row(start, columns, record, _clean, _too_many)
            if row is not None:
                rows.append(row)
                check_row_count(path, start, len(rows))
            start = reader.line_num + 1
    except csv.Error as exc:
        reason = (
            _("en cell är längre än {n} tecken; saknas ett avslutande citattecken?").format(
                n=csv.field_size_limit()
            )
            if "field larger than field limit" in str(exc)
            else str(exc)
        )
        raise FileProblem(
            path, reader.line_num, _("filen går inte att läsa som CSV: {e}").format(e=reason)
        ) from exc
    return rows


def header_columns(path: Path, header: Sequence[str]) -> list[str | None]:
    """Return the field name of each header cell (None for an empty one).

    The one reading of a header row, for CSV and .xlsx alike.

    Raises:
        FileProblem: for an unknown or repeated column, or no ”Organisation”.
    """
    columns: list[str | None] = []
    for position, title in enumerate(header, start=1):
        name = _BY_HEADER.get(title.strip().lower())
        if name is None and title.strip():
            raise FileProblem(
                path,
                1,
                _("okänd kolumn ”{t}” (kolumn {n}); tillåtna: {a}").format(
                    t=title.strip(), n=position, a=", ".join(HEADERS.values())
                ),
            )
        if name is not None and name in columns:
            raise FileProblem(path, 1, _("kolumnen ”{t}” finns två gånger").format(t=title))
        columns.append(name)
    if "organisation" not in columns:
        raise FileProblem(path, 1, _("kolumnen ”Organisation” saknas i rubrikraden"))
    return columns


def make_row(
    line: int,
    columns: Sequence[str | None],
    record: Sequence[str],
    clean: Callable[[str], str],
    too_many: Callable[[int, int], tuple[str, str]],
) -> Row | None:
    """Return the row of ``record`` under ``columns``, or None for an empty one.

    The one reading of a data row, for CSV and .xlsx alike: the cells by field
    name, ”Levererad” as yes or no, and one problem for a row with text past
    the last column (its cells are not checked: they would only list follow-on
    errors).
    """
    if not any(cell.strip() for cell in record):
        return None
    if len(record) > len(columns) and any(c.strip() for c in record[len(columns) :]):
        return Row(line, {}, False, too_many(len(record), len(columns)))
    cells = {
        name: clean(cell) for name, cell in zip(columns, record, strict=False) if name is not None
    }
    shipped = cells.pop("levererad", "").strip().lower() in _YES
    return Row(line, cells, shipped)


def check_row_count(path: Path, line: int, rows: int) -> None:
    """Refuse a file past the row cap (the same for every format).

    Raises:
        FileProblem: when ``rows`` is more than ``MAX_ROWS``.
    """
    if rows > MAX_ROWS:
        raise FileProblem(path, line, too_many_rows(MAX_ROWS))


def too_many_rows(cap: int) -> str:
    """Return the message for a file past the row cap: "för många rader (högst 100 000)"."""
    return _("för många rader (högst {n})").format(n=count_text(cap))


def _too_many(cells: int, columns: int) -> tuple[str, str]:
    return (
        _("kolumn {n}").format(n=columns + 1),
        _(
            "raden har {n} celler men rubriken bara {m}; ta bort det som står efter "
            "sista kolumnen eller sätt citattecken kring text som innehåller ”;”"
        ).format(n=cells, m=columns),
    )


def column_of(field: str) -> str:
    """Return the header of a field's column."""
    return HEADERS.get(field, field)


#: The columns of an export, CSV and .xlsx alike: the fields, Levererad, the names.
EXPORT_COLUMNS = (
    *FIELD_NAMES,
    "levererad",
    *(f"{field}{NAMES_SUFFIX}" for field in NAMED_COLUMNS),
)


def export_cells(entry: Entry) -> list[str]:
    """Return an entry's cells in the order of ``EXPORT_COLUMNS``, as plain text."""
    fields = entry_to_fields(entry)
    return (
        [fields[name] for name in FIELD_NAMES]
        + ["ja" if entry.levererad else ""]
        + [", ".join(code_names(field, entry)) for field in NAMED_COLUMNS]
    )


def excel_safe(cell: str) -> str:
    """Return ``cell`` so that a spreadsheet shows it as text, never runs it as a formula.

    Used by every export (CSV and HSDS); import undoes it with ``unexcel``.
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def write_csv(entries: Iterable[Entry], path: Path, protected: files.Protected) -> int:
    """Write entries as a CSV for Swedish Excel; return the number of rows written.

    Raises:
        FileProblem: when the file may not or cannot be written; nothing changed.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([HEADERS[name] for name in EXPORT_COLUMNS])
    count = 0
    for entry in entries:
        writer.writerow([excel_safe(cell) for cell in export_cells(entry)])
        count += 1
    files.write_file(path, "\ufeff" + buffer.getvalue(), protected)
    return count
