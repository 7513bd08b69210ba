"""The Orosanmälan and Stödkatalog screens word keys and ellipses one way.

Swedish key names (Ctrl+Skift+C, as the flow buttons say), and "…" straight
after the word ("Spara som…", "Importera…"), never "..." or a space before it.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from fkstod.core.directory import Directory
from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog
from fkstod.ui.katalog.page import DirectoryPage
from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def shown_texts(root: QWidget) -> list[str]:
    """Return every text a user can see or hear on ``root``: labels, tips, choices, hints."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QAbstractButton | QLabel):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        for action in widget.actions():
            texts += [action.text(), action.toolTip()]
            if action.menu() is not None:
                texts += [a.text() for a in action.menu().actions()]
        if isinstance(widget, QPushButton) and widget.menu() is not None:
            texts += [a.text() for a in widget.menu().actions()]
    return [t for t in texts if t]


@pytest.fixture
def oro(qtbot) -> OrosanmalanPage:
    page = OrosanmalanPage(FakeDialogs(), lookup_socialtjanst=lambda code: "Socialtjänsten")
    qtbot.addWidget(page)
    return page


@pytest.fixture
def directory_page(qtbot, memory_db) -> DirectoryPage:
    page = DirectoryPage(Directory(memory_db), FakeDialogs())
    qtbot.addWidget(page)
    return page


@pytest.fixture
def entry_dialog(qtbot) -> DirectoryEntryDialog:
    dialog = DirectoryEntryDialog(lambda fields, entry_id: [], None)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize("screen", ["oro", "directory_page", "entry_dialog"])
def test_keys_have_swedish_names_and_ellipses_follow_the_word(request, screen):
    texts = shown_texts(request.getfixturevalue(screen))
    assert texts
    assert [t for t in texts if "Shift" in t] == []
    assert [t for t in texts if "..." in t or " …" in t] == []


def test_the_report_buttons_show_their_shortcut_like_the_flow_buttons(qtbot, oro):
    assert oro.copy_button.text() == "Kopiera text (Ctrl+Skift+C)"
    assert oro.save_button.text() == "Spara som… (Ctrl+S)"
    assert oro.print_button.text() == "Skriv ut… (Ctrl+P)"
    assert oro.new_button.text() == "Ny anmälan (Ctrl+Skift+N)"
    assert oro.save_button.accessibleName() == "Spara som"
