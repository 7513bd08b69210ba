"""A report's fields hold what a person typed: digits 0–9 in a personnummer, no hidden characters."""

from __future__ import annotations

from datetime import date

import pytest

from fkstod.core.orosanmalan import (
    PersonnummerError,
    check_personnummer,
    example_input,
    parse_form,
    validate,
)

TODAY = date(2025, 9, 15)
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize("table", [ARABIC_INDIC, FULLWIDTH], ids=["arabic-indic", "fullwidth"])
@pytest.mark.parametrize("text", ["20150312-9809", "2019-08-30"])
def test_a_personnummer_in_other_digits_is_refused(text, table):
    check_personnummer(text, today=TODAY)  # the same number in 0–9 is fine
    with pytest.raises(PersonnummerError):
        check_personnummer(text.translate(table), today=TODAY)


@pytest.mark.parametrize(
    "char", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\x1b", "\x00", "\u2028"]
)
@pytest.mark.parametrize(
    "where", ["egna_iakttagelser", "anmalare.namn", "barn[0].namn", "vardnadshavare[0].adress"]
)
def test_a_hidden_character_in_any_text_field_is_refused_naming_the_field(char, where):
    data = example_input()
    if where.startswith("barn"):
        data["barn"][0]["namn"] += char
    elif where.startswith("vardnadshavare"):
        data["vardnadshavare"][0]["adress"] += char
    elif where.startswith("anmalare"):
        data["anmalare"]["namn"] += char
    else:
        data[where] += char
    problems = [p for p in validate(parse_form(data), today=TODAY) if p.blocking]
    assert [p.field for p in problems] == [where]
    assert f"U+{ord(char):04X}" in problems[0].message


def test_line_breaks_and_tabs_are_kept():
    data = example_input()
    data["egna_iakttagelser"] = "Rad ett\r\nrad två\n\tindrag"
    assert validate(parse_form(data), today=TODAY) == []


@pytest.mark.parametrize("address", ['"Anna" <anna@fk.se>', "anna@fk@se.se", "anna @fk.se"])
def test_a_reporter_email_with_markup_is_refused(address):
    data = example_input()
    data["anmalare"]["epost"] = address
    problems = validate(parse_form(data), today=TODAY)
    assert [p.field for p in problems] == ["anmalare.epost"]
