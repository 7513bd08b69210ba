"""Pick one of the 290 municipalities by typing part of its name or code.

The one kommun picker of Samtalsstöd, Stödkatalog and Orosanmälan:

- the suggestions are ranked by ``kommuner.search`` (code, start of the name,
  start of a word, anywhere; å, ä and ö need not be typed), and Enter or Tab
  takes the top one, or the one chosen with the arrow keys;
- focusing the field selects its text, so typing replaces the old kommun, whatever
  brought the focus (Tab, Alt+K, a section's key, a page's own ``setFocus``);
- text that matches no kommun is never left looking chosen: the field goes
  back to "none" and ``message`` says what was typed and matched nothing;
- Esc takes back what was typed, showing the kommun chosen before;
- what the first item is called ("alla" for "Alla kommuner") is suggested first.

Signals (besides QComboBox's):
    unmatched(str): typed text matched no kommun and was not taken.
    accepted(): Enter took a kommun; the caller moves the focus on (typing more
        would go into the field and undo the choice), for instance by ``focus_next``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from fkstod.core import kommuner as kommun_data
from fkstod.core.collate import swedish_key
from fkstod.core.i18n import _
from fkstod.core.kommuner import Kommun
from fkstod.ui.widgets.accent_room import give_accent_room
from fkstod.ui.widgets.plain_label import PlainLabel


def kommun_text(k: Kommun) -> str:
    """Return how a municipality is shown in the picker: "Uppsala (0380)"."""
    return f"{k.namn} ({k.kod})"


class KommunCombo(QComboBox):
    """An editable list of municipalities; the first item means none.

    Args:
        kommuner: the municipalities to offer.
        name: the accessible name (also given to the line edit a screen reader lands on).
        none_label: the text of the first item, which stands for no municipality.
    """

    unmatched = Signal(str)
    accepted = Signal()

    def __init__(
        self, kommuner: Iterable[Kommun], name: str, none_label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._offered = {k.kod for k in kommuner}
        self.addItem(none_label, "")
        for k in sorted(
            (k for k in kommun_data.kommuner() if k.kod in self._offered),
            key=lambda k: swedish_key(k.namn),  # Åmål before Älmhult, both after Ystad
        ):
            self.addItem(kommun_text(k), k.kod)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setAccessibleName(name)
        #: Says that typed text matched no kommun; the caller puts it under the picker
        #: (or shows ``unmatched`` its own way). Unplaced, it is never shown.
        # A child of the picker until the caller puts it in a layout: a widget
        # without a parent outlives the application at exit, and Qt crashes then.
        self.message = PlainLabel(parent=self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Kommunen hittades inte"))
        self.message.hide()
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        # Our ranking decides the order; the completer only shows it.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(8)
        self.setCompleter(completer)
        # Both lists of names show the marks over Å, Ä and Ö ("Örebro", not "Orebro").
        give_accent_room(completer.popup())
        give_accent_room(self.view())
        completer.activated[str].connect(self._take_text)
        self.lineEdit().textEdited.connect(self._suggest)
        # Keys reach the combo, its line edit or the open list, depending on the platform.
        self.installEventFilter(self)
        self.lineEdit().installEventFilter(self)
        self.completer().popup().installEventFilter(self)
        self.currentIndexChanged.connect(lambda _i: self.message.hide())

    # -- what is chosen --------------------------------------------------------
    def code(self) -> str:
        """Return the chosen municipality's code, or "" for none."""
        # Typed text that names no municipality means none, whatever item is current.
        if self.currentText() != self.itemText(self.currentIndex()):
            return ""
        return self.currentData() or ""

    def set_code(self, code: str) -> None:
        """Choose the municipality with ``code`` ("" or an unknown code: none).

        What was typed goes, and the message about it: none chosen again by the
        caller (a new call) changes no index, so Qt would say nothing.
        """
        self.message.clear()
        self.message.hide()
        self.setCurrentIndex(max(0, self.findData(code)))
        self.setEditText(self.itemText(self.currentIndex()))

    def focus_next(self) -> None:
        """Move the focus to the next stop after the picker in the Tab order.

        Not ``nextInFocusChain()``: that is the picker's own line edit, whose focus
        goes straight back to the picker.
        """
        self.focusNextPrevChild(True)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # The combo has the focus, not its line edit (whose focus proxy it is), and
        # hands the event to the line edit directly: no event filter sees it, and the
        # line edit selects its text only for Tab and shortcuts. A page's own setFocus
        # (a call's report, the section shown by Ctrl+3) would leave the cursor after
        # "Välj barnets kommun…" and the typed name after it.
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.MouseFocusReason:
            QTimer.singleShot(0, self.lineEdit().selectAll)  # after the click places the cursor
        elif event.reason() != Qt.FocusReason.PopupFocusReason:
            self.lineEdit().selectAll()

    def suggestions(self) -> list[str]:
        """Return the suggestions for the text typed, the top one first."""
        return self._suggestions.stringList()

    # -- typing ----------------------------------------------------------------
    def _found(self, text: str) -> list[str]:
        kommuner = [k for k in kommun_data.search(text) if k.kod in self._offered]
        found = [kommun_text(k) for k in kommuner]
        # What "none" is called, typed ("alla" for Alla kommuner): none first, not Järfälla,
        # which only has "alla" inside it. A kommun whose name starts so stays first ("val").
        typed, label = kommun_data.fold(text), kommun_data.fold(self.itemText(0))
        if (
            typed
            and label.startswith(typed)
            and not any(kommun_data.fold(k.namn).startswith(typed) for k in kommuner)
        ):
            found.insert(0, self.itemText(0))
        return found

    def _suggest(self, text: str) -> None:
        found = self._found(text)
        self._suggestions.setStringList(found)
        if found:
            self.completer().setCompletionPrefix(text)
            # No row is made current: Qt would write it into the field while typing.
            # Enter takes the top row unless an arrow key chose another.
            self.completer().complete()
        else:
            self.completer().popup().hide()

    def _take_text(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)
            self.setEditText(self.itemText(index))

    def commit(self) -> None:
        """Take what is typed: the chosen or top suggestion, or none with a message."""
        text = self.currentText()
        if text == self.itemText(self.currentIndex()):
            return
        if not text.strip() or text == self.itemText(0):
            self.set_code("")
            return
        popup = self.completer().popup()
        chosen = popup.currentIndex() if popup.isVisible() else None
        found = self.suggestions() if self._suggestions.rowCount() else []
        if not found:
            found = self._found(text)
        popup.hide()
        if chosen is not None and chosen.isValid() and chosen.row() < len(found):
            self._take_text(found[chosen.row()])
        elif found:
            self._take_text(found[0])
        else:
            self.set_code("")
            self.message.setText(
                _("Ingen kommun matchar ”{t}”. Skriv början av namnet eller koden.").format(
                    t=text.strip()
                )
            )
            if self.message.parentWidget() is not self:  # placed by the caller
                self.message.show()
            self.unmatched.emit(text)
        self._suggestions.setStringList([])
        if self.lineEdit().hasFocus():
            self.lineEdit().selectAll()  # still here: typing again replaces, never appends

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            self.commit()
            if watched is self.completer().popup():
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.code():
                    self.accepted.emit()
                # Tab from the list moves on as it would from the field.
                if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                    self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.code():
                    self.accepted.emit()
                return True
        elif kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            # Esc takes back what was typed: the field shows again the kommun that is read.
            # With nothing typed it goes on to the window (Esc there leaves, or closes).
            if self.currentText() != self.itemText(self.currentIndex()):
                self.completer().popup().hide()
                self._suggestions.setStringList([])
                self.setEditText(self.itemText(self.currentIndex()))
                self.lineEdit().selectAll()
                return True
        elif watched is self.lineEdit() and kind == QEvent.Type.FocusOut:
            # The suggestion list taking the focus is not leaving the field.
            if event.reason() != Qt.FocusReason.PopupFocusReason:
                self.commit()
        elif watched is self.lineEdit() and kind == QEvent.Type.FocusIn:
            # Typing replaces the old kommun; once more after a click has placed the cursor.
            self.lineEdit().selectAll()
            if event.reason() == Qt.FocusReason.MouseFocusReason:
                QTimer.singleShot(0, self.lineEdit().selectAll)
        return super().eventFilter(watched, event)
