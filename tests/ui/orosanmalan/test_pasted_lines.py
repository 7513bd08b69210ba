"""A name pasted with its line breaks reads on one line everywhere the page shows it.

A line edit keeps a pasted line break and shows it as a space; the child's tab
took the name as stored and was drawn on two lines, cut by the tab's edge.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.ui.fakes import FakeDialogs

PASTED = "Saga\nExempelsson\n"  # a line copied from the case system, with its line ends


@pytest.fixture
def page(qtbot):
    widget = OrosanmalanPage(
        FakeDialogs(),
        reporter={},
        save_asker=lambda parent, suggested: ("", ""),
        printer_asker=lambda parent: None,
        save_file=lambda path, data: None,
        clipboard_clear_ms=50,
    )
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_pasted_name_is_one_line_in_the_tab_the_choice_and_the_report(qtbot, page):
    name = page.form.child_editor(0).namn
    QGuiApplication.clipboard().setText(PASTED)
    name.setFocus()
    name.paste()
    tabs = page.form.children
    qtbot.waitUntil(lambda: "Saga" in tabs.tabText(0), timeout=2000)
    assert tabs.tabText(0).endswith(" Saga Exempelsson"), tabs.tabText(0)  # after "&1 ⚠"
    qtbot.waitUntil(lambda: "Saga" in page.preview.toPlainText(), timeout=2000)
    assert "Saga Exempelsson" in page.preview.toPlainText()
    assert page.child_choice.itemText(0) == "1. Saga Exempelsson"
    QGuiApplication.clipboard().clear()
