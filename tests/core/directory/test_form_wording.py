"""A problem typed in the entry editor is told in the form's words, not the import's.

The import's lost-zero messages speak of a spreadsheet and its columns ("spara
kolumnen som text"): right for a file, meaningless in a form. One check serves
both (``entry_from_fields``); only the wording follows where the text came from.
"""

from __future__ import annotations

import pytest

from fkstod.core.directory import Directory
from fkstod.core.directory.validate import entry_from_fields

#: Words that only make sense about a file.
FILE_WORDS = ("kolumn", "kalkylprogram", "cell", "som text", "rad ")

VALID = {
    "organisation": "Jouren i Testby",
    "kategori": "kvinnor",
    "telefon": "112",
    "senast_verifierad": "2026-01-01",
}

#: Every value that gets an import-only message (a leading zero a spreadsheet drops).
LOST_ZERO = [
    ("kommuner", "380"),
    ("kommuner", "1280, 114"),
    ("telefon", "701234567"),
]


@pytest.mark.parametrize(("field", "value"), LOST_ZERO)
def test_the_editor_never_speaks_of_a_spreadsheet(memory_db, field, value):
    problems = Directory(memory_db).validate({**VALID, field: value})
    assert isinstance(problems, list)
    assert [p.field for p in problems] == [field]
    message = problems[0].message
    assert not any(word in message for word in FILE_WORDS), message
    assert value.split(", ")[-1] in message  # what was typed, named


@pytest.mark.parametrize(("field", "value"), LOST_ZERO)
def test_an_import_still_says_how_to_mend_the_column(field, value):
    problems = entry_from_fields({**VALID, field: value})
    assert isinstance(problems, list)
    assert "spara kolumnen som text" in problems[0].message


def test_a_three_digit_kommun_code_in_the_editor_says_four_digits_and_names_the_kommun(
    memory_db,
):
    problems = Directory(memory_db).validate({**VALID, "kommuner": "380"})
    assert isinstance(problems, list)
    message = problems[0].message
    assert "fyra siffror" in message
    assert "0380" in message and "Uppsala" in message
    assert "namn" in message  # the name may be typed instead


def test_the_editor_saves_nothing_for_a_three_digit_code(memory_db):
    directory = Directory(memory_db)
    assert isinstance(directory.save({**VALID, "kommuner": "380"}), list)
    assert directory.local_entries() == []
