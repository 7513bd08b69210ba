"""The directory as an Excel workbook (.xlsx), for coordinators who edit in Excel.

A CSV cannot say "this is text": opened in a spreadsheet, 0701234567 loses its
leading zero, kommun 0114 becomes 114 and "3/4" becomes a date. A workbook can:
export writes one sheet with the CSV's Swedish headers and columns, every cell a
text cell and every column formatted as text (so what a coordinator types in it
later stays text too). Import reads the first sheet with the same header and row
rules as the CSV (``csvfile.header_columns`` and ``csvfile.make_row``), and the
directory checks its rows with the same validation.

A workbook is a zip archive of XML. Before the XML parser sees it, the archive is
checked: its size, how many members it has and how much they unpack to, so a zip
bomb or a huge sheet is refused with a Swedish message, not read into memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from fkstod.core import files
from fkstod.core.collector import free_in_turns, no_collection
from fkstod.core.directory.csvfile import (
    EXPORT_COLUMNS,
    HEADERS,
    MAX_BYTES,
    MAX_ROWS,
    Row,
    check_row_count,
    export_cells,
    header_columns,
    make_row,
)
from fkstod.core.directory.model import Entry
from fkstod.core.files import FileProblem
from fkstod.core.i18n import _

SHEET = "Stödkatalog"
#: What the members of a workbook may unpack to, together: 100 000 entries of
#: 4 KB of XML each (a full row of text is about 1 KB in the sheet).
MAX_UNPACKED = MAX_ROWS * 4096
#: Members of a workbook: a sheet, its styles and strings, a few parts of metadata.
MAX_MEMBERS = 200
#: Excel's own last row: a sheet that claims more is not a spreadsheet.
MAX_SHEET_ROWS = 1_048_576
_WIDTHS = {"id": 14, "organisation": 30, "tjanst": 30, "beskrivning": 50, "telefon": 16}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an .xls, or an .xlsx with a password


def write_xlsx(entries: Iterable[Entry], path: Path, protected: files.Protected) -> int:
    """Write entries as a one-sheet workbook of text cells; return the number of rows.

    Raises:
        FileProblem: when the file may not or cannot be written; nothing changed.
    """
    import xlsxwriter  # imported here: the CLI starts without it

    buffer = io.BytesIO()
    options = {
        "in_memory": True,  # no temporary files: a directory is not about a client, but still
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    with no_collection():
        book = xlsxwriter.Workbook(buffer, options)
        strings_in_order(book)
        count = _fill(book, entries)
        del book
    files.write_file(path, buffer.getvalue(), protected)
    return count


def strings_in_order(book: Any) -> bool:
    """Let ``book`` list its shared strings in the order it took them, without a sort.

    xlsxwriter numbers each new string in turn and, when the book is closed, sorts
    the strings by that number in one call into C: some 70 ms for the 700 000
    strings of 100 000 entries, with the window waiting (a worker lets it in only
    between calls). A dict keeps the order its keys came in, which is that order.
    Returns False, changing nothing, if xlsxwriter's table is not the one this
    knows (a test says so when an update changes it).
    """
    from xlsxwriter.sharedstrings import SharedStringTable

    table: Any = getattr(book, "str_table", None)
    if type(table) is not SharedStringTable or book.worksheets():
        return False

    def in_order() -> None:  # numbered 0, 1, 2… as they came: the dict's own order
        table.string_array = list(table.string_table)
        table.string_table = {}
        del table._sort_string_data  # no cycle through this function: freed by count

    table._sort_string_data = in_order
    return True


def _fill(book: Any, entries: Iterable[Entry]) -> int:
    # Writes the sheet and closes the book, then empties it (inside no_collection:
    # see fkstod.core.collector).
    with book:
        text = book.add_format({"num_format": "@", "valign": "top"})
        header = book.add_format({"num_format": "@", "bold": True})
        sheet = book.add_worksheet(SHEET)
        for column, name in enumerate(EXPORT_COLUMNS):
            sheet.set_column(column, column, _WIDTHS.get(name, 18), text)
            sheet.write_string(0, column, HEADERS[name], header)
        sheet.freeze_panes(1, 0)
        count = 0
        for count, entry in enumerate(entries, start=1):
            for column, cell in enumerate(export_cells(entry)):
                if cell:
                    sheet.write_string(count, column, cell, text)
    # The closed workbook and its sheet refer to each other: its million cells would
    # wait for the cyclic collector, whose walk holds every thread (~200 ms at 100 000
    # entries, the window's too). Never used again, they are emptied here, a row at
    # a time (all at once held the window ~100 ms), and reference counting frees them.
    for written in book.worksheets():
        free_in_turns(vars(written))
    free_in_turns(vars(book))
    return count


def read_rows(path: Path) -> list[Row]:
    """Read every data row of the first sheet of a workbook.

    Raises:
        FileProblem: when the file, its archive or its header cannot be used.
    """
    data = files.read_bytes(path, MAX_BYTES)
    _check_archive(path, data)
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # any fault of a hostile archive: openpyxl raises many kinds
        raise _unreadable(path) from exc
    try:
        if not book.worksheets:
            raise FileProblem(path, 0, _("arbetsboken har inget blad"))
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # a sheet's stated size is not trusted: read what is there
        return _rows(path, _records(path, sheet))
    except FileProblem:
        raise
    except Exception as exc:
        raise _unreadable(path) from exc
    finally:
        book.close()


def _check_archive(path: Path, data: bytes) -> None:
    if data.startswith(_OLE):
        raise FileProblem(
            path,
            0,
            _(
                "filen är en äldre Excel-fil (.xls) eller skyddad med lösenord; spara den "
                "i Excel som ”Excel-arbetsbok (.xlsx)” utan lösenord"
            ),
        )
    if not data.startswith(b"PK\x03\x04"):
        raise FileProblem(
            path,
            0,
            _(
                "filen är inte en Excel-arbetsbok (.xlsx); en CSV-fil ska heta .csv, "
                "annars spara den i Excel som ”Excel-arbetsbok (.xlsx)”"
            ),
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise _unreadable(path) from exc
    if len(members) > MAX_MEMBERS:
        raise FileProblem(
            path,
            0,
            _("arbetsboken har {n} delar (högst {m}); den är inte en vanlig Excel-fil").format(
                n=len(members), m=MAX_MEMBERS
            ),
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED:
        raise FileProblem(
            path,
            0,
            _("arbetsboken packas upp till {s} (högst {m}); dela upp katalogen").format(
                s=files.size_text(unpacked), m=files.size_text(MAX_UNPACKED)
            ),
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise FileProblem(path, 0, _("arbetsboken är krypterad; spara den utan lösenord"))


def _unreadable(path: Path) -> FileProblem:
    return FileProblem(
        path,
        0,
        _(
            "filen går inte att läsa som Excel-arbetsbok (den är skadad eller inte en .xlsx); "
            "öppna den i Excel och spara den igen som ”Excel-arbetsbok (.xlsx)”"
        ),
    )


def _records(path: Path, sheet) -> Iterator[tuple[int, list[tuple[object, str]]]]:
    """Yield (row number, [(value, data type) of each cell]) for each row of the sheet."""
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if number > MAX_SHEET_ROWS:
            raise FileProblem(
                path, number, _("bladet har fler rader än Excel kan ha ({n})").format(n=number)
            )
        yield number, [(getattr(c, "value", None), getattr(c, "data_type", "s")) for c in cells]


def _rows(path: Path, records: Iterator[tuple[int, list[tuple[object, str]]]]) -> list[Row]:
    first = next(records, None)
    header = [_cell_text(v, t, "")[0] for v, t in first[1]] if first is not None else []
    if not any(title.strip() for title in header):
        raise FileProblem(path, 1, _("bladet saknar rubrikrad (första raden)"))
    columns = header_columns(path, header)
    rows: list[Row] = []
    for number, cells in records:
        record: list[str] = []
        problem: tuple[str, str] | None = None
        for position, (value, data_type) in enumerate(cells, start=1):
            name = columns[position - 1] if position <= len(columns) else None
            text, fault = _cell_text(value, data_type, name or "")
            if fault and problem is None and name is not None:
                problem = (HEADERS[name], fault)
            record.append(text)
        row = make_row(number, columns, record, _clean, _too_many)
        if row is not None and problem is not None:
            row = Row(number, {}, False, problem)
        if row is not None:
            rows.append(row)
            check_row_count(path, number, len(rows))
    return rows


def _cell_text(value: object, data_type: str, field: str) -> tuple[str, str]:
    """Return (the cell as text, why it cannot be trusted as text, or '')."""
    if value is None:
        return "", ""
    if data_type == "f":
        return str(value), _("cellen innehåller en formel; skriv värdet som text i stället")
    if isinstance(value, str):
        return value, ""
    if isinstance(value, bool):
        return ("ja" if value else ""), ""
    if isinstance(value, int | float):
        # A number cell: the spreadsheet made it one. Its digits are kept as they are,
        # so that a number that lost its leading zero is reported, not guessed at.
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value), ""
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        if field == "senast_verifierad" and not (
            isinstance(value, datetime) and value.time() != time(0)
        ):
            return day.isoformat(), ""
        return str(value), _(
            "kalkylprogrammet har gjort cellen till ett datum ({d}); skriv texten igen "
            "och formatera kolumnen som text"
        ).format(d=day.isoformat())
    return str(value), _("cellen har ett värde som inte är text; skriv det som text")


def _clean(cell: str) -> str:
    return cell.replace("\r\n", "\n")


def _column_name(position: int) -> str:
    name = ""
    while position:
        position, rest = divmod(position - 1, 26)
        name = chr(ord("A") + rest) + name
    return _("kolumn {c}").format(c=name)


def _too_many(cells: int, columns: int) -> tuple[str, str]:
    return (
        _column_name(columns + 1),
        _(
            "raden har text i {n} kolumner men rubriken bara {m}; ta bort det som står "
            "efter sista kolumnen"
        ).format(n=cells, m=columns),
    )
