"""Line breaks in one-line fields: folded into a space when typed, refused in files.

A line edit keeps a pasted line break but shows it as a space. Stored as it came,
"Saga\\nExempelsson" printed "Namn: Saga" with "Exempelsson" on a line of its own
in the report's text, and a phone number "020-\\n11 11 11" was read in two halves.
"""

from fkstod.core.directory.validate import entry_from_fields
from fkstod.core.orosanmalan.example import example_input
from fkstod.core.orosanmalan.model import Child, Form, Guardian, Reporter
from fkstod.core.orosanmalan.render import render_orosanmalan
from fkstod.core.orosanmalan.validation import parse_form, validate
from fkstod.core.textrules import line_break, on_one_line

WHERE = "radbrytning"


def test_folding_makes_one_line_and_leaves_other_text_alone():
    assert on_one_line("Saga\r\nExempelsson \n  B") == "Saga Exempelsson B"
    assert on_one_line("vanlig text") == "vanlig text"
    assert line_break("Saga\nExempelsson") and line_break("a\rb")
    assert line_break("Saga Exempelsson") is None


def test_a_form_typed_in_the_window_keeps_one_line_fields_on_one_line():
    typed = Form(
        barn=(Child(namn="Saga\nExempelsson", adress="Påhittade gatan 1\r\n752 00 Uppsala"),),
        vardnadshavare=(Guardian(telefon="070-000\n00 01"),),
        anmalare=Reporter(enhet="Sjukförsäkring\nexempelenheten"),
        egna_iakttagelser="Jag hörde skrik.\nSedan blev det tyst.",
    ).as_typed()
    assert typed.barn[0].namn == "Saga Exempelsson"
    assert typed.barn[0].adress == "Påhittade gatan 1 752 00 Uppsala"
    assert typed.vardnadshavare[0].telefon == "070-000 00 01"
    assert typed.anmalare.enhet == "Sjukförsäkring exempelenheten"
    # The accounts are written in a box of many lines: their lines stay.
    assert typed.egna_iakttagelser == "Jag hörde skrik.\nSedan blev det tyst."
    assert not [p for p in validate(typed) if WHERE in str(p)]


def test_a_file_with_a_line_break_in_a_one_line_field_is_refused_and_named():
    data = example_input()
    data["barn"][0]["namn"] = "Saga\nExempelsson"
    data["anmalare"]["telefon"] = "010-000\n00 00"
    data["egna_iakttagelser"] = "Rad ett.\nRad två."
    problems = [p for p in validate(parse_form(data)) if WHERE in str(p)]
    assert {p.field for p in problems} == {"barn[0].namn", "anmalare.telefon"}
    assert "Barn 1, namn" in {p.label for p in problems}


def test_the_report_text_of_a_typed_form_prints_the_name_on_its_line():
    data = example_input()
    data["barn"][0]["namn"] = "Saga\nExempelsson"
    form = parse_form(data).as_typed()
    text = render_orosanmalan(form, "txt", 0)
    assert "Namn: Saga Exempelsson\n" in text


def test_a_directory_file_with_a_line_break_in_a_number_is_refused():
    refused = entry_from_fields(
        {
            "organisation": "Jouren",
            "telefon": "020-\n11 11 11",
            "beskrivning": "Stöd dygnet runt.\nRing när du vill.",
            "kategori": "kvinnor",
            "senast_verifierad": "2026-11-30",
        }
    )
    assert isinstance(refused, list)
    assert [e.field for e in refused if WHERE in e.message] == ["telefon"]


def test_the_directory_editor_folds_what_its_line_edits_showed():
    entry = entry_from_fields(
        {
            "organisation": "Jour\nen",
            "telefon": "020-\n11 11 11",
            "beskrivning": "Stöd dygnet runt.\nRing när du vill.",
            "kategori": "kvinnor",
            "senast_verifierad": "2026-11-30",
        },
        source="form",
    )
    assert not isinstance(entry, list), entry
    assert entry.organisation == "Jour en" and entry.telefon == "020- 11 11 11"
    assert entry.beskrivning == "Stöd dygnet runt.\nRing när du vill."


def test_a_field_refused_for_its_line_break_is_told_once_on_one_line():
    # The number was told twice, the second time quoting it: "010-12" on the line
    # "imp.csv:5: Telefon: ”010-12" and "3” är inte ett svenskt telefonnummer" on a
    # line of its own, no longer "path:line: message".
    refused = entry_from_fields(
        {
            "organisation": "Jouren",
            "telefon": "010-12\n3",
            "webb": "https://jouren.example/\nstod",
            "telefontider": "mån-fre\n8-16",
            "kategori": "kvinnor",
            "senast_verifierad": "2026-11-30",
        }
    )
    assert isinstance(refused, list)
    told = {e.field: [m.message for m in refused if m.field == e.field] for e in refused}
    for field in ("telefon", "webb", "telefontider"):
        assert len(told[field]) == 1 and WHERE in told[field][0], (field, told[field])
    assert all("\n" not in e.message for e in refused)


def test_a_fault_in_a_field_is_told_once_whatever_rule_sees_it():
    # A line break in a personnummer broke two rules: the one-line rule and the
    # personnummer's own form. Told twice, in two wordings, it read as two faults.
    data = example_input()
    data["barn"][0]["personnummer"] = "20150312\n-9809"
    data["anmalare"]["epost"] = "namn@exempel.se\nx"
    data["datum"] = "2024-05-02\nx"
    data["kommun"] = "0" * 1001  # too long: that, not "okänd kommunkod" as well
    problems = validate(parse_form(data))
    fields = [p.field for p in problems]
    for path in ("barn[0].personnummer", "anmalare.epost", "datum", "kommun"):
        assert fields.count(path) == 1, [str(p) for p in problems if p.field == path]
    told = next(str(p) for p in problems if p.field == "barn[0].personnummer")
    assert told == "Barn 1, personnummer eller födelsedatum: " + line_break("a\nb")


def test_a_field_without_a_refused_character_is_still_checked_by_its_own_rule():
    data = example_input()
    data["barn"][0]["personnummer"] = "20150312-9808"  # the control digit is wrong
    problems = [p for p in validate(parse_form(data)) if p.field == "barn[0].personnummer"]
    assert [p.message for p in problems] == ["kontrollsiffran stämmer inte, kontrollera numret"]
