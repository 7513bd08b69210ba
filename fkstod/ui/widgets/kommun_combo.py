"""Pick one of the 290 municipalities by typing part of its name or code."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from fkstod.core.kommuner import Kommun


class KommunCombo(QComboBox):
    """An editable list of municipalities; the first item means none.

    Args:
        kommuner: the municipalities to offer.
        name: the accessible name (also given to the line edit a screen reader lands on).
        none_label: the text of the first item, which stands for no municipality.
    """

    def __init__(
        self, kommuner: Iterable[Kommun], name: str, none_label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.addItem(none_label, "")
        for k in sorted(kommuner, key=lambda k: k.namn):
            self.addItem(f"{k.namn} ({k.kod})", k.kod)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setAccessibleName(name)
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "1280" and "malm" both find Malmö
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def code(self) -> str:
        """Return the chosen municipality's code, or "" for none."""
        # Typed text that names no municipality means none, whatever item is current.
        if self.currentText() != self.itemText(self.currentIndex()):
            return ""
        return self.currentData() or ""
