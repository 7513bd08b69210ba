"""List rows with room for the dots over Ö, the ring over Å and the dots over Ä.

Those marks over a capital reach above the font's ascent, so a row exactly as
high as its lines (Qt's own size for a list item) cuts them off: "Övning" reads
"Ovning" at the top of a row. ``AccentRoom`` gives every row that room above and
below; Qt still paints the row itself, centred in it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

#: The capitals whose marks reach highest.
CAPITALS = "ÅÄÖ"


def accent_overshoot(metrics: QFontMetrics) -> int:
    """Return how many pixels the marks over Å, Ä and Ö reach above the font's ascent."""
    return max(0, -metrics.tightBoundingRect(CAPITALS).top() - metrics.ascent())


class AccentRoom(QStyledItemDelegate):
    """Qt's own rows, each taller by what accents over capitals need above and below."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._room: dict[tuple[int, int], int] = {}  # (ascent, height) of a font -> room

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        metrics = option.fontMetrics
        key = (metrics.ascent(), metrics.height())
        room = self._room.get(key)
        if room is None:
            room = self._room[key] = accent_overshoot(metrics)
        return QSize(size.width(), size.height() + 2 * room)


def give_accent_room(view: QAbstractItemView) -> None:
    """Let ``view``'s rows show the marks over Å, Ä and Ö (see the module)."""
    view.setItemDelegate(AccentRoom(view))
