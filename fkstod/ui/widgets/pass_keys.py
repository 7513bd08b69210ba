"""The window's keys go before a text field's own, except the editing keys of Windows.

A text field claims keys before any shortcut sees them (Qt's ShortcutOverride).
Which keys depends on the platform's key scheme: on Windows, where fkstod is used,
the editing keys (Ctrl+A, Ctrl+C, Ctrl+Z, Ctrl+Vänsterpil …); on X11 also Emacs's
(Ctrl+E: end of line, Ctrl+U: delete to the start), so Stödkatalog's Ctrl+E (Ändra)
did nothing from its search field under X11. ``shortcuts_before_editing(window)``
makes every text field of the window leave every other key with Ctrl or Alt to the
window's shortcuts: the keys work alike on every platform. A key that no shortcut
has still reaches the field as a key press, as before. The editing keys are the
field's even where a shortcut has one (Ctrl+Delete: Ta bort, in a field "delete a word"),
in a field that can be written in: a read-only one or a list to choose from keeps what
Qt gives it, so Ctrl+Delete there is Ta bort.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

#: The editing keys with Ctrl or Alt that a text field keeps on Windows (Qt's key
#: bindings for the Windows scheme: select all, copy, cut, paste, undo, redo, word
#: and document moves, deleting a word).
WINDOWS_EDITING_KEYS = (
    "Ctrl+A",
    "Ctrl+C",
    "Ctrl+Ins",
    "Ctrl+X",
    "Ctrl+V",
    "Ctrl+Z",
    "Alt+Backspace",
    "Ctrl+Y",
    "Ctrl+Shift+Z",
    "Alt+Shift+Backspace",
    "Ctrl+Left",
    "Ctrl+Right",
    "Ctrl+Shift+Left",
    "Ctrl+Shift+Right",
    "Ctrl+Up",
    "Ctrl+Down",
    "Ctrl+Home",
    "Ctrl+End",
    "Ctrl+Shift+Home",
    "Ctrl+Shift+End",
    "Ctrl+Backspace",
    "Ctrl+Del",
)
_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
#: The widgets that take text, and with it keys for editing.
TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class _ShortcutsFirst(QObject):
    """An event filter: a field's claim on a key is refused unless Windows edits with it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.editing = {QKeySequence(k)[0] for k in WINDOWS_EDITING_KEYS}

    def focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Give the filter to a text field of the window as it gets the keys."""
        if isinstance(new, TEXT_FIELDS) and new.window() is self.window:
            new.installEventFilter(self)  # once: installing again only moves it first

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self.leaves(event):
            event.ignore()  # not the field's: a shortcut on the key runs
            return True
        if event.type() == QEvent.Type.ShortcutOverride and self.edits(event) and writable(watched):
            # The field's, even where a shortcut has the key and Qt's field would not
            # claim it (Ctrl+Delete, Ta bort in Stödkatalog: here "delete a word").
            # A field that cannot be written in (a list to choose from, a read-only
            # text) keeps only what Qt's own gives it: select all, copy, the moves.
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def edits(self, event: QKeyEvent) -> bool:
        """Return True for one of Windows's editing keys (kept by the field)."""
        if not event.modifiers() & _MODIFIERS:
            return False
        return _combination(event) in self.editing

    def leaves(self, event: QKeyEvent) -> bool:
        """Return True when the field leaves this key to the shortcuts."""
        modifiers = event.modifiers()
        if not modifiers & _MODIFIERS:
            return False  # typing, Esc, the arrows: the field's
        if modifiers & _MODIFIERS == _MODIFIERS and event.text().isprintable() and event.text():
            return False  # a character typed with AltGr (Ctrl+Alt on Windows): "@", "{"
        return _combination(event) not in self.editing


def _combination(event: QKeyEvent) -> QKeyCombination:
    # The number pad's keys (Del, Home, the arrows with Num Lock off) are the same keys.
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeyCombination(modifiers, Qt.Key(event.key()))


def writable(field: QObject) -> bool:
    """Return True when text can be written in ``field`` (not read-only, not a mere list)."""
    if isinstance(field, QComboBox):
        edit = field.lineEdit()
        return field.isEditable() and edit is not None and not edit.isReadOnly()
    if isinstance(field, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)):
        return not field.isReadOnly()
    return False


def shortcuts_before_editing(window: QWidget) -> None:
    """Make the keys of ``window``'s shortcuts win over its text fields' own (but editing).

    The filter is given to a field when it gets the keys (the focus), so fields made
    later (a tab, a row of a form) have it too: ShortcutOverride goes to the focus only.
    """
    app = QApplication.instance()
    if isinstance(app, QApplication):
        # A method of a child of the window: the connection goes with the window.
        app.focusChanged.connect(_ShortcutsFirst(window).focused)
