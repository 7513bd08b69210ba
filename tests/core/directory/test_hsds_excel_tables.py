"""An HSDS package whose tables were opened and saved in Swedish Excel.

Swedish Excel saves every CSV with semicolons between the columns. Read with
commas, such a table is one column with none of the names it is read by, and its
rows attach to no service: a coordinator's import then took the kommuner (or the
hours, the languages) away from every local entry without a word. Such a table
is read with its semicolons; a table that still lacks the column that ties its
rows to a service is refused, naming the table, and nothing is changed.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from fkstod.core.directory import Directory, Entry, hsds
from fkstod.core.files import NOTHING_PROTECTED, FileProblem

LOCAL = Entry(
    id="lokal-kiruna",
    organisation="Kvinnojouren Kiruna",
    tjanst="Jourtelefon",
    beskrivning="Stöd, också på finska.",
    kategori="kvinnor",
    telefon="0980-123 45",
    telefontider="mån-fre 9-16",
    sprak=("svenska", "finska"),
    kommuner=("2584",),
    malgrupper=("kvinnor",),
    senast_verifierad="2026-11-01",
    kalla="Jouren själv",
)

TABLES = ["service_area", "schedule", "language", "phone", "organization", "service"]


def as_excel_saves(table: Path) -> None:
    """Rewrite ``table`` as Swedish Excel saves it: semicolons, CRLF, a BOM."""
    with table.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with table.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)


@pytest.fixture
def stored(memory_db, tmp_path):
    directory = Directory(memory_db)
    hsds.write_package([LOCAL], tmp_path / "first", NOTHING_PROTECTED)
    plan = directory.plan_import(tmp_path / "first")
    assert plan.ok, plan.problems
    directory.store_import(plan)
    directory.took_import(plan)
    return directory


@pytest.mark.parametrize("table", TABLES)
def test_a_table_saved_with_semicolons_is_read_as_it_was_written(stored, tmp_path, table):
    folder = tmp_path / "paket"
    changed = replace(LOCAL, beskrivning="Stöd; också på finska, dygnet runt.")
    hsds.write_package([changed], folder, NOTHING_PROTECTED)
    as_excel_saves(folder / f"{table}.csv")
    plan = stored.plan_import(folder)
    assert plan.ok, [str(p) for p in plan.problems]
    stored.store_import(plan)
    stored.took_import(plan)
    got = next(e for e in stored.entries() if e.id == LOCAL.id)
    assert got == changed  # the kommun, hours, languages and the ";" in the text kept


@pytest.mark.parametrize(
    ("table", "column"),
    [("service_area", "service_id"), ("schedule", "service_id"), ("phone", "service_id")],
)
def test_a_table_without_the_column_that_ties_it_to_a_service_is_refused(
    stored, tmp_path, table, column
):
    folder = tmp_path / "paket"
    hsds.write_package([LOCAL], folder, NOTHING_PROTECTED)
    path = folder / f"{table}.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(column, "tjanst", 1), "utf-8")
    before = stored.entries()
    with pytest.raises(FileProblem) as raised:
        stored.plan_import(folder)
    assert str(raised.value) == f"{path}:1: kolumnen {column} saknas i {table}.csv"
    assert stored.entries() == before


def test_a_problem_in_a_package_names_the_table_and_its_line(stored, tmp_path):
    folder = tmp_path / "paket"
    hsds.write_package([replace(LOCAL, senast_verifierad="")], folder, NOTHING_PROTECTED)
    with (folder / "phone.csv").open("a", encoding="utf-8", newline="") as f:
        f.write("tel-9,finns-inte,040-111 11 11,voice,\r\n")
    shown = [str(p) for p in stored.plan_import(folder).problems]
    assert any(s.startswith(f"{folder / 'service.csv'}:2: Senast verifierad:") for s in shown)
    assert any(s.startswith(f"{folder / 'phone.csv'}:3: ") and "finns-inte" in s for s in shown), (
        shown
    )
