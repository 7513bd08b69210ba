"""The app-wide Övningsläge flag: one object, made in ``fkstod/app.py``, passed to who needs it.

While it is on nothing is counted (``app.py`` turns the window's usage recorder
into a training recorder), every report is marked "ÖVNING – fiktivt fall" on every
page and in its file name, and the window shows a banner and says so in its title.
Sections get this object, never each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class TrainingMode(QObject):
    """Whether Övningsläge is on.

    Signals:
        changed(bool): the mode was switched on (True) or off (False).
    """

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on = False

    @property
    def on(self) -> bool:
        """Return True while Övningsläge is on."""
        return self._on

    def set_on(self, on: bool) -> None:
        """Switch the mode on or off (tells ``changed`` only when it changes)."""
        on = bool(on)
        if on != self._on:
            self._on = on
            self.changed.emit(on)

    def toggle(self) -> None:
        """Switch the mode over."""
        self.set_on(not self._on)
