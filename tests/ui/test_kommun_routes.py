"""Every way into a kommun picker: what is typed replaces the old text, Enter moves on.

A caseworker reaches the child's kommun by Ctrl+3, by a call's "Skriv orosanmälan",
by Alt+K or by Tab, and types the name at once. Whatever the route, the picker's
text must be selected when the keys arrive (else "Kiruna" lands after "Välj barnets
kommun…" and matches nothing), and Enter that takes a kommun must move the focus out
of the picker (else the next letters typed undo the choice).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from fkstod import app as fkapp
from fkstod.core.kommuner import kommuner
from fkstod.ui.orosanmalan.page import OrosanmalanPage
from fkstod.ui.widgets.kommun_combo import KommunCombo
from tests.ui.fakes import FakeDialogs, close_window
from tests.ui.orosanmalan.helpers import type_keys

KIRUNA = "2584"


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def activate(qtbot, widget: QWidget) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


@pytest.mark.parametrize(
    "reason",
    [
        Qt.FocusReason.OtherFocusReason,  # a page's own setFocus (a call's hand-off)
        Qt.FocusReason.ActiveWindowFocusReason,  # the window comes back to the front
        Qt.FocusReason.ShortcutFocusReason,
        Qt.FocusReason.TabFocusReason,
        Qt.FocusReason.BacktabFocusReason,
    ],
)
def test_typing_replaces_the_pickers_text_however_the_focus_came(qtbot, reason):
    holder = QWidget()
    before, combo = QLineEdit(), KommunCombo(kommuner(), "Kommun", "Välj kommun…")
    layout = QVBoxLayout(holder)
    layout.addWidget(before)
    layout.addWidget(combo)
    qtbot.addWidget(holder)
    activate(qtbot, holder)
    before.setFocus()
    combo.setFocus(reason)
    assert combo.lineEdit().selectedText() == "Välj kommun…"
    type_keys(qtbot, focused(), "Kiruna")
    assert combo.lineEdit().text() == "Kiruna"


@pytest.fixture
def window(qtbot, services):
    fkapp.make_application()
    window = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(window)
    activate(qtbot, window)
    window.build_pending_sections()
    qtbot.waitUntil(lambda: all(window.built_page(i) for i in range(window.pages.count())))
    yield window
    close_window(window)


def test_ctrl_3_then_the_kommun_typed_chooses_it_and_enter_moves_on(qtbot, window):
    qtbot.keyClick(focused(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    report = window.page(2)
    assert report.form.kommun.isAncestorOf(focused()) or focused() is report.form.kommun
    type_keys(qtbot, focused(), "Kiruna")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert report.form.kommun.code() == KIRUNA
    # The next keys go on to the next field, not into the picker over "Kiruna (2584)".
    assert focused() is not report.form.kommun
    assert not report.form.kommun.isAncestorOf(focused())
    type_keys(qtbot, focused(), "x")
    assert report.form.kommun.code() == KIRUNA


def test_a_calls_report_takes_the_kommun_typed_at_once(qtbot, window):
    window.page(0).orosanmalan_requested.emit("sjukpenning", "")  # Alt+R in a flow
    report = window.page(2)
    type_keys(qtbot, focused(), "Kiruna")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert report.form.kommun.code() == KIRUNA


def test_enter_in_the_report_moves_on_from_the_kommun(qtbot):
    page = OrosanmalanPage(FakeDialogs(), lookup_socialtjanst=lambda code: "Socialtjänsten")
    qtbot.addWidget(page)
    activate(qtbot, page)
    page.form.kommun.setFocus(Qt.FocusReason.ShortcutFocusReason)
    type_keys(qtbot, focused(), "Kiruna")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert page.form.kommun.code() == KIRUNA
    assert focused() is page.form.show_directory  # the next stop in the Tab order
