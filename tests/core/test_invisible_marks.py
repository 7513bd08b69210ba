"""Marks that turn text around: taken out of what is typed, refused in files."""

from fkstod.core.directory.validate import entry_from_fields
from fkstod.core.orosanmalan.model import Child, Form, Guardian, Reporter
from fkstod.core.orosanmalan.validation import validate
from fkstod.core.textrules import (
    BIDI_CONTROLS,
    BIDI_OVERRIDES,
    bad_character,
    without_invisible_marks,
)

PASTED = "\u202a070-123 45 67\u202c"  # as a mail program wraps a phone number


def test_every_mark_is_taken_out_and_nothing_else():
    text = "Åsa " + "".join(sorted(BIDI_CONTROLS - BIDI_OVERRIDES)) + "محمد\n\t070"
    assert without_invisible_marks(text) == "Åsa محمد\n\t070"
    assert without_invisible_marks("vanlig text") == "vanlig text"


def test_an_override_that_shows_text_reversed_stays_and_is_refused():
    reversed_on_screen = "Jour\u202eenilnajoj"
    assert without_invisible_marks(reversed_on_screen) == reversed_on_screen
    assert bad_character(without_invisible_marks(reversed_on_screen))


def test_a_form_typed_in_the_window_reads_without_them_and_passes():
    typed = Form(
        barn=(Child(namn="Lo \u200eAndersson", adress=PASTED),),
        vardnadshavare=(Guardian(telefon=PASTED),),
        anmalare=Reporter(telefon=PASTED),
        egna_iakttagelser="Sa \u2067något\u2069.",
    ).as_typed()
    assert typed.barn[0].namn == "Lo Andersson"
    assert typed.vardnadshavare[0].telefon == typed.anmalare.telefon == "070-123 45 67"
    assert typed.egna_iakttagelser == "Sa något."
    assert not [p for p in validate(typed) if "osynligt" in str(p)]


def test_a_file_that_holds_them_is_still_refused():
    assert bad_character(PASTED)
    assert [p for p in validate(Form(anmalare=Reporter(telefon=PASTED))) if "osynligt" in str(p)]
    refused = entry_from_fields({"organisation": "Jouren", "telefon": PASTED})
    assert isinstance(refused, list) and any("osynligt" in e.message for e in refused)


def test_the_directory_editor_takes_them_out():
    entry = entry_from_fields(
        {
            "organisation": "Jouren\u200f",
            "telefon": PASTED,
            "kategori": "kvinnor",
            "senast_verifierad": "2026-11-30",
        },
        source="form",
    )
    assert not isinstance(entry, list), entry
    assert entry.organisation == "Jouren" and entry.telefon == "070-123 45 67"
