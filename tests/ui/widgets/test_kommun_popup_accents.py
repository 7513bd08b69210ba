"""The kommun picker's suggestions show the dots over Ö: "Örebro", not "Orebro".

The suggestion list under the picker and its own drop-down list are lists like
any other (``fkstod.ui.widgets.accent_room``): a row exactly as high as its line
cut the marks over Å, Ä and Ö off, and the caseworker read "Ockero (1407)".
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fkstod.core.kommuner import kommuner
from fkstod.ui.widgets.kommun_combo import KommunCombo

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def marks_cut_off(view, row: int) -> bool:
    index = view.model().index(row, 0)
    rect = view.visualRect(index)
    metrics = view.fontMetrics()
    baseline = rect.top() + (rect.height() - metrics.lineSpacing()) / 2 + metrics.ascent()
    return baseline + metrics.tightBoundingRect(index.data()).top() < rect.top()


@pytest.mark.parametrize("typed", ["Ö", "Ål", "Äl"])
def test_the_suggestions_show_the_marks_over_a_capital(qtbot, typed):
    combo = KommunCombo(kommuner(), "Kommun", "Välj kommun…")
    qtbot.addWidget(combo)
    combo.show()
    qtbot.waitExposed(combo)
    combo.lineEdit().selectAll()
    for ch in typed:
        qtbot.keyClicks(combo.lineEdit(), ch) if ch.isascii() else combo.lineEdit().insert(ch)
    combo._suggest(combo.lineEdit().text())  # what typing a letter does (textEdited)
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    rows = [
        r for r in range(popup.model().rowCount()) if popup.model().index(r, 0).data()[0] in "ÅÄÖ"
    ]
    assert rows, typed
    assert not any(marks_cut_off(popup, r) for r in rows)
    popup.hide()


def test_the_pickers_own_list_shows_the_marks_over_a_capital(qtbot):
    combo = KommunCombo(kommuner(), "Kommun", "Välj kommun…")
    qtbot.addWidget(combo)
    combo.show()
    row = combo.findText("Örebro (1880)", Qt.MatchFlag.MatchExactly)
    combo.view().doItemsLayout()
    assert row > 0 and not marks_cut_off(combo.view(), row)
    QApplication.processEvents()
