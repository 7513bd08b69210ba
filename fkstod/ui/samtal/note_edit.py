"""The case-file note's editor: it takes text only once the caseworker goes to it.

At the end of a flow the note has the focus: a screen reader reads it, the arrows
move in it, Ctrl+Skift+C copies it. But the caseworker's hands are still on the
answer keys, and one key too many (a quick second "1") must not become part of a
text meant for the case file. So the note opens locked. It opens for writing when
the caseworker goes to it on purpose: Alt+T (its label's key), Tab or Shift+Tab
into it, or a click. A key that would write in the locked note writes nothing and
says how to open it; Backspace goes back to the last step, as it does in a step.

No timing is involved (no "keys within so many milliseconds are ignored"): a
caseworker who types slowly or a remote desktop that delivers keys late is treated
the same as one who types fast.

Signals:
    typed_while_locked(): a key that would have written was pressed in the locked note.
    back_requested(): Backspace in the locked note.
    locked_changed(bool): the note was locked (True) or opened for writing (False).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from fkstod.qt.private_clipboard import private_mime_data, remember_private

#: How the caseworker gives the note the focus on purpose (the app's own is OtherFocusReason).
_CHOSEN = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.MouseFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class NoteEdit(QPlainTextEdit):
    """A plain text editor that is read only until the caseworker chooses to write in it."""

    typed_while_locked = Signal()
    back_requested = Signal()
    locked_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: What a copy out of the note carries, from the text selected: the summary
        #: sets it for a practice note (the mark first). Every way text leaves the
        #: note (Ctrl+C, its menu, a drag) goes through it.
        self.outgoing: Callable[[str], str] = str
        self.lock()

    @property
    def locked(self) -> bool:
        """Return True while the note takes no text."""
        return self.isReadOnly()

    def lock(self) -> None:
        """Take no text until the caseworker goes to the note (a new end of a call)."""
        self.setReadOnly(True)
        # Read only, it can still be read by keys: the arrows move, Shift selects.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setAccessibleDescription(self.tr("Skrivskyddad. Tryck Alt+T för att ändra."))
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        """Open the note for writing."""
        if self.isReadOnly():
            self.setReadOnly(False)  # and the editor's own interaction flags again
            self.setAccessibleDescription("")
            self.locked_changed.emit(False)

    def createMimeDataFromSelection(self) -> QMimeData:
        # The note's own copy: out of clipboard history and cleared at quit, as the
        # copy button's is, and marked as a practice note where the note is one.
        text = self.outgoing(self.textCursor().selection().toPlainText())
        remember_private(text)
        return private_mime_data(text)

    def focusInEvent(self, event) -> None:
        if event.reason() in _CHOSEN:
            self.unlock()
        super().focusInEvent(event)

    def mousePressEvent(self, event) -> None:
        self.unlock()  # a click into the note, also when it has the focus already
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        if self.isReadOnly() and not event.modifiers() & _COMMAND_MODIFIERS:
            if event.key() == Qt.Key.Key_Backspace:
                event.accept()
                self.back_requested.emit()
                return
            text = event.text()
            if text and text.isprintable():
                event.accept()
                self.typed_while_locked.emit()
                return
        super().keyPressEvent(event)
