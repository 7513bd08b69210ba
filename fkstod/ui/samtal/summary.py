"""The end of a flow: the closing words, the path taken, and the case-file note to edit and copy.

Signals:
    copy_requested(str): "Kopiera anteckning" with the note as edited.
    back_requested(): back to the last step (Alt+Left).
    new_requested(): "Nytt samtal" (its key, Ctrl+N, is the page's: it works in every view).
    (The summary's keys work wherever the focus is in the window while it is shown.)
    orosanmalan_requested(): "Skriv orosanmälan" (Alt+R), shown when the path says a
        report of concern is needed.

The closing words and the path scroll: a long call (40 steps, jumps, large text)
never makes the window taller, and the note and its buttons stay in view.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.flows.note_rule import TRAINING_MARK, marked_for_training
from fkstod.core.flows.session import PathLine
from fkstod.core.flows.text import keep_numbers_together
from fkstod.ui.samtal.note_edit import NoteEdit
from fkstod.ui.widgets.plain_label import PlainLabel
from fkstod.ui.widgets.scroll_area import VerticalScrollArea
from fkstod.ui.widgets.status_label import StatusLabel
from fkstod.ui.widgets.wrap_layout import WrapLayout


def _lower_first(label: str) -> str:
    # After "Utfall:" the labels run on in one line: lower case, as Swedish goes on
    # after a colon; an abbreviation such as "SOS" keeps its capitals.
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


class FlowSummary(QWidget):
    """What happened, and a neutral note the caseworker edits before copying."""

    copy_requested = Signal(str)
    back_requested = Signal()
    new_requested = Signal()
    orosanmalan_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Sammanfattning"))
        self._written = ""
        self._copied: str | None = None
        self.closing = QLabel()
        self.closing.setWordWrap(True)
        self.closing.setAccessibleName(self.tr("Avslutande ord"))
        self.path = QLabel()
        self.path.setWordWrap(True)
        self.path.setAccessibleName(self.tr("Vägen genom flödet"))
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Alt+T: Alt+A belongs to the Arkiv menu. Alt+T also opens the locked note.
        self.note_label = note_label = QLabel()
        note_label.setWordWrap(True)
        self._kept: str | None = None
        self._written = ""
        self._copied: str | None = None
        # Locked until the caseworker goes to it: an answer key too many stays out of it.
        self.note = NoteEdit()
        self.note.setAccessibleName(self.tr("Anteckning till akten"))
        self.note.setTabChangesFocus(True)
        self.note.locked_changed.connect(self._show_lock)
        self.note.typed_while_locked.connect(self._tell_how_to_write)
        self.note.back_requested.connect(self.back_requested)
        note_label.setBuddy(self.note)
        # The label's Alt+T gives the note the focus; when it has it already, no focus
        # event comes: the key itself opens the note.
        note_label.installEventFilter(self)
        self._show_lock(self.note.locked)
        self.copied = StatusLabel()
        self.copied.setAccessibleName(self.tr("Status"))
        # A call in Övningsläge: its note is a practice note, said above it and in its
        # first line (which a copy always carries), also once the mode is switched off.
        self._training = False
        self.training_mark = PlainLabel(TRAINING_MARK)
        self.training_mark.setObjectName("training_mark")
        self.training_mark.setAccessibleName(self.tr("Övningsanteckning"))
        self.training_mark.setWordWrap(True)
        self.training_mark.setStyleSheet(
            "QLabel#training_mark { background: #ffd400; color: #000000; font-weight: bold;"
            " padding: 4px; border: 2px dashed #000000; }"
        )
        self.training_mark.hide()

        self.copy_button = QPushButton(self.tr("&Kopiera anteckning (Ctrl+Skift+C)"))
        self.copy_button.setAccessibleName(self.tr("Kopiera anteckning"))
        self.copy_button.clicked.connect(self._copy)
        self.back_button = QPushButton(self.tr("← Tillbaka (Alt+Vänsterpil)"))
        self.back_button.setAccessibleName(self.tr("Tillbaka till sista steget"))
        self.back_button.clicked.connect(self.back_requested)
        self.new_button = QPushButton(self.tr("&Nytt samtal (Ctrl+N)"))
        self.new_button.setAccessibleName(self.tr("Nytt samtal"))
        self.new_button.clicked.connect(self.new_requested)
        # Prominent, above the note, when a report of concern is needed.
        self.report_button = QPushButton(self.tr("Skriv orosanmälan (Alt+R)"))
        self.report_button.setAccessibleName(self.tr("Skriv orosanmälan"))
        self.report_button.setToolTip(
            self.tr("Öppna Orosanmälan med samtalets kommun och förmån (Alt+R)")
        )
        font = self.report_button.font()
        font.setBold(True)
        self.report_button.setFont(font)
        self.report_button.clicked.connect(self.orosanmalan_requested)
        self.report_button.hide()
        for keys, slot in (
            ("Ctrl+Shift+C", self._copy),
            ("Alt+Left", self.back_requested.emit),
            ("Alt+R", self._report),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            # Wherever the focus is (the kommun, a jump button, the note): the summary's
            # keys are the window's while it is shown, and nothing while it is not.
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        # The buttons wrap onto a second row in a narrow window or at large text.
        buttons = WrapLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.back_button)
        told = QWidget()
        told_layout = QVBoxLayout(told)
        told_layout.setContentsMargins(0, 0, 0, 0)
        told_layout.addWidget(QLabel(self.tr("<h2>Sammanfattning</h2>")))
        told_layout.addWidget(self.closing)
        told_layout.addWidget(self.path)
        told_layout.addStretch(1)
        self.scroll = VerticalScrollArea(told)
        self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 4)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.report_button)
        layout.addWidget(self.training_mark)
        layout.addWidget(note_label)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.copied)
        layout.addLayout(buttons)

    def show_summary(
        self,
        closing: str,
        path: list[PathLine],
        outcomes: list[str],
        note: str,
        report_needed: bool = False,
        training: bool = False,
    ) -> None:
        """Show the end: closing words to say, the path, the outcomes and the note.

        ``report_needed`` shows "Skriv orosanmälan" (Alt+R). ``training``: the call was
        in Övningsläge; the note is marked as a practice note, and so is every copy.
        """
        self.report_button.setVisible(report_needed)
        self._training = training
        self.training_mark.setVisible(training)
        self.note.outgoing = marked_for_training if training else str
        self.closing.setText(
            f'<p style="font-size:x-large">{html.escape(keep_numbers_together(closing))}</p>'
            if closing
            else ""
        )
        rows = "".join(
            f"<li>{'↳ ' if line.in_jump else ''}{html.escape(line.step_title)}"
            + (f" → <i>{html.escape(line.answer)}</i>" if line.answer else "")
            + "</li>"
            for line in path
        )
        codes = ", ".join(html.escape(_lower_first(o)) for o in outcomes) or self.tr("inga")
        self.path.setText(
            f"<p><b>{self.tr('Vägen:')}</b></p><ol>{rows}</ol>"
            f"<p><b>{self.tr('Utfall:')}</b> {codes}</p>"
        )
        self._written = note
        # An edit kept across a detour (a jump or a step back from the end) wins over the
        # note written anew: the caseworker's words exist nowhere else.
        self.note.setPlainText(self._kept if self._kept is not None else note)
        if self._kept is not None:
            self.note.unlock()  # the caseworker was writing in it before the detour
        else:
            self.note.lock()
        self._kept = None
        self._copied: str | None = None
        self.copied.clear()
        self.scroll.verticalScrollBar().setValue(0)
        # The note is what is left to do: read it, change it, copy it (Ctrl+Skift+C).
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def tab_order(self) -> list[QWidget]:
        """Return the controls in the order Tab visits them: top to bottom."""
        return [
            *([self.report_button] if self.report_button.isVisibleTo(self) else []),
            self.note,
            self.copy_button,
            self.new_button,
            self.back_button,
        ]

    def is_edited(self) -> bool:
        """Return True when the note has been changed and not copied since."""
        if self._kept is not None:
            return True
        return self.note.toPlainText() not in (self._written, self._copied)

    def keep_edits(self) -> None:
        """Keep an edited note while the caseworker leaves the end for a moment."""
        if self.is_edited():
            self._kept = self.note.toPlainText()

    def forget(self) -> None:
        """Drop the note, any kept edit and the path shown (a new conversation)."""
        self._kept = None
        self._written = ""
        self._copied = None
        self.note.clear()
        self.note.lock()
        self.closing.clear()
        self.path.clear()  # the answers given: nothing of the last call stays
        self.copied.clear()
        self._training = False
        self.training_mark.hide()
        self.note.outgoing = str

    def _copy(self) -> None:
        if self._training:
            text = self.note.toPlainText()
            marked = marked_for_training(text)
            if marked != text:  # the mark was edited away: a copy carries it all the same
                self.note.setPlainText(marked)
        self._copied = self.note.toPlainText()
        self.copy_requested.emit(self._copied)
        self.copied.setText(self.tr("Anteckningen är kopierad. Klistra in den i ärendet."))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note_label and event.type() == QEvent.Type.Shortcut:
            self.note.unlock()
        return super().eventFilter(watched, event)

    def _show_lock(self, locked: bool) -> None:
        self.note_label.setText(
            self.tr("Anteckning till ak&ten (tryck Alt+T för att ändra):")
            if locked
            else self.tr("Anteckning till ak&ten (ändra innan du kopierar):")
        )

    def _tell_how_to_write(self) -> None:
        self.copied.setText(
            self.tr("Anteckningen ändras bara när du väljer det: tryck Alt+T eller klicka i den.")
        )

    def _report(self) -> None:
        if self.report_button.isVisibleTo(self):
            self.report_button.click()
