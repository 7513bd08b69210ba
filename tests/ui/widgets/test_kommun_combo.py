"""The one kommun picker: top suggestion on Enter or Tab, old text selected, no false choice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from fkstod.core.kommuner import kommuner
from fkstod.ui.widgets.kommun_combo import KommunCombo


@pytest.fixture
def form(qtbot, request):
    holder = QWidget()
    combo = KommunCombo(kommuner(), "Kommun", "Kommun: ej vald")
    after = QLineEdit()
    layout = QVBoxLayout(holder)
    layout.addWidget(combo)
    layout.addWidget(combo.message)
    layout.addWidget(after)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    combo.setFocus()
    request.node.holder = holder  # kept alive for the test
    return combo, after


def type_into(qtbot, combo, text):
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), text)


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Tab])
def test_enter_or_tab_takes_the_top_suggestion(qtbot, form, key):
    combo, after = form
    type_into(qtbot, combo, "Upps")
    assert combo.suggestions()[0] == "Uppsala (0380)"
    qtbot.keyClick(QApplication_focus(), key)
    assert combo.code() == "0380"
    assert combo.currentText() == "Uppsala (0380)"
    if key == Qt.Key.Key_Tab:
        assert after.hasFocus()


def QApplication_focus():
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def test_the_ranking_puts_the_start_of_the_name_first_and_needs_no_a_ring(qtbot, form):
    combo, _after = form
    type_into(qtbot, combo, "sala")
    assert combo.suggestions()[:2] == ["Sala (1981)", "Uppsala (0380)"]
    type_into(qtbot, combo, "malmo")
    assert combo.suggestions()[0] == "Malmö (1280)"
    type_into(qtbot, combo, "0380")
    assert combo.suggestions() == ["Uppsala (0380)"]


def test_down_and_enter_takes_the_row_chosen(qtbot, form):
    combo, _after = form
    type_into(qtbot, combo, "sala")
    popup = combo.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the top row, Sala
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the second, Uppsala
    assert popup.currentIndex().row() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.code() == "0380"  # the row highlighted, not another


def test_text_that_matches_no_kommun_says_so_and_chooses_none(qtbot, form):
    combo, after = form
    combo.set_code("1280")
    type_into(qtbot, combo, "Xyzzy")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Tab)
    assert after.hasFocus()
    assert combo.code() == ""
    assert combo.currentText() == "Kommun: ej vald"  # never "Xyzzy" looking chosen
    assert combo.message.isVisibleTo(combo.message.parentWidget())
    assert "Xyzzy" in combo.message.text()
    combo.setFocus()
    qtbot.keyClicks(combo.lineEdit(), "Xy")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)  # still no kommun: stays, selected
    assert combo.lineEdit().selectedText() == "Kommun: ej vald"
    qtbot.keyClicks(combo.lineEdit(), "Lund")  # replaces, does not append
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert combo.code() == "1281"
    assert combo.message.isHidden()


def test_focusing_the_picker_selects_the_old_kommun(qtbot, form):
    combo, after = form
    combo.set_code("1280")
    after.setFocus()
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.wait(10)
    assert combo.lineEdit().selectedText() == "Malmö (1280)"
    qtbot.keyClicks(combo.lineEdit(), "Lund")
    assert combo.lineEdit().text() == "Lund"


def test_an_unplaced_message_never_becomes_a_window_of_its_own(qtbot):
    combo = KommunCombo(kommuner(), "Kommun", "Kommun: ej vald")
    qtbot.addWidget(combo)
    combo.show()
    said = []
    combo.unmatched.connect(said.append)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Xyzzy")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert said == ["Xyzzy"]
    assert not combo.message.isVisible()  # the caller shows unmatched its own way


def test_enter_that_takes_a_kommun_says_so_so_the_caller_moves_on(qtbot, form):
    combo, after = form
    combo.accepted.connect(after.setFocus)
    with qtbot.waitSignal(combo.accepted):
        type_into(qtbot, combo, "Lund")
        qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert combo.code() == "1281"
    # Digits typed next go where the caller sent the focus, not onto "Lund (1281)".
    qtbot.keyClicks(QApplication_focus(), "12")
    assert combo.code() == "1281"


@pytest.mark.parametrize(
    ("typed", "kod"),
    [("Håbo", "0305"), ("Habo", "0643"), ("uppsala kommun", "0380"), ("380", "0380")],
)
def test_enter_takes_the_kommun_that_was_written_out(qtbot, form, typed, kod):
    combo, _after = form
    type_into(qtbot, combo, typed)
    qtbot.keyClick(QApplication_focus(), Qt.Key.Key_Return)
    assert combo.code() == kod
    assert combo.message.isHidden()


@pytest.mark.parametrize(("before", "shown"), [("1280", "Malmö (1280)"), ("", "Kommun: ej vald")])
def test_esc_undoes_what_was_typed_and_keeps_the_kommun_chosen(qtbot, form, before, shown):
    """Typed, not taken: Esc puts back the kommun the caller reads, never "Lund" looking chosen."""
    combo, _after = form
    combo.set_code(before)
    changed = []
    combo.currentIndexChanged.connect(changed.append)
    type_into(qtbot, combo, "Lund")
    qtbot.keyClick(QApplication_focus(), Qt.Key.Key_Escape)
    assert (combo.currentText(), combo.code(), changed) == (shown, before, [])
    assert not combo.completer().popup().isVisible()
    assert combo.lineEdit().selectedText() == shown  # typing again replaces it
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Tab)  # leaving takes nothing typed before
    assert combo.code() == before


def test_none_chosen_again_by_the_caller_keeps_nothing_of_what_was_typed(qtbot, form):
    combo, _after = form
    type_into(qtbot, combo, "Kallebo")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert "Kallebo" in combo.message.text()
    combo.set_code("")  # a new call; the index was "none" already
    assert combo.message.text() == "" and combo.message.isHidden()
    assert combo.currentText() == "Kommun: ej vald"


@pytest.mark.parametrize("typed", ["alla", "Alla kommuner", "alla kommuner "])
def test_typing_what_none_is_called_chooses_none_not_a_kommun_that_contains_it(qtbot, typed):
    """In Stödkatalog "alla" means Alla kommuner, never Järfälla or Uddevalla."""
    combo = KommunCombo(kommuner(), "Kommun", "Alla kommuner")
    qtbot.addWidget(combo)
    combo.show()
    combo.set_code("1280")
    said = []
    combo.unmatched.connect(said.append)
    type_into(qtbot, combo, typed)
    assert combo.suggestions()[0] == "Alla kommuner"
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert (combo.code(), combo.currentText(), said) == ("", "Alla kommuner", [])
    type_into(qtbot, combo, "jarf")  # the kommuner are still there
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert combo.code() == "0123"


def test_the_start_of_a_kommun_beats_what_none_is_called(qtbot):
    """Orosanmälan's "Välj barnets kommun…": "val" is still Valdemarsvik, Vallentuna…"""
    combo = KommunCombo(kommuner(), "Barnets kommun", "Välj barnets kommun…")
    qtbot.addWidget(combo)
    combo.show()
    type_into(qtbot, combo, "val")
    assert combo.suggestions()[:2] == ["Valdemarsvik (0563)", "Vallentuna (0115)"]
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert combo.code() == "0563"
