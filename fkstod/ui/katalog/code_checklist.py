"""Målgrupper, Våldsformer and Språk in the entry editor: several codes, by Swedish name.

Arrow keys move, Space ticks. Both give and take the same
comma-separated text as the import, so the editor and the import share one check
(``entry_from_fields``). A value the list does not know (an old entry's) is kept
as a ticked row of its own, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from fkstod.core.directory.validate import split_list
from fkstod.qt.indicator_style import scale_item_indicators
from fkstod.ui.widgets.accent_room import give_accent_room

CODE_ROLE = Qt.ItemDataRole.UserRole
#: Rows in sight before a checklist scrolls.
VISIBLE_ROWS = 5


class CodeChecklist(QListWidget):
    """Several codes, ticked by their Swedish names."""

    def __init__(self, names: Mapping[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        give_accent_room(self)
        scale_item_indicators(self)  # large text: a box as tall as the row's words
        for code, name in names.items():
            self._add(code, name)
        self._fit()

    def _add(self, code: str, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setData(CODE_ROLE, code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.addItem(item)
        return item

    def _fit(self) -> None:
        row = self.sizeHintForRow(0) if self.count() else self.fontMetrics().lineSpacing()
        self.setFixedHeight(row * min(VISIBLE_ROWS, max(self.count(), 1)) + 2 * self.frameWidth())

    def codes(self) -> list[str]:
        """Return the ticked codes, in list order."""
        return [
            self.item(i).data(CODE_ROLE)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def value(self) -> str:
        """Return the ticked codes as the import writes them: "kvinnor, barn"."""
        return ", ".join(self.codes())

    def set_value(self, text: str) -> None:
        """Tick the codes in ``text`` (comma-separated) and untick the others."""
        wanted = list(split_list(text))
        for extra in [w for w in wanted if w not in self._all_codes()]:
            self._add(extra, extra)
        for i in range(self.count()):
            item = self.item(i)
            checked = item.data(CODE_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._fit()

    def _all_codes(self) -> set[str]:
        return {self.item(i).data(CODE_ROLE) for i in range(self.count())}

    def keyPressEvent(self, event) -> None:
        # Space ticks the current row whatever the style does with it.
        if event.key() == Qt.Key.Key_Space and self.currentItem() is not None:
            item = self.currentItem()
            done = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if done else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if self.currentRow() < 0 and self.count():
            self.setCurrentRow(0)


def language_names(known: Iterable[str]) -> dict[str, str]:
    """Return languages as (stored, shown) pairs: "arabiska" is shown "Arabiska"."""
    return {name: name[:1].upper() + name[1:] for name in sorted(set(known))}
