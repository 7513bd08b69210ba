"""Rules the widgets used to decide for themselves, now in core and tested without Qt."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fkstod.core.directory.model import Entry
from fkstod.core.directory.open_state import OpenState, needs_kommun, open_state
from fkstod.core.orosanmalan.fields import FieldPath, child_field, parse_field
from fkstod.core.orosanmalan.model import guardians_not_told, suggested_guardians_answer
from fkstod.core.orosanmalan.saving import save_target
from fkstod.core.plural import plural


@pytest.mark.parametrize(
    "n, expected", [(0, "0 träffar"), (1, "1 träff"), (2, "2 träffar"), (21, "21 träffar")]
)
def test_swedish_counts_take_the_singular_only_for_exactly_one(n, expected):
    assert plural(n, "{n} träff", "{n} träffar") == expected


def test_only_social_services_need_a_kommun_first():
    assert needs_kommun("socialtjanst")
    assert not needs_kommun("jour")
    assert not needs_kommun("")


TODAY = date(2026, 11, 23)


def _entry(**fields) -> Entry:
    base = {"id": "e1", "organisation": "Linjen", "kategori": "jour"}
    return Entry(**{"senast_verifierad": "2026-06-01", **base, **fields})


@pytest.mark.parametrize(
    "hours, open_ids, expected",
    [
        ("dygnet runt", (), OpenState.AROUND_THE_CLOCK),
        ("", ("e1",), OpenState.UNKNOWN),
        ("varierar – se webbplats", ("e1",), OpenState.VARIES),
        ("mån–fre 08–16", ("e1",), OpenState.OPEN),
        ("mån–fre 08–16", (), OpenState.CLOSED),
    ],
)
def test_an_entry_is_open_closed_or_not_known(hours, open_ids, expected):
    assert open_state(_entry(telefontider=hours), open_ids, TODAY) is expected


def test_hours_that_cannot_be_read_are_never_closed():
    entry = _entry(telefontider="varierar – se webbplats")
    assert open_state(entry, (), TODAY) is not OpenState.CLOSED


@pytest.mark.parametrize("verified", ["", "Ej verifierad", "2025-11-01"])
@pytest.mark.parametrize("hours", ["mån–fre 08–16", "dygnet runt"])
def test_an_entry_out_of_date_claims_neither_open_nor_closed(verified, hours):
    """Its hours may have changed, or the pilot ended: "öppet nu" would be a guess."""
    entry = _entry(telefontider=hours, senast_verifierad=verified)
    for open_ids in [(), ("e1",)]:
        assert open_state(entry, open_ids, TODAY) is OpenState.UNCHECKED
    assert open_state(_entry(telefontider=hours), ("e1",), TODAY) is not OpenState.UNCHECKED


@pytest.mark.parametrize(
    "oro, answer, expected",
    [
        (["vald_i_familjen"], "vet_ej", "nej"),
        (["hedersrelaterat", "annat"], "vet_ej", "nej"),
        (["vald_i_familjen"], "ja", "ja"),  # the caseworker's answer stays theirs
        (["omsorgsbrist"], "vet_ej", "vet_ej"),
        ([], "vet_ej", "vet_ej"),
    ],
)
def test_the_report_never_suggests_telling_the_guardians_where_they_are_not_told(
    oro, answer, expected
):
    assert suggested_guardians_answer(oro, answer) == expected
    assert guardians_not_told(oro) is (expected != answer or answer == "ja")


@pytest.mark.parametrize(
    "path, expected",
    [
        ("barn[1].namn", FieldPath(1, False, "namn")),
        ("barn[0].personnummer", FieldPath(0, False, "personnummer")),
        ("anmalare.epost", FieldPath(None, True, "epost")),
        ("kommun", FieldPath(None, False, "kommun")),
        ("barn[x].namn", FieldPath(None, False, "barn[x].namn")),
    ],
)
def test_field_paths_name_a_childs_the_reporters_or_the_forms_field(path, expected):
    assert parse_field(path) == expected


def test_a_childs_field_path_reads_back_as_itself():
    assert child_field(1, "namn") == "barn[1].namn"
    assert parse_field(child_field(3, "skola")) == FieldPath(3, False, "skola")


def test_validation_names_child_fields_in_the_shape_the_form_reads():
    from fkstod.core.orosanmalan import Child, Form, validate

    form = Form(barn=(Child(), Child()))
    paths = {p.field for p in validate(form)}
    assert "barn[1].namn" in paths


@pytest.mark.parametrize(
    "name, chosen, expected",
    [
        ("anmalan.txt", "PDF (*.pdf)", ("anmalan.txt", "txt")),
        ("anmalan.TXT", "", ("anmalan.TXT", "txt")),
        ("anmalan.pdf", "Text (*.txt)", ("anmalan.pdf", "pdf")),
        ("anmalan", "Text (*.txt)", ("anmalan.txt", "txt")),
        ("anmalan", "PDF (*.pdf)", ("anmalan.pdf", "pdf")),
        ("anmalan", "", ("anmalan.pdf", "pdf")),
    ],
)
def test_the_suffix_decides_text_or_pdf_and_a_bare_name_follows_the_filter(name, chosen, expected):
    target, fmt = save_target(Path("/x") / name, chosen)
    assert (target.name, fmt) == expected
