"""What a coordinator finds in the folder of exports that is not an export: named, with what it is.

A file left empty, a workbook saved under the export's name, an export opened in
Excel and saved again as a table, a file saved as UTF-16: each is named with what
it is and what to do, not as a JSON parser's fault at "rad 1, kolumn 1". A file
in the folder that is not read at all (not ``.json``, such as an export renamed
to ``.xlsx``) is named too, so that no caseworker's month is left out unseen.
"""

from __future__ import annotations

from tests.core.usage.test_usage_statistik import export, merge, recorded, write_doc


def reasons(tmp_path, **contents):
    for name, data in contents.items():
        (tmp_path / name).write_bytes(data)
    result = merge([tmp_path])
    assert not result.merged
    return {s.path.rsplit("/", 1)[-1]: s.reason for s in result.skipped}


def test_an_empty_file_is_named_empty(tmp_path):
    found = reasons(tmp_path, **{"tom.json": b"", "blank.json": b"\xef\xbb\xbf \r\n"})
    assert found == {"tom.json": "filen är tom", "blank.json": "filen är tom"}


def test_a_workbook_under_an_exports_name_is_named_a_workbook(tmp_path):
    found = reasons(tmp_path, **{"anna.json": b"PK\x03\x04" + bytes(200)})
    assert "Excel-arbetsbok" in found["anna.json"]
    assert "inte en statistikexport" in found["anna.json"]


def test_an_export_saved_again_by_excel_as_a_table_is_named_a_table(tmp_path):
    table = "\ufeffmetric;labels;month;count\r\nflow_started;{};2026-11;3,0\r\n"
    found = reasons(tmp_path, **{"bo.json": table.encode("utf-8")})
    assert found["bo.json"].startswith("rad 1: ")
    assert "tabell" in found["bo.json"] and "semikolon" in found["bo.json"]
    assert "ursprungliga exportfilen" in found["bo.json"]


def test_a_file_saved_as_utf16_is_named_so(tmp_path):
    found = reasons(tmp_path, **{"cy.json": '{"format": 1}'.encode("utf-16")})
    assert "UTF-16" in found["cy.json"]


def test_a_file_in_the_folder_that_is_not_read_is_named(memory_db, tmp_path):
    recorded(memory_db, times=6)
    write_doc(tmp_path / "a.json", export(memory_db, unit="syd"))
    write_doc(tmp_path / "b.xlsx", export(memory_db, unit="nord"))  # renamed by hand
    (tmp_path / ".hidden").write_bytes(b"")  # what a file manager leaves: not named
    (tmp_path / "inner").mkdir()  # a folder inside is not read either, and not a file
    result = merge([tmp_path])
    assert result.merged == 1 and not result.skipped
    assert result.not_read == [str(tmp_path / "b.xlsx")]
    # Given by name, the same file is read whatever its ending.
    again = merge([tmp_path / "b.xlsx"])
    assert again.merged == 1 and again.not_read == []


def test_a_file_too_big_for_an_export_is_not_told_to_be_split(tmp_path):
    # "Dela upp den" is advice for a directory file; an export cannot be split.
    from fkstod.core.usage.merge import MAX_BYTES

    found = reasons(tmp_path, **{"stor.json": b"{" + b" " * MAX_BYTES + b"}"})
    assert "dela upp" not in found["stor.json"]
    assert "inte en export" in found["stor.json"]
