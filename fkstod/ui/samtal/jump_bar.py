"""The global jumps, always visible: Akut fara, Barn berörs, Berättar om våld, Kan inte prata nu.

Signals:
    jump_requested(str): the id of the jump flow to enter (a button was clicked).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from fkstod.core.flows.model import GLOBAL_JUMPS
from fkstod.ui.widgets.plain_label import plain_tooltip

#: The key for each jump; function keys, since 1–9 answer questions. The window
#: owns these keys (app.py), so that they work in every section; the bar shows them.
JUMP_KEYS: dict[str, str] = {
    "akut-fara": "F5",
    "barn-berors": "F6",
    "berattar-om-vald": "F7",
    "kan-inte-prata": "F8",
}


class FlowJumpBar(QWidget):
    """A button per global jump, with its function key; two rows when narrow."""

    jump_requested = Signal(str)

    def __init__(self, titles: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Hopp som alltid finns"))
        self.buttons: dict[str, QPushButton] = {}
        for flow_id in GLOBAL_JUMPS:
            title = titles.get(flow_id)
            if title is None:
                continue  # a broken jump flow is listed as unavailable, not offered
            key = JUMP_KEYS[flow_id]
            button = QPushButton(f"{title} ({key})", self)
            button.setAccessibleName(title)
            button.setAccessibleDescription(self.tr("Snabbtangent %1").replace("%1", key))
            button.setToolTip(
                plain_tooltip(self.tr("%1 – nås från varje steg").replace("%1", title))
            )
            button.clicked.connect(lambda _=False, f=flow_id: self.jump_requested.emit(f))
            self.buttons[flow_id] = button
        self.set_compact(False)

    def set_compact(self, compact: bool) -> None:
        """Lay the buttons out in one row, or two rows of two in a narrow window."""
        layout = QGridLayout() if compact else QHBoxLayout()
        old = self.layout()
        if old is not None:
            for button in self.buttons.values():
                old.removeWidget(button)
            QWidget().setLayout(old)  # Qt's way to drop a layout: give it to a throwaway
        for n, button in enumerate(self.buttons.values()):
            if compact:
                layout.addWidget(button, n // 2, n % 2)
            else:
                layout.addWidget(button)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setLayout(layout)
        self.updateGeometry()  # a new layout does not tell the parent's layout by itself
