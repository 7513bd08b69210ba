"""The directory's Excel import, fuzzed like every other file fkstod reads.

Any bytes named .xlsx, a real workbook with bytes changed or cut off, and a
well-formed workbook with hostile cells of every type (text, numbers, dates,
truth values, formulas) give exit 0 or 1 through ``fkstod.cli.main``, never a
traceback; a refused import leaves the local entries exactly as they were.
"""

from __future__ import annotations

import io
from datetime import datetime

import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from tests.core.test_fuzz_inputs import (
    FUZZ,
    check_import,
    columns,
    data_folder_with_entries,
    run,
    texts,
)


def workbook(rows: list[list[object]], header: list[str] | None = None) -> bytes:
    """Return an .xlsx whose first sheet holds ``header`` and ``rows``, cells typed as given."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        sheet = book.add_worksheet()
        dates = book.add_format({"num_format": "yyyy-mm-dd"})
        for r, row in enumerate([header or columns, *rows]):
            for c, value in enumerate(row):
                if isinstance(value, datetime):
                    sheet.write_datetime(r, c, value, dates)
                elif isinstance(value, str) and value.startswith("="):
                    sheet.write_formula(r, c, value)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write(r, c, value)
    return buffer.getvalue()


SAMPLE = workbook([["", "Jouren", "", "", "kvinnor", "040-628 04 03", "", "", "1280"]])

cells = st.one_of(
    texts,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
    st.sampled_from(["=1+1", "=A1", '=HYPERLINK("http://x")', "=1/0"]),
    st.sampled_from([701234567, 114, 1280, 112, 3.75]),
)
xlsx_rows = st.lists(st.lists(cells, min_size=1, max_size=len(columns) + 2), min_size=1, max_size=4)


@FUZZ
@given(raw=st.one_of(st.binary(max_size=400), st.just(b"PK\x03\x04" + b"\x00" * 200)))
def test_any_bytes_as_a_directory_xlsx(raw):
    with data_folder_with_entries() as (root, data, before):
        target = root / "in.xlsx"
        target.write_bytes(raw)
        check_import(target, data, before)


@FUZZ
@given(
    cut=st.integers(min_value=0, max_value=len(SAMPLE)),
    flips=st.lists(
        st.tuples(st.integers(min_value=0, max_value=len(SAMPLE) - 1), st.integers(0, 255)),
        max_size=6,
    ),
)
def test_a_damaged_workbook(cut, flips):
    raw = bytearray(SAMPLE[:cut] if cut < len(SAMPLE) // 2 else SAMPLE)
    for at, value in flips:
        if at < len(raw):
            raw[at] = value
    with data_folder_with_entries() as (root, data, before):
        target = root / "in.xlsx"
        target.write_bytes(bytes(raw))
        check_import(target, data, before)


@FUZZ
@given(rows=xlsx_rows)
def test_hostile_cells_in_a_well_formed_workbook(rows):
    with data_folder_with_entries() as (root, data, before):
        target = root / "in.xlsx"
        target.write_bytes(workbook(rows))
        check_import(target, data, before)


def test_the_sample_workbook_is_read_not_refused_as_a_whole():
    # The damaged-workbook test starts from a file the import reads: a row problem at most.
    with data_folder_with_entries() as (root, data, _before):
        target = root / "in.xlsx"
        target.write_bytes(SAMPLE)
        code, printed = run("--data-dir", str(data), "directory", "import", str(target))
        assert code == 1 and "in.xlsx:2: " in printed, printed
