"""Övning's actions in the menus too: Visa → present and practise, Arkiv → the diagram and handout."""

from __future__ import annotations

import pytest

from tests.ui.fakes import real_window


@pytest.fixture
def window(qtbot, data_folder, services, dialogs):
    yield from real_window(qtbot, data_folder, dialogs, services, shutdown=True)


def entry(menu, words):
    found = [a for a in menu.actions() if words in a.text().replace("&", "")]
    assert len(found) == 1, [a.text() for a in menu.actions()]
    return found[0]


def test_visa_presents_and_practises_the_case_chosen(qtbot, window):
    entry(window.view_menu, "Visa övningsfallet för en grupp").trigger()
    page = window.page(window.index_of("ovning"))
    assert page.presenter is not None
    qtbot.addWidget(page.presenter.audience)
    qtbot.addWidget(page.presenter.console)
    assert window.training_banner.isVisible()
    page.presenter.close()
    practise = entry(window.view_menu, "Öva själv")
    assert practise.text().endswith("\tCtrl+Skift+P")  # the page's key, shown
    practise.trigger()
    assert page.practice is not None
    qtbot.addWidget(page.practice)
    page.practice.close()


def test_arkiv_saves_the_diagram_and_the_handout(qtbot, window, dialogs, tmp_path):
    dialogs.path = str(tmp_path / "diagram.svg")
    entry(window.file_menu, "Spara övningens diagram").trigger()
    assert (tmp_path / "diagram.svg").read_bytes().lstrip().startswith(b"<?xml")
    dialogs.path = str(tmp_path / "utdelning.pdf")
    entry(window.file_menu, "Spara övningens utdelning som PDF").trigger()
    assert (tmp_path / "utdelning.pdf").read_bytes().startswith(b"%PDF")
    assert dialogs.errors == []


def test_the_entries_alt_keys_are_their_own_in_their_menus(window):
    from PySide6.QtGui import QKeySequence

    def letter(action):
        return QKeySequence.mnemonic(action.text().split("\t")[0]).toString().lower()

    ours = {
        window.view_menu: ("Visa övningsfallet för en grupp", "Öva själv"),
        window.file_menu: ("Spara övningens diagram", "Spara övningens utdelning som PDF"),
    }
    for menu, texts in ours.items():
        mine = [entry(menu, text) for text in texts]
        others = [letter(a) for a in menu.actions() if a not in mine]
        for action in mine:
            assert letter(action) and letter(action) not in others, action.text()
        assert len({letter(a) for a in mine}) == len(mine)
