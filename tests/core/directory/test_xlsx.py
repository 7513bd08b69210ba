"""The directory as an Excel workbook: text stays text, through Excel, LibreOffice and back.

Export writes one sheet of text cells under the CSV's Swedish headers; import
reads it with the CSV's header and row rules and the same validation. A round
trip through a spreadsheet program (openpyxl always; LibreOffice headless when
it is installed) gives the same entries. Hostile files get a Swedish message.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from fkstod.core import files
from fkstod.core.directory import Directory, FileProblem, csvfile, xlsxfile
from tests.conftest import CORE_DATA, run_fkstod
from tests.core.test_fuzz_xlsx import workbook

GOOD = CORE_DATA / "directory_files" / "lokala.csv"
#: Cells a spreadsheet turns into numbers or dates when it may.
FRAGILE = {
    "organisation": "Jouren 0114",
    "tjanst": "1-2",
    "beskrivning": "3/4 av tiden; =SUMMA(A1) är text; 1e5",
    "kategori": "kvinnor",
    "telefon": "0701234567",
    "telefontider": "mån-fre 9-16",
    "sprak": "svenska",
    "kommuner": "0114, 0180",
    "malgrupper": "kvinnor",
    "valdsformer": "alla",
    "taggar": "0001, 12/3",
    "senast_verifierad": "2026-01-01",
    "kalla": "+46 8 123 456 78",
}


@pytest.fixture
def directory(memory_db) -> Directory:
    d = Directory(memory_db)
    d.apply_import(d.plan_import(GOOD))
    saved = d.save(FRAGILE)
    assert not isinstance(saved, list), saved
    return d


@pytest.fixture
def other(tmp_path):
    from fkstod.core.schema import MIGRATION_SETS
    from fkstod.core.store import open_memory

    db = open_memory(MIGRATION_SETS)
    yield Directory(db)
    db.close()


def assert_same_entries_after(path: Path, directory: Directory, other: Directory) -> None:
    plan = other.plan_import(path)
    assert plan.ok, [str(p) for p in plan.problems]
    other.apply_import(plan)
    assert other.local_entries() == directory.local_entries()


def test_export_writes_one_sheet_of_text_cells_under_swedish_headers(directory, tmp_path):
    path = tmp_path / "katalog.xlsx"
    count = directory.export(path, "xlsx", include_shipped=False)
    assert count == len(directory.local_entries())
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [xlsxfile.SHEET]
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header == [*csvfile.HEADERS.values()]
    # The Swedish names beside the codes, as in the CSV export.
    names = header.index("Kategori (namn)")
    codes = header.index("Kategori")
    for row in sheet.iter_rows(min_row=2):
        assert row[names].value and row[names].value != row[codes].value
    body = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
    assert body and all(c.data_type == "s" and c.number_format == "@" for c in body)
    # Every column is formatted as text, so what is typed in Excel later stays text too.
    text_columns = {
        i
        for d in sheet.column_dimensions.values()
        if d.number_format == "@"
        for i in range(d.min, d.max + 1)
    }
    assert text_columns == set(range(1, len(header) + 1))
    values = {c.value for c in body}
    assert {"0701234567", "0114, 0180", "1-2", "0001, 12/3"} <= values


def test_the_workbook_round_trips_to_the_same_entries(directory, other, tmp_path):
    path = tmp_path / "katalog.xlsx"
    directory.export(path, "xlsx")
    assert_same_entries_after(path, directory, other)


def test_opened_and_saved_by_openpyxl_it_imports_to_the_same_entries(directory, other, tmp_path):
    path = tmp_path / "katalog.xlsx"
    directory.export(path, "xlsx")
    book = openpyxl.load_workbook(path)
    saved = tmp_path / "sparad.xlsx"
    book.save(saved)
    assert_same_entries_after(saved, directory, other)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_opened_and_saved_by_libreoffice_it_imports_to_the_same_entries(directory, other, tmp_path):
    path = tmp_path / "katalog.xlsx"
    directory.export(path, "xlsx")
    out = tmp_path / "ut"
    profile = (tmp_path / "lo-profil").as_uri()  # its own profile: runs beside others
    result = subprocess.run(
        [
            str(soffice()),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    saved = out / "katalog.xlsx"
    assert saved.is_file(), result.stdout + result.stderr
    assert saved.read_bytes() != path.read_bytes()  # really written anew
    assert_same_entries_after(saved, directory, other)


def sheet_with(tmp_path: Path, rows: list[list[object]], header=None) -> Path:
    path = tmp_path / "in.xlsx"
    path.write_bytes(workbook(rows, header))
    return path


def row(**cells: object) -> list[object]:
    values = {**FRAGILE, **cells}
    return [values.get(name, "") for name in csvfile.HEADERS]


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ({"telefon": 701234567}, "Telefon", "ska det vara 0701234567?"),
        ({"kommuner": 114}, "Kommuner", "ska det vara 0114?"),
        ({"beskrivning": datetime(2026, 4, 3)}, "Beskrivning", "datum (2026-04-03)"),
        ({"telefon": "=1+1"}, "Telefon", "formel"),
        ({"organisation": ""}, "Organisation", "saknas"),
    ],
)
def test_a_cell_a_spreadsheet_changed_is_reported_with_row_and_column(
    other, tmp_path, cells, column, words
):
    path = sheet_with(tmp_path, [row(), row(**{"id": "x2", "organisation": "Annan jour", **cells})])
    plan = other.plan_import(path)
    assert [(p.line, p.column) for p in plan.problems] == [(3, column)]
    assert words in plan.problems[0].message
    assert str(plan.problems[0]).startswith(f"{path}:3: {column}: ")


def test_a_date_cell_is_read_as_the_date_where_a_date_belongs(other, tmp_path):
    path = sheet_with(tmp_path, [row(senast_verifierad=datetime(2026, 1, 1))])
    plan = other.plan_import(path)
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.entries[0].senast_verifierad == "2026-01-01"


def test_text_past_the_last_column_is_one_problem_for_the_row(other, tmp_path):
    path = sheet_with(tmp_path, [[*row(), "extra"]])
    plan = other.plan_import(path)
    # 23 columns: 18 fields, Levererad (S), four of Swedish names (T–W); X is past them.
    assert [(p.line, p.column) for p in plan.problems] == [(2, "kolumn X")]


def test_the_same_row_cap_as_csv(other, tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_ROWS", 3)
    path = sheet_with(tmp_path, [row(id=f"x{n}", organisation=f"Jour {n}") for n in range(5)])
    with pytest.raises(FileProblem, match="för många rader"):
        other.plan_import(path)


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"id;Organisation\r\n;Jouren\r\n", "inte en Excel-arbetsbok"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "äldre Excel-fil (.xls)"),
        (b"PK\x03\x04" + b"\x00" * 100, "går inte att läsa som Excel-arbetsbok"),
        (b"", "inte en Excel-arbetsbok"),
        (zip_of({"hej.txt": b"hej"}), "går inte att läsa som Excel-arbetsbok"),
        (zip_of({f"x/{n}": b"" for n in range(300)}), "delar (högst 200)"),
    ],
)
def test_a_file_that_is_no_workbook_gets_a_swedish_message(other, tmp_path, raw, words):
    path = tmp_path / "in.xlsx"
    path.write_bytes(raw)
    with pytest.raises(FileProblem) as caught:
        other.plan_import(path)
    assert words in caught.value.message
    assert str(caught.value).startswith(f"{path}")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(other, tmp_path, monkeypatch):
    monkeypatch.setattr(xlsxfile, "MAX_UNPACKED", 1_000_000)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(zip_of({"xl/worksheets/sheet1.xml": b"\x00" * 2_000_000}))
    assert path.stat().st_size < 10_000
    with pytest.raises(FileProblem, match="packas upp till"):
        other.plan_import(path)


def test_a_huge_workbook_file_is_refused_before_it_is_read(other, tmp_path):
    huge = tmp_path / "stor.xlsx"
    with huge.open("wb") as f:
        f.truncate(csvfile.MAX_BYTES + 1)
    with pytest.raises(FileProblem, match="för stor"):
        other.plan_import(huge)


def test_a_sheet_that_claims_more_rows_than_excel_is_refused(other, tmp_path):
    good = sheet_with(tmp_path, [row()])
    with zipfile.ZipFile(good) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    far = '<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row>'
    members["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", far + "</sheetData>"
    ).encode()
    good.write_bytes(zip_of(members))
    with pytest.raises(FileProblem, match="fler rader än Excel"):
        other.plan_import(good)


def test_export_refuses_a_protected_target_and_writes_nothing(memory_db, tmp_path):
    own = tmp_path / "data"
    own.mkdir()
    d = Directory(memory_db, protected=files.Protected(folders=(own,)))
    with pytest.raises(FileProblem):
        d.export(own / "katalog.xlsx", "xlsx")
    assert list(own.iterdir()) == []


def test_the_command_line_exports_and_imports_a_workbook(tmp_path, data_folder):
    out = tmp_path / "katalog.xlsx"
    imported = run_fkstod("--data-dir", str(data_folder), "directory", "import", str(GOOD))
    assert imported.returncode == 0, imported.stderr
    exported = run_fkstod(
        "--data-dir", str(data_folder), "directory", "export", str(out), "--bara-lokala"
    )
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes().startswith(b"PK\x03\x04")  # the suffix chose the format
    named = tmp_path / "utan-filandelse"
    forced = run_fkstod(
        "--data-dir", str(data_folder), "directory", "export", str(named), "--format", "xlsx"
    )
    assert forced.returncode == 0 and named.read_bytes().startswith(b"PK\x03\x04")
    again = run_fkstod("--data-dir", str(data_folder), "directory", "import", str(out), "--dry-run")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Provkörning" in again.stdout


def test_shared_strings_are_listed_in_the_order_taken_without_a_sort(tmp_path):
    # xlsxwriter sorted its shared strings in one long call (the window waited ~70 ms
    # at 100 000 entries); the book lists them in the order they came instead. If an
    # update of xlsxwriter changes its table, this says so (strings_in_order False).
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    assert xlsxfile.strings_in_order(book), "xlsxwriter's shared string table has changed"
    sheet = book.add_worksheet()
    words = ["ö", "a", "Ä", "a", "b", "ö", "0114", "a"]  # out of order, and again
    for row, word in enumerate(words):
        sheet.write_string(row, 0, word)
    book.close()
    read = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert [c.value for c in read.active["A"]] == words


def test_a_book_with_a_sheet_already_keeps_its_own_table():
    import xlsxwriter

    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    book.add_worksheet()  # its sheet holds the table it was given
    assert not xlsxfile.strings_in_order(book)
    book.close()
