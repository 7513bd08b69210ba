"""Text size: the application font's scale.

``apply_text_scale`` sets the application font; every widget follows it unless
it sets its own size. Check boxes whose box grows with the text are in
``fkstod.qt.indicator_style`` (a style: not needed by the first frame).
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

_BASE_POINT_SIZE: float | None = None


def apply_text_scale(scale: float) -> None:
    """Scale the application font; every widget follows unless it sets its own size."""
    global _BASE_POINT_SIZE
    app = QApplication.instance()
    if app is None:
        return
    if _BASE_POINT_SIZE is None:
        _BASE_POINT_SIZE = app.font().pointSizeF() or 10.0
    font = QFont(app.font())
    font.setPointSizeF(_BASE_POINT_SIZE * scale)
    app.setFont(font)


def text_scale() -> float:
    """Return the scale the application font has now (1.0 before any was applied)."""
    app = QApplication.instance()
    if app is None or not _BASE_POINT_SIZE:
        return 1.0
    return QApplication.font().pointSizeF() / _BASE_POINT_SIZE
