"""The part of the orosanmälan form that is about one child.

Signals:
    changed(): something was typed or chosen.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from fkstod.core.orosanmalan import KANNEDOM, Child
from fkstod.ui.orosanmalan.left_out import protect_group
from fkstod.ui.widgets.named_line_edit import named_line_edit


class ChildEditor(QWidget):
    """Name, personnummer, address, school, where the child is now, and what they know."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.namn = self._line(self.tr("Barnets namn"), self.tr("För- och efternamn"))
        self.personnummer = self._line(
            self.tr("Personnummer eller födelsedatum"),
            self.tr("ÅÅÅÅMMDD-NNNN"),
        )
        # The hint in the field is short enough to show whole in a narrow pane.
        self.personnummer.setToolTip(
            self.tr("Personnummer som ÅÅÅÅMMDD-NNNN, eller bara födelsedatum som ÅÅÅÅ-MM-DD")
        )
        self.adress = self._line(self.tr("Barnets adress"), self.tr("Gata, postnummer, ort"))
        self.skola = self._line(self.tr("Skola eller förskola"), self.tr("Namn och gärna klass"))
        self.vistelse = self._line(self.tr("Var barnet är nu"), self.tr("Till exempel i skolan"))
        self.kanner_till = QComboBox()
        self.kanner_till.setAccessibleName(self.tr("Känner barnet till anmälan?"))
        for code, label in KANNEDOM.items():
            self.kanner_till.addItem(label, code)
        self.kanner_till.currentIndexChanged.connect(self.changed)

        self._form = QFormLayout(self)

        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._form.addRow(self.tr("&Namn:"), self.namn)
        self._form.addRow(self.tr("&Personnummer:"), self.personnummer)
        self._form.addRow(self.tr("Adress:"), self.adress)
        self._form.addRow(self.tr("&Skola:"), self.skola)
        self._form.addRow(self.tr("Var är barnet nu?"), self.vistelse)
        self._form.addRow(self.tr("Vet &barnet om anmälan?"), self.kanner_till)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        return named_line_edit(name, placeholder, self.changed)

    def inputs(self) -> list[QWidget]:
        """Return the inputs in reading order (the order Tab follows)."""
        return [
            self.namn,
            self.personnummer,
            self.adress,
            self.skola,
            self.vistelse,
            self.kanner_till,
        ]

    def set_protected(self, protected: bool) -> None:
        """Disable and name as left out where the child can be found; what was typed stays."""
        protect_group("barn", self.widget_for, protected)

    def child(self) -> Child:
        """Return what is filled in."""
        return Child(
            namn=self.namn.text(),
            personnummer=self.personnummer.text(),
            adress=self.adress.text(),
            skola=self.skola.text(),
            vistelse=self.vistelse.text(),
            kanner_till=self.kanner_till.currentData() or "vet_ej",
        )

    def widget_for(self, name: str) -> QWidget | None:
        """Return the input of field ``name`` (for moving the focus to a problem)."""
        widget = getattr(self, name, None)
        return widget if isinstance(widget, QWidget) else None
