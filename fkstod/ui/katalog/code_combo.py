"""Kategori in the entry editor: one code, chosen by its Swedish name.

It gives and takes the code as the import writes it, so the editor and the
import share one check; a code the list does not know (an old entry's) is kept.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QWidget


class CodeCombo(QComboBox):
    """One code, chosen by its Swedish name; the first row means none."""

    def __init__(self, names: Mapping[str, str], none: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.addItem(none, "")
        for code, name in names.items():
            self.addItem(name, code)

    def value(self) -> str:
        """Return the chosen code ("" for none)."""
        return self.currentData() or ""

    def set_value(self, text: str) -> None:
        """Choose the code ``text`` (a code not in the list is added, so it is kept)."""
        code = text.strip()
        if code and self.findData(code) < 0:
            self.addItem(code, code)
        self.setCurrentIndex(max(0, self.findData(code)))
