"""The Statistik page by keyboard: one Alt key per control, none taken twice or by a menu."""

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget

from tests.ui.statistik.test_statistik import make_exports, merged_panel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def letter(text: str) -> str:
    return QKeySequence.mnemonic(text).toString().lower()


def test_no_alt_key_is_taken_twice_on_either_tab(qtbot, window, dialogs, tmp_path):
    dialogs.path = str(make_exports(tmp_path, 2))
    page = window.page(window.index_of("statistik"))
    panel = page.aggregate
    panel.choose_folder()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    menus = {letter(a.text()) for a in window.menuBar().actions()} - {""}
    assert menus
    tabs = page.findChild(QTabWidget)
    tab_texts = [tabs.tabText(i) for i in range(tabs.count())]
    for index in range(tabs.count()):
        tab = tabs.widget(index)
        texts = list(tab_texts)  # the tab bar's keys work from every tab
        texts += [w.text() for w in tab.findChildren(QAbstractButton) if w.isVisibleTo(tab)]
        texts += [w.text() for w in tab.findChildren(QLabel) if w.isVisibleTo(tab)]
        keys: dict[str, list[str]] = {}
        for text in texts:
            if letter(text):
                keys.setdefault(letter(text), []).append(text)
        clashes = {k: v for k, v in keys.items() if len(v) > 1 or k in menus}
        assert clashes == {}, tabs.tabText(index)


def test_every_menu_gives_each_entry_its_own_alt_key(window):
    for menu in (window.file_menu, window.call_menu, window.view_menu, window.help_menu):
        keys: dict[str, list[str]] = {}
        for action in menu.actions():
            key = letter(action.text().split("\t")[0])
            if key:
                keys.setdefault(key, []).append(action.text())
        assert {k: v for k, v in keys.items() if len(v) > 1} == {}, menu.title()


def test_tab_leaves_the_report_table_and_the_charts_table(qtbot, window, dialogs, tmp_path):
    # A table takes Tab for its next cell by default: a keyboard user could not get past it.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    panel = merged_panel(qtbot, window, dialogs, make_exports(tmp_path, 2))
    for table in (panel.table, panel.chart.table):
        assert table.isVisible()
        table.setFocus()
        assert QApplication.focusWidget() is table
        qtbot.keyClick(table, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not table, table.accessibleName()


def test_a_group_of_counts_reached_by_tab_shows_the_focus_frame(qtbot):
    # Mina antal: each group is a label reachable by Tab, for screen readers; the
    # frame says where the keys are for everyone else.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

    from fkstod import app as fkapp
    from fkstod.qt.focus_style import focus_colour
    from fkstod.ui.widgets.plain_label import PlainLabel

    fkapp.make_application()
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    label = PlainLabel("december 2026 · Underhållsstöd\n12 samtal med stöd av fkstod")
    label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    other = QPushButton("Annat")
    layout.addWidget(label)
    layout.addWidget(other)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    label.setFocus()
    qtbot.waitUntil(label.hasFocus)
    want = focus_colour(label.palette())
    image = label.grab().toImage()
    y = image.height() // 2
    assert want in [QColor(image.pixel(x, y)) for x in range(2)]
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    image = label.grab().toImage()
    assert want not in [QColor(image.pixel(x, y)) for x in range(2)]
