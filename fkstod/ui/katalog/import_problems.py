"""The rows an import could not take, shown until the user closes the list.

Signals:
    closed(): the user closed the list (its button, Alt+G, or Esc inside it).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.plural import count_text
from fkstod.ui.widgets.plain_label import PlainLabel


class DirectoryImportProblems(QFrame):
    """A heading, every bad row as ``path:line: column: message``, and a close button."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Fel i importfilen"))
        self.heading = PlainLabel()
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName(self.tr("Sammanfattning av felen"))
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        # Paths are long: wrap anywhere rather than hide the message off to the right.
        self.view.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.view.setAccessibleName(self.tr("Fel i importfilen, ett per rad"))
        self.close_button = QPushButton(self.tr("Stän&g"))
        self.close_button.setAccessibleName(self.tr("Stäng listan med fel"))
        self.close_button.setToolTip(self.tr("Stäng listan med fel (Alt+G, eller Esc i listan)"))
        self.close_button.clicked.connect(self.close_list)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_list)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)
        self._fit_to_font()
        self.hide()

    def changeEvent(self, event) -> None:
        # Eight lines of the user's text size, whatever that is now.
        if event.type() == event.Type.FontChange:
            self._fit_to_font()
        super().changeEvent(event)

    def _fit_to_font(self) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.view.setMaximumHeight(self.view.fontMetrics().lineSpacing() * 8)

    def show_problems(self, problems: Sequence[str]) -> None:
        """Show every problem, and move the keyboard into the list."""
        self.heading.setText(
            self.tr(
                "{n} fel i filen – ingenting har ändrats. Rätta raderna och importera igen."
            ).replace("{n}", count_text(len(problems)))
        )
        self.view.setPlainText("\n".join(problems))
        self.show()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        """Return the heading and the problems as shown."""
        return self.heading.text() + "\n" + self.view.toPlainText()

    def close_list(self) -> None:
        """Hide the list; the page decides where the keyboard goes next."""
        self.hide()
        self.closed.emit()
