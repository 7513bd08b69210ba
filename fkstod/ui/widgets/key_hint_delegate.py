"""A list row that shows its key under its name: "Samtalsstöd" over "Ctrl+1".

Under, not beside: the section list is as narrow as its longest name, and the
window must stay narrow enough for a small screen and compact mode.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

#: The item data role that holds the key text.
KEY_ROLE = Qt.ItemDataRole.UserRole + 7
Index = QModelIndex | QPersistentModelIndex


class KeyHintDelegate(QStyledItemDelegate):
    """Draws the item's text with its key (``KEY_ROLE``) on a second line."""

    def _option(self, option: QStyleOptionViewItem, index: Index) -> QStyleOptionViewItem:
        # A copy to change: PySide hands initStyleOption a copy, so overriding it is not enough.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        keys = index.data(KEY_ROLE)
        if keys:
            opt.text = f"{opt.text}\u2028{keys}"  # a line separator, as Qt uses for "\n"
        return opt

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = self._option(option, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        opt = self._option(option, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), opt.widget)
