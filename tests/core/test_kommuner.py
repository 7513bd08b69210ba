"""Kommun names as well as codes: the picker's ranking and the coordinators' imports."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fkstod.core import kommuner
from fkstod.core.directory.validate import entry_from_fields


@pytest.mark.parametrize(
    "written", ["0380", "380", "Uppsala", "uppsala", "UPPSALA", "Uppsala kommun", "Uppsala (0380)"]
)
def test_a_name_or_a_code_gives_the_kommun(written):
    assert kommuner.lookup(written).kod == "0380"


@pytest.mark.parametrize(
    ("written", "kod"),
    [("Malmo", "1280"), ("malmö", "1280"), ("upplands vasby", "0114"), ("Håbo", "0305")],
)
def test_a_name_is_found_with_or_without_a_ring_and_dots(written, kod):
    assert kommuner.lookup(written).kod == kod


@pytest.mark.parametrize(
    ("written", "kod"),
    [
        ("Linköpings kommun", "0580"),
        ("Lunds kommun", "1281"),
        ("Stockholms stad", "0180"),
        ("Göteborgs Stad", "1480"),
        ("Borås Stad", "1490"),  # a name that ends in s takes no other
        ("Kramfors kommun", "2282"),
    ],
)
def test_a_kommun_written_as_it_names_itself_gives_the_kommun(written, kod):
    """Most kommuner call themselves by the genitive: "Linköpings kommun", "Stockholms stad"."""
    assert kommuner.lookup(written).kod == kod
    assert kommuner.search(written)[0].kod == kod


def test_no_name_read_without_its_genitive_s_is_another_kommun():
    # Why "Lunds kommun" may be read as Lund: no kommun is another's name with an s.
    names = {kommuner.fold(k.namn) for k in kommuner.kommuner()}
    assert not {n for n in names if n + "s" in names}


def test_a_name_two_kommuner_share_without_a_ring_asks_for_the_code():
    with pytest.raises(kommuner.KommunNotFound, match=r"Håbo \(0305\) eller Habo \(0643\)"):
        kommuner.lookup("Habo")


@pytest.mark.parametrize("written", ["Upps", "Xyzzy", "9999"])
def test_an_unknown_kommun_is_refused_in_swedish(written):
    with pytest.raises(kommuner.KommunNotFound, match=written):
        kommuner.lookup(written)


def test_the_search_ranks_the_start_of_the_name_first():
    assert [k.namn for k in kommuner.search("sala")][:2] == ["Sala", "Uppsala"]
    assert [k.namn for k in kommuner.search("väsby")] == ["Upplands Väsby"]
    assert kommuner.search("") == []


ENTRY = {
    "organisation": "Jouren",
    "kategori": "kvinnor",
    "telefon": "018-00 00 00",
    "senast_verifierad": "2026-01-01",
}


def test_an_import_row_may_name_its_kommuner():
    entry = entry_from_fields({**ENTRY, "kommuner": "Uppsala, malmo, 0114, Uppsala"})
    assert not isinstance(entry, list)
    assert entry.kommuner == ("0380", "1280", "0114")


def test_an_ambiguous_or_unknown_name_is_a_problem_of_the_kommuner_column():
    problems = entry_from_fields({**ENTRY, "kommuner": "Habo, Upps"})
    assert isinstance(problems, list)
    assert [p.field for p in problems] == ["kommuner", "kommuner"]
    assert "Håbo" in problems[0].message and "Uppsala" in problems[1].message


def test_the_name_column_of_an_export_reads_back_for_every_kommun():
    """Habo (0643) is exported as "Habo", which alone could be Håbo typed without å."""
    for kommun in kommuner.kommuner():
        fields = {**ENTRY, "kommuner": kommun.kod, "kommuner_namn": kommun.namn}
        entry = entry_from_fields(fields)
        assert not isinstance(entry, list), (kommun, entry)
        assert entry.kommuner == (kommun.kod,)


@pytest.mark.parametrize(
    "written",
    ["{namn}", "{namn} ", "{namn} kommun", "{namn} (kod)", "{kod}", "{short}", "{namn} ({short})"],
)
def test_what_names_a_kommun_wholly_puts_it_first_in_the_search(written):
    """What ``lookup`` takes as one kommun, the picker's top suggestion is that kommun.

    Håbo is not Habo, "Uppsala kommun" is Uppsala and "380" is 0380, as an import reads them.
    """
    for kommun in kommuner.kommuner():
        text = written.format(namn=kommun.namn, kod=kommun.kod, short=kommun.kod.lstrip("0"))
        text = text.replace("(kod)", f"({kommun.kod})")
        found = kommuner.search(text)
        assert found and found[0] == kommun, (text, found[:2])


@pytest.mark.parametrize(
    ("fields", "column"),
    [
        ({"kommuner_namn": "Habo"}, "kommuner_namn"),  # Håbo or Habo: which one?
        ({"kommuner_namn": "Xyzzy, Uppsala"}, "kommuner_namn"),
        ({"kategori": "", "kategori_namn": "Ingen sådan"}, "kategori_namn"),
        ({"malgrupper_namn": "Kvinnor, Ingen sådan"}, "malgrupper_namn"),
    ],
)
def test_a_name_column_read_in_place_of_empty_codes_is_where_its_problem_is_told(fields, column):
    """A file with only the "(namn)" column: the problem names that column, not the empty one."""
    problems = entry_from_fields({**ENTRY, **fields})
    assert isinstance(problems, list)
    assert [p.field for p in problems] == [column]


def test_a_name_column_beside_its_codes_is_held_to_the_length_of_any_column():
    """A "(namn)" column is checked as every other: too long is told there, and at once.

    Compared name by name with its codes, 250 kB of names took 11 s a row.
    """
    from fkstod.core.directory.validate import MAX_TEXT

    names = ", ".join(f"Xyzzy{i}" for i in range(20_000))
    assert len(names) > MAX_TEXT
    started = time.perf_counter()
    problems = entry_from_fields({**ENTRY, "kommuner": "0380", "kommuner_namn": names})
    assert time.perf_counter() - started < 1.0
    assert isinstance(problems, list)
    assert [p.field for p in problems] == ["kommuner_namn"]
    assert "för lång text" in problems[0].message


def test_a_hyphen_in_a_name_may_be_typed_as_a_space():
    """Upplands-Bro typed "upplands bro", in the picker and an import, as "malmo" is Malmö."""
    hyphenated = [k for k in kommuner.kommuner() if "-" in k.namn]
    assert hyphenated
    for kommun in hyphenated:
        typed = kommun.namn.replace("-", " ").lower()
        assert kommuner.search(typed)[:1] == [kommun], typed
        assert kommuner.lookup(typed) == kommun


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_any_text_is_searched_and_looked_up_without_a_fault(text):
    found = kommuner.search(text)
    assert len(set(found)) == len(found)
    try:
        kommun = kommuner.lookup(text)
    except kommuner.KommunNotFound as exc:
        assert str(exc)
    else:
        assert kommun in kommuner.kommuner()
