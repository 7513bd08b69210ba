"""One guardian in the orosanmälan form.

Signals:
    changed(): something was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from fkstod.core.orosanmalan import Guardian
from fkstod.ui.orosanmalan.left_out import protect_group
from fkstod.ui.widgets.named_line_edit import named_line_edit


class GuardianEditor(QGroupBox):
    """Name, relation to the child, address and phone of one guardian."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.namn = self._line(self.tr("%1, namn").replace("%1", title))
        self.relation = self._line(
            self.tr("%1, relation till barnet").replace("%1", title), self.tr("Till exempel mamma")
        )
        self.adress = self._line(self.tr("%1, adress").replace("%1", title))
        self.telefon = self._line(self.tr("%1, telefon").replace("%1", title))
        self._form = QFormLayout(self)
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._form.addRow(self.tr("Namn:"), self.namn)
        self._form.addRow(self.tr("Relation:"), self.relation)
        self._form.addRow(self.tr("Adress:"), self.adress)
        self._form.addRow(self.tr("Telefon:"), self.telefon)
        self.setAccessibleName(title)

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        return named_line_edit(name, placeholder, self.changed)

    def set_protected(self, protected: bool) -> None:
        """Disable and name as left out address and phone; what was typed stays."""
        protect_group("vardnadshavare", self.widget_for, protected)

    def widget_for(self, name: str) -> QWidget | None:
        """Return the input of field ``name``."""
        widget = getattr(self, name, None)
        return widget if isinstance(widget, QLineEdit) else None

    def guardian(self) -> Guardian:
        """Return what is filled in."""
        return Guardian(
            namn=self.namn.text(),
            relation=self.relation.text(),
            adress=self.adress.text(),
            telefon=self.telefon.text(),
        )

    def clear(self) -> None:
        """Empty every field."""
        for edit in (self.namn, self.relation, self.adress, self.telefon):
            edit.clear()
