"""The entry shown says where it helps: the kommuner it serves, or the whole country.

Searching "kvinnojour" without a kommun chosen, the caseworker reads the
entries one by one: a local jour that serves Kiruna and Gällivare must say so,
or a caller in Umeå is given a number that cannot help them.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from fkstod.core.directory import Entry
from fkstod.ui.katalog.entry_view import DirectoryEntryView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

LOCAL = Entry(
    id="lokal-norr",
    organisation="Kvinnojouren Malmfälten",
    tjanst="Jourtelefon",
    kategori="kvinnor",
    telefon="0980-123 45",
    kommuner=("2584", "2523"),
    senast_verifierad="2026-11-01",
    kalla="Jouren själv",
)


def shown(qtbot, entry: Entry) -> str:
    view = DirectoryEntryView()
    qtbot.addWidget(view)
    view.show_entry(entry, False)
    return view.details.text()


def test_a_local_entry_names_the_kommuner_it_serves(qtbot):
    details = shown(qtbot, LOCAL)
    assert "<b>Kommuner</b>" in details
    assert "Gällivare, Kiruna" in details  # by name, in Swedish order, not 2523, 2584


def test_an_entry_for_every_kommun_says_the_whole_country(qtbot):
    assert "Hela landet" in shown(qtbot, replace(LOCAL, kommuner=()))
