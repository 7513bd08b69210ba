"""Samtalsstöd inside the main window, driven by keyboard only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.fakes import real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, data_folder):
    yield from real_window(qtbot, data_folder)


def focus():
    return QApplication.focusWidget()


def key(qtbot, k, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focus(), k, mods)


def start_sjukpenning(qtbot, window):
    page = window.page(0)
    window.show_section(0)
    qtbot.keyClicks(focus(), "sjukpenning")
    key(qtbot, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.step_view
    return page


def test_back_to_the_flow_the_keys_answer_the_step_again(qtbot, window):
    page = start_sjukpenning(qtbot, window)
    key(qtbot, Qt.Key.Key_2, CTRL)
    assert window.current_section() == 1
    key(qtbot, Qt.Key.Key_1, CTRL)
    assert focus() is page.step_view
    key(qtbot, Qt.Key.Key_1)
    assert page.session.step.id != "fore"
    assert page.picker.filter.text() == "sjukpenning"


def test_tab_never_lands_on_a_hidden_field(qtbot, window):
    start_sjukpenning(qtbot, window)
    window.navigation.setFocus()
    for _ in range(25):
        key(qtbot, Qt.Key.Key_Tab)
        assert focus().isVisible(), focus().accessibleName()


def tab_names(qtbot, first, count):
    first.setFocus()
    names = [focus().accessibleName()]
    for _ in range(count):
        key(qtbot, Qt.Key.Key_Tab)
        names.append(focus().accessibleName())
    return names


def test_tab_follows_the_picker_top_to_bottom(qtbot, window):
    window.show_section(0)
    names = tab_names(qtbot, window.navigation, 9)
    assert names == [
        "Avsnitt",
        "Akut fara",
        "Barn berörs",
        "Berättar om våld",
        "Kan inte prata nu",
        "Förmån",
        "Filtrera flöden",
        "Flöden",
        "Personens kommun (sparas inte)",
        "Kompakt läge, alltid överst",
    ]


def test_tab_in_a_step_reaches_the_answers_before_kommun(qtbot, window):
    page = start_sjukpenning(qtbot, window)
    names = tab_names(qtbot, page.step_view, 8)
    assert [n.split(",")[0] for n in names] == [
        "Steg i flödet",
        "Svar 1: Ja",
        "Svar 2: Nej",
        "Svar 3: Det passar inte av ett annat skäl",
        "Svar 4: Personen har skyddade personuppgifter – läs först",
        "Svar 5: Tolk deltar – stäm av tolken först",
        "Personens kommun (sparas inte)",
        "Kompakt läge",
        "Avsnitt",
    ]


def test_tab_on_the_summary_starts_at_the_note(qtbot, window):
    page = start_sjukpenning(qtbot, window)
    key(qtbot, Qt.Key.Key_2)  # not alone: ends at once
    assert page.stack.currentWidget() is page.summary
    names = tab_names(qtbot, page.jumps.buttons["kan-inte-prata"], 6)
    assert names == [
        "Kan inte prata nu",
        "Anteckning till akten",
        "Kopiera anteckning",
        "Nytt samtal",
        "Tillbaka till sista steget",
        "Personens kommun (sparas inte)",
        "Kompakt läge, alltid överst",
    ]


def test_after_compact_mode_the_keys_answer_the_step(qtbot, window):
    page = start_sjukpenning(qtbot, window)
    key(qtbot, Qt.Key.Key_K, CTRL_SHIFT)
    qtbot.waitUntil(lambda: page.compact)
    key(qtbot, Qt.Key.Key_K, CTRL_SHIFT)
    qtbot.waitUntil(lambda: not page.compact)
    # A changed window flag shows the window anew; its focus widget gets the keys.
    assert window.focusWidget() is page.step_view
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_1)
    assert page.session.step.id != "fore"


@pytest.mark.parametrize(
    "k, flow_id", [(Qt.Key.Key_F5, "akut-fara"), (Qt.Key.Key_F8, "kan-inte-prata")]
)
def test_a_jump_key_works_from_another_section(qtbot, window, k, flow_id):
    page = start_sjukpenning(qtbot, window)
    key(qtbot, Qt.Key.Key_2, CTRL)
    key(qtbot, k)
    assert window.current_section() == 0
    assert page.session.flow.id == flow_id and page.session.in_jump
    assert focus() is page.step_view
    key(qtbot, Qt.Key.Key_Escape)  # back to where the jump was made
    assert (page.session.flow.id, page.session.step.id) == ("sjukpenning-fraga", "fore")


def test_a_jump_key_without_a_flow_starts_the_jump_flow(qtbot, window):
    page = window.page(0)
    key(qtbot, Qt.Key.Key_3, CTRL)
    key(qtbot, Qt.Key.Key_F6)
    assert window.current_section() == 0
    assert page.session.flow.id == "barn-berors" and not page.session.in_jump


def test_each_jump_key_has_one_owner(window):
    from PySide6.QtGui import QKeySequence, QShortcut

    page = window.page(0)
    owners = [
        s for s in window.findChildren(QShortcut) if s.key().toString() in ("F5", "F6", "F7", "F8")
    ]
    assert owners == []
    keys = [a.shortcut() for a in window.actions()]
    for name in ("F5", "F6", "F7", "F8"):
        assert keys.count(QKeySequence(name)) == 1
    assert all(b.shortcut().isEmpty() for b in page.jumps.buttons.values())
