"""The way back to the call, for a section opened from Samtalsstöd.

A row above the section: "Tillbaka till samtalet" (Alt+Left) and the call's
jump keys (F5–F8) as buttons, so that they stay in sight while the caseworker
reads out a number. The keys themselves are the window's and work anyway.

Signals:
    back_requested(): the caseworker asked to go back (the button or Alt+Left).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from fkstod.core.i18n import _

#: One jump: its key ("F5"), its title, what to call.
Jump = tuple[str, str, Callable[[], object]]
BACK_KEY = "Alt+Left"


class CallBar(QWidget):
    """Hidden until ``offer`` is called; hidden again when the caseworker goes back."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Samtalet pågår"))
        # Named with its key from the start (``offer`` names where it leads).
        self.back_button = QPushButton(f"← {_('Tillbaka')} (Alt+Vänsterpil)")
        self.back_button.setAccessibleName(_("Tillbaka"))
        self.back_button.clicked.connect(self.go_back)
        self.jump_buttons: list[QPushButton] = []
        self._back: Callable[[], object] | None = None
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addWidget(self.back_button)
        self._row.addStretch(1)
        self.hide()

    def install_shortcut(self, scope: QWidget) -> None:
        """Make Alt+Left go back wherever the focus is inside ``scope`` (while offered)."""
        shortcut = QShortcut(QKeySequence(BACK_KEY), scope)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setWhatsThis(_("Tillbaka till samtalet"))  # for Hjälp → Kortkommandon
        shortcut.activated.connect(lambda: self.go_back() if self.isVisibleTo(scope) else None)

    def offer(self, label: str, back: Callable[[], object], jumps: Sequence[Jump] = ()) -> None:
        """Show the way back (``label``, e.g. "Tillbaka till samtalet") and the jumps."""
        self._back = back
        self.back_button.setText(f"← {label} (Alt+Vänsterpil)")
        self.back_button.setAccessibleName(label)
        self.back_button.setToolTip(f"{label} (Alt+Vänsterpil)")
        for button in self.jump_buttons:
            self._row.removeWidget(button)
            button.deleteLater()
        self.jump_buttons = []
        for key, title, slot in jumps:
            button = QPushButton(f"{title} ({key})")
            button.setAccessibleName(title)
            button.clicked.connect(lambda _=False, s=slot: s())
            self._row.insertWidget(self._row.count() - 1, button)
            self.jump_buttons.append(button)
        self.show()

    def withdraw(self) -> None:
        """Hide the bar without going back: the section is no longer the call's."""
        self._back = None
        self.hide()

    def go_back(self) -> None:
        """Hide the bar and go back to where the section was opened from."""
        back, self._back = self._back, None
        self.hide()
        if back is not None:
            back()
