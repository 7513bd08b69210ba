"""Search, opening hours, validation and the shipped data of the directory."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest

from fkstod.core import kommuner
from fkstod.core.directory import Directory, Entry, Filters
from fkstod.core.directory.hours import VARIES, HoursError, parse_hours
from fkstod.core.directory.validate import (
    UNVERIFIED_SOURCE,
    check_phone,
    check_shipped_facts,
    entry_from_fields,
)
from tests.conftest import CORE_DATA, SHARED

GOOD = CORE_DATA / "directory_files" / "lokala.csv"
MONDAY_10 = datetime(2026, 11, 23, 10, 0)
SATURDAY_23 = datetime(2026, 11, 28, 23, 0)


@pytest.fixture
def directory(memory_db) -> Directory:
    d = Directory(memory_db)
    d.apply_import(d.plan_import(GOOD))
    return d


def titles(result) -> list[str]:
    return [e.organisation for e in result.entries]


def test_empty_query_lists_112_first(directory):
    assert directory.search("").entries[0].telefon == "112"


@pytest.mark.parametrize("typed", ["våld", "vald", "VÅLD"])
def test_swedish_letters_may_be_typed_or_not(directory, typed):
    assert "Stödlinjen för män" in titles(directory.search(typed))


def test_malmo_finds_malmo_without_the_dots(directory):
    assert "Malmö stad" in titles(directory.search("malmo"))


def test_a_word_inside_a_compound_is_found(directory):
    found = titles(directory.search("jour"))
    assert "Kvinnojouren Exempelstaden" in found
    assert "Brottsofferjouren" in found


def test_short_words_match_only_word_starts(directory):
    assert "Kvinnojouren Exempelstaden" not in titles(directory.search("ou"))


def test_every_word_must_match(directory):
    assert titles(directory.search("kvinno malmö")) == ["Kvinnojouren Exempelstaden"]


def test_exact_swedish_spelling_ranks_first(memory_db):
    entries = [
        Entry("a", "Vald AB", kategori="annat", telefon="112", senast_verifierad="2026-01-01"),
        Entry("b", "Våld AB", kategori="annat", telefon="11414", senast_verifierad="2026-01-01"),
    ]
    d = Directory(None, shipped=entries)
    assert titles(d.search("våld")) == ["Våld AB", "Vald AB"]
    assert titles(d.search("vald")) == ["Vald AB", "Våld AB"]


def test_the_persons_kommun_ranks_first_and_other_kommuner_are_hidden(directory):
    malmo = directory.search("", kommun="1280")
    assert malmo.entries[0].kommuner == ("1280",)
    assert all(e.national or "1280" in e.kommuner for e in malmo.entries)
    assert "Mansjouren Exempelby" not in titles(malmo)


def test_county_filter_keeps_national_and_county_services(directory):
    skane = directory.search("", filters=Filters(lan="12"))
    assert "Kvinnojouren Exempelstaden" in titles(skane)
    assert "Mansjouren Exempelby" not in titles(skane)
    assert "BRIS" in titles(skane)


def test_chosen_needs_come_first(directory):
    result = directory.search("", needs=["man"])
    assert {e.kategori for e in result.entries[:2]} == {"man"}


def test_filters_target_group_violence_form_and_language(directory):
    assert "Mansjouren Exempelby" in titles(
        directory.search("", filters=Filters(malgrupp="man", valdsform="fysiskt"))
    )
    assert titles(directory.search("", filters=Filters(sprak="arabiska"))) == [
        "Kvinnojouren Exempelstaden"
    ]
    children = titles(directory.search("", filters=Filters(malgrupp="barn")))
    assert "BRIS" in children and "Mansjouren Exempelby" not in children


def test_open_now_and_around_the_clock(directory):
    monday = titles(directory.search("", filters=Filters(open_now=True), now=MONDAY_10))
    assert "Malmö stad" in monday and "Mansjouren Exempelby" not in monday
    saturday = titles(directory.search("", filters=Filters(open_now=True), now=SATURDAY_23))
    assert "Malmö stad" not in saturday and "Kvinnofridslinjen" in saturday
    always = directory.search("", filters=Filters(around_the_clock=True))
    assert {e.telefontider for e in always.entries} == {"dygnet runt"}


def test_search_by_phone_digits(directory):
    assert titles(directory.search("0205050"))[0] == "Kvinnofridslinjen"


def test_search_result_says_which_are_open(directory):
    result = directory.search("kvinnojour", now=MONDAY_10)
    assert "lokal-malmo-jour" in result.open_ids


def test_stale_entries_are_flagged_after_12_months(directory):
    soc = directory.get("lokal-malmo-soc")
    assert Directory.is_stale(soc, today=date(2026, 11, 22))
    assert not Directory.is_stale(directory.get("lokal-gbg-man"), today=date(2026, 11, 22))


@pytest.mark.parametrize(
    ("text", "when", "expected"),
    [
        ("mån-fre 8-16", MONDAY_10, True),
        ("mån-fre 8-16", SATURDAY_23, False),
        ("lör 22-02", SATURDAY_23, True),
        ("lör 22-02", datetime(2026, 11, 29, 1, 30), True),
        ("lör 22-02", datetime(2026, 11, 29, 2, 30), False),
        ("vardagar 9-12 13-16", datetime(2026, 11, 23, 12, 30), False),
        ("helger 10:30-14", datetime(2026, 11, 29, 10, 45), True),
        ("dygnet runt", SATURDAY_23, True),
        ("fre-mån 10-12", MONDAY_10, True),
    ],
)
def test_opening_hours(text, when, expected):
    assert parse_hours(text).is_open(when) is expected


@pytest.mark.parametrize("text", ["måndag 8-16", "mån 8", "mån 25-26", "mån 8-8", "8-16"])
def test_bad_opening_hours_raise_in_swedish(text):
    with pytest.raises(HoursError):
        parse_hours(text)


@pytest.mark.parametrize("text", [VARIES, "Varierar - se webbplats"])
def test_hours_that_vary_are_accepted_as_unknown(text):
    hours = parse_hours(text)
    assert not hours.known and not hours.is_open(MONDAY_10)


@pytest.mark.parametrize(
    "number", ["112", "114 14", "020-50 50 50", "08-123 456 78", "+46 8 123 456 78", "0701740605"]
)
def test_swedish_phone_numbers_pass(number):
    assert check_phone(number) is None


@pytest.mark.parametrize("number", ["12345", "123-45", "+47 22 00 00 00", "08 ABC", "0"])
def test_other_numbers_fail(number):
    assert check_phone(number) is not None


def test_labels_are_accepted_for_codes():
    built = entry_from_fields(
        {
            "organisation": "X",
            "kategori": "Stöd för män",
            "telefon": "112",
            "malgrupper": "Män",
            "kommuner": "0114",
            "senast_verifierad": "2026-01-01",
        }
    )
    assert isinstance(built, Entry)
    assert (built.kategori, built.malgrupper, built.kommuner) == ("man", ("man",), ("0114",))


@pytest.mark.parametrize(
    ("field", "value"), [("kommuner", "114"), ("kommuner", "1280, 114"), ("telefon", "701234567")]
)
def test_a_leading_zero_a_spreadsheet_dropped_is_reported_not_repaired(field, value):
    values = {
        "organisation": "X",
        "kategori": "man",
        "telefon": "112",
        "senast_verifierad": "2026-01-01",
        field: value,
    }
    built = entry_from_fields(values)
    assert isinstance(built, list)
    assert [e.field for e in built] == [field]
    assert "tappat sin inledande nolla" in built[0].message


@pytest.mark.parametrize("number", ["0701234567", "070-123 45 67", "71234567", "7012345678"])
def test_numbers_that_did_not_lose_a_zero_are_not_called_so(number):
    problem = check_phone(number) or ""
    assert "inledande nolla" not in problem


def test_shipped_national_lines_carry_hours_source_and_a_true_date():
    shipped = Directory(None).entries()
    assert {e.telefon for e in shipped} >= {"112", "114 14", "020-50 50 50", "116 111", "90101"}
    assert all(e.levererad for e in shipped)
    assert {e.id: check_shipped_facts(e) for e in shipped} == {e.id: [] for e in shipped}


def test_the_honour_lines_and_the_pilots_are_described():
    by_id = {e.id: e for e in Directory(None).entries()}
    ratt = by_id["nat-ratt-att-valja"]
    assert (ratt.telefon, ratt.telefontider, ratt.kategori) == (
        "020-57 70 70",
        "alla dagar 7-21",
        "heder",
    )
    assert by_id["nat-heder"].telefontider == "mån+ons+fre 9-12"
    assert by_id["nat-brottsofferjouren"].telefontider == "alla dagar 9-19"
    assert by_id["nat-terrafem"].telefontider == VARIES
    pilots = {i for i, e in by_id.items() if "tidsbegränsat projekt" in e.beskrivning}
    assert pilots == {"nat-ratt-att-valja", "nat-stodlinjen-man", "nat-stodlinjen-trans"}


def test_a_shipped_line_without_a_date_is_accepted_and_flagged_as_unverified():
    fields = {"organisation": "Jour", "kategori": "annat", "telefon": "112"}
    assert [e.field for e in entry_from_fields(fields)] == ["senast_verifierad"]
    built = entry_from_fields(fields, levererad=True)
    assert isinstance(built, Entry) and built.senast_verifierad == ""
    assert not Directory.is_verified(built)
    assert Directory.is_stale(built, today=date(2026, 1, 1))
    dated = Entry("x", "Jour", telefon="112", senast_verifierad="2025-12-01")
    assert Directory.is_verified(dated) and not Directory.is_stale(dated, today=date(2026, 1, 1))


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        ({"telefontider": ""}, "telefontider"),
        ({"kalla": "Organisationens egna uppgifter"}, "kalla"),
        ({"kalla": "https://example.se (daterad 2024-01-01)"}, "kalla"),
        ({"senast_verifierad": "", "kalla": "https://example.se"}, "kalla"),
    ],
)
def test_a_shipped_line_without_hours_source_or_true_date_is_refused(cells, field):
    good = {
        "organisation": "Linjen",
        "kategori": "annat",
        "telefon": "020-00 00 00",
        "telefontider": VARIES,
        "senast_verifierad": "2024-04-16",
        "kalla": "https://example.se/sida – organisationens sida, daterad 2024-04-16",
    }
    assert check_shipped_facts(entry_from_fields(good, levererad=True)) == []
    built = entry_from_fields({**good, **cells}, levererad=True)
    assert [e.field for e in check_shipped_facts(built)] == [field]
    unverified = {**good, "senast_verifierad": "", "kalla": f"{UNVERIFIED_SOURCE} – kontrollera"}
    assert check_shipped_facts(entry_from_fields(unverified, levererad=True)) == []


def test_editing_validates_like_import(memory_db):
    d = Directory(memory_db)
    problems = d.save({"organisation": "", "telefon": "1", "senast_verifierad": "2026-01-01"})
    assert {p.field for p in problems} == {"organisation", "telefon", "kategori"}
    saved = d.save(
        {
            "organisation": "Jour",
            "kategori": "kvinnor",
            "telefon": "040-628 04 09",
            "senast_verifierad": "2026-01-01",
        }
    )
    assert isinstance(saved, Entry) and d.get(saved.id) == saved
    changed = d.save({**_fields(saved), "telefon": "040-628 04 08"}, saved.id)
    assert d.get(saved.id).telefon == "040-628 04 08" and changed.id == saved.id
    d.remove(saved.id)
    assert d.get(saved.id) is None


def test_shipped_entries_cannot_be_changed(memory_db):
    d = Directory(memory_db)
    assert isinstance(d.save({"organisation": "X", "telefon": "112"}, "nat-112"), list)


def _fields(entry: Entry) -> dict[str, str]:
    from fkstod.core.directory.validate import entry_to_fields

    return entry_to_fields(entry)


def test_shipped_kommuner_match_the_shared_reference():
    reference = SHARED / "reference" / "kommuner.csv"
    if not reference.is_file():
        pytest.skip(f"{reference} saknas: jämförelsen kan bara göras i utvecklingsmiljön")
    with reference.open(encoding="utf-8", newline="") as f:
        expected = [tuple(row.values()) for row in csv.DictReader(f)]
    shipped = [(k.kod, k.namn, k.lanskod, k.lan) for k in kommuner.kommuner()]
    assert shipped == expected
    assert len(shipped) == 290
