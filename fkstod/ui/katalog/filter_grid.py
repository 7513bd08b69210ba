"""The directory's filters, labelled, in as many columns as the text size allows.

At normal text size three filters sit on a row; at large text, or in a narrow
window, two or one, so that no choice is cut off.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QStyle, QStyleOptionComboBox, QWidget


class DirectoryFilterGrid(QWidget):
    """Label and combo box pairs on a grid that reflows when text size or width changes."""

    def __init__(self, pairs: Sequence[tuple[str, QComboBox]], parent: QWidget | None = None):
        super().__init__(parent)
        self.pairs: list[tuple[QLabel, QComboBox]] = []
        for text, combo in pairs:
            label = QLabel(text)
            label.setBuddy(combo)
            self.pairs.append((label, combo))
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.columns = 0
        self.arrange(3)

    def arrange(self, columns: int) -> None:
        """Put the pairs on rows of ``columns`` pairs, in reading order."""
        if columns == self.columns:
            return
        for label, combo in self.pairs:
            self.grid.removeWidget(label)
            self.grid.removeWidget(combo)
        for column in range(2 * max(columns, self.columns)):
            self.grid.setColumnStretch(column, 0)
        for index, (label, combo) in enumerate(self.pairs):
            row, column = divmod(index, columns)
            self.grid.addWidget(label, row, 2 * column)
            self.grid.addWidget(combo, row, 2 * column + 1)
        self.columns = columns
        self._share()

    def _share(self) -> None:
        # Room shared by what each column's longest choice needs: shared equally, the
        # column of "Inget särskilt behov" was cut while another had room to spare. A
        # stretch, not a minimum width, so the window may still narrow (and reflow).
        for column in range(self.columns):
            in_column = self.pairs[column :: self.columns]
            widest = max(self._comfortable_width(combo) for _label, combo in in_column)
            self.grid.setColumnStretch(2 * column + 1, widest)

    def _comfortable_width(self, combo: QComboBox) -> int:
        # The whole widget around its longest short choice ("Inget särskilt behov").
        text = max((combo.itemText(0), combo.currentText()), key=len)
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        content = QSize(combo.fontMetrics().horizontalAdvance(text), combo.sizeHint().height())
        return (
            combo.style()
            .sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, content, combo)
            .width()
        )

    def width_for(self, columns: int) -> int:
        """Return the width the pairs need on rows of ``columns``."""
        spacing = max(self.grid.horizontalSpacing(), 0)
        total = spacing * (2 * columns - 1)
        for column in range(columns):
            in_column = self.pairs[column::columns]
            total += max(label.sizeHint().width() for label, _combo in in_column)
            total += max(self._comfortable_width(combo) for _label, combo in in_column)
        return total

    def fit(self) -> None:
        """Use the most columns that fit the current width."""
        self._share()  # the text size may have changed since
        for columns in (3, 2):
            if self.width_for(columns) <= self.width():
                self.arrange(columns)
                return
        self.arrange(1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self.fit()
