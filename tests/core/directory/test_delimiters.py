"""A table's columns may be separated by ";" (Swedish Excel), "," or a tab (Excel's text)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from fkstod.core.directory import Directory, csvfile
from tests.conftest import CORE_DATA

GOOD = CORE_DATA / "directory_files" / "lokala.csv"


@pytest.fixture
def directory(memory_db) -> Directory:
    return Directory(memory_db)


def _entries(directory: Directory, path) -> list:
    plan = directory.plan_import(path)
    assert not plan.problems, plan.problems
    assert plan.entries
    return [replace(e, id="") for e in plan.entries]  # a row without an id gets a new one


@pytest.mark.parametrize("separator", ["\t", ","])
def test_a_table_separated_otherwise_reads_as_the_semicolon_one(directory, tmp_path, separator):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(GOOD.read_text(encoding="utf-8-sig")), delimiter=";"))
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(rows)
    other = tmp_path / "lokala.csv"
    other.write_text(out.getvalue(), encoding="utf-8")
    assert _entries(directory, other) == _entries(directory, GOOD)


@pytest.mark.parametrize(
    "header, expected",
    [
        ("Organisation;Telefon;Webbplats", ";"),
        ("Organisation,Telefon,Webbplats", ","),
        ("Organisation\tTelefon\tWebbplats", "\t"),
        ("id;name;description", ";"),
        ("id,organization_id,name", ","),
        ("Organisation", ","),
    ],
)
def test_the_separator_is_the_one_the_header_uses(header, expected):
    assert csvfile.delimiter(header + "\nx\n") == expected
