"""Every action on the orosanmälan page has a shortcut it shows, and every control a name."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTabWidget,
    QWidget,
)

from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.ui.fakes import FakeDialogs

MNEMONIC = re.compile(r"&([^&\s])")


@pytest.fixture
def page(qtbot):
    widget = OrosanmalanPage(FakeDialogs(), lookup_socialtjanst=lambda code: "Socialtjänsten")
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.form.kommun.setCurrentIndex(1)  # shows the directory button too
    return widget


def own_widgets(page: QWidget, kind: type) -> list[QWidget]:
    """Return the page's widgets of ``kind``, not Qt's internal parts or popups."""
    return [
        w
        for w in page.findChildren(kind)
        if not w.objectName().startswith("qt_") and w.window() is page
    ]


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text)
    return found.group(1).lower() if found else None


def shown_shortcut(button: QAbstractButton) -> bool:
    if mnemonic(button.text()):
        return True
    # A shortcut named on the button or in its tooltip, e.g. "Kopiera text (Ctrl+Skift+C)".
    found = re.search(r"\(([^)]+)\)", f"{button.text()} {button.toolTip()}")
    return bool(found) and not QKeySequence(found.group(1).replace("Skift", "Shift")).isEmpty()


def test_every_button_shows_its_shortcut(page):
    buttons = own_widgets(page, QPushButton)
    assert len(buttons) >= 7
    for button in buttons:
        assert shown_shortcut(button), button.text()


def test_every_checkbox_has_a_key_of_its_own_or_of_its_group(page):
    for box in own_widgets(page, QCheckBox):
        group = box.parentWidget()
        group_key = mnemonic(group.title()) if isinstance(group, QGroupBox) else None
        assert mnemonic(box.text()) or group_key, box.text()


def test_the_pages_alt_keys_are_unique_and_leave_the_menus_alone(page):
    from fkstod.ui.main_window import MainWindow

    window = MainWindow()
    try:
        menu_keys = {mnemonic(a.text()) for a in window.menuBar().actions()} - {None}
    finally:
        window.deleteLater()
    assert menu_keys  # the test would be empty without them
    keys: dict[str, list[str]] = {}
    texts = [w.text() for w in own_widgets(page, QAbstractButton) if w.isVisibleTo(page)]
    texts += [w.text() for w in own_widgets(page, QLabel) if w.isVisibleTo(page)]
    texts += [w.title() for w in own_widgets(page, QGroupBox)]
    tabs = page.form.children
    texts += [tabs.tabText(i) for i in range(tabs.count())]
    for text in texts:
        key = mnemonic(text)
        if key:
            keys.setdefault(key, []).append(text)
    clashes = {k: v for k, v in keys.items() if len(v) > 1 or k in menu_keys}
    assert clashes == {}


def test_every_control_has_an_accessible_name_shown_or_not(page):
    kinds = (
        QAbstractButton,
        QLineEdit,
        QPlainTextEdit,
        QComboBox,
        QAbstractSpinBox,
        QAbstractItemView,
        QAbstractScrollArea,
        QTabWidget,
        QTabBar,
    )
    page.form.add_child()  # the second child's editor too
    for kind in kinds:
        # Qt's own parts too (the editor inside a date, a tab widget's tab bar): they
        # take the focus, so they are what a screen reader announces. Popups are
        # windows of their own and left out.
        for widget in (w for w in page.findChildren(kind) if w.window() is page):
            assert widget.accessibleName(), (type(widget).__name__, widget.objectName())
    assert page.form.datum.findChild(QLineEdit).accessibleName() == "Datum för anmälan"


def test_alt_keys_reach_the_concerns_and_switch_protected_data(qtbot, page):
    page.form.kommun.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert next(iter(page.form.oro.values())).hasFocus()
    qtbot.keyClick(page, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.form.skyddade.isChecked, timeout=1000)


def tab_names(qtbot, count: int) -> list[str]:
    """Press Tab ``count`` times from where the focus is; return the names passed."""
    names = []
    for _ in range(count):
        focused = QApplication.focusWidget()
        names.append(focused.accessibleName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return names


def test_the_page_gives_its_focus_to_the_first_field(qtbot, page):
    page.setFocus(Qt.FocusReason.ShortcutFocusReason)  # what Ctrl+3 does
    assert QApplication.focusWidget() is page.form.kommun
    assert page.scroll.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_tab_walks_the_form_in_reading_order_child_right_after_its_tab(qtbot, page):
    page.form.kommun.setFocus(Qt.FocusReason.TabFocusReason)
    assert tab_names(qtbot, 15) == [
        "Barnets kommun",
        "Visa socialtjänsten i stödkatalogen",
        "Datum för anmälan",  # one stop: the arrow keys move inside the date
        "Skyddade personuppgifter",
        "Akut fara för barnet",
        "Barn att skriva om",
        "Barnets namn",
        "Personnummer eller födelsedatum",
        "Barnets adress",
        "Skola eller förskola",
        "Var barnet är nu",
        "Känner barnet till anmälan?",
        "Lägg till barn",
        "Vårdnadshavare 1, namn",
        "Vårdnadshavare 1, relation till barnet",
    ]


def test_a_second_childs_fields_follow_the_tabs_too(qtbot, page):
    page.form.add_child()
    page.form.children.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
    assert tab_names(qtbot, 9) == [
        "Barn att skriva om",
        "Barnets namn",
        "Personnummer eller födelsedatum",
        "Barnets adress",
        "Skola eller förskola",
        "Var barnet är nu",
        "Känner barnet till anmälan?",
        "Lägg till barn",
        "Ta bort barnet som visas",
    ]
    assert page.form.children.currentIndex() == 1


def test_with_protected_data_tab_passes_the_fields_left_out(qtbot, page):
    page.form.skyddade.setChecked(True)
    page.form.children.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
    assert tab_names(qtbot, 6) == [
        "Barn att skriva om",
        "Barnets namn",
        "Personnummer eller födelsedatum",
        "Känner barnet till anmälan?",
        "Lägg till barn",
        "Vårdnadshavare 1, namn",
    ]


def test_tab_reaches_the_informant_question_after_what_was_told(qtbot, page):
    page.form.uppgifter_fran_andra.setFocus(Qt.FocusReason.TabFocusReason)
    assert tab_names(qtbot, 3) == [
        "Det här har jag fått veta av någon annan",
        "Den som berättade kan vara i fara om uppgifterna når den andra parten",
        "Känner vårdnadshavarna till anmälan?",
    ]
