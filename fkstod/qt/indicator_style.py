"""Check boxes whose box grows with the text.

Qt draws a check box's box at a fixed pixel size: at large text a tiny square
beside big words, hard to see and to hit. A style sheet (``1em``) would do it,
but style sheets stop a widget from following the application font, which is
how the text size is set (``fkstod.qt.text_scale``). So a proxy style sizes the
box by the widget's font.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QStyle, QStyleOption, QWidget

from fkstod.qt.focus_style import FocusFrameStyle

_SIZES = (QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight)


class ScaledIndicatorStyle(FocusFrameStyle):
    """The application's style, with a check box as tall as a line of the widget's text.

    It keeps the application's focus frame (``FocusFrameStyle``).
    """

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        base = super().pixelMetric(metric, option, widget)
        if metric in _SIZES and widget is not None:
            return max(base, widget.fontMetrics().height())
        return base


def scale_indicators(root: QWidget) -> None:
    """Give every check box inside ``root`` a box that follows the text size."""
    for box in root.findChildren(QCheckBox):
        style = ScaledIndicatorStyle()
        style.setParent(box)  # lives as long as the box it draws
        box.setStyle(style)


def scale_item_indicators(view: QAbstractItemView) -> None:
    """Give the check boxes of ``view``'s rows a box that follows the text size.

    An item view asks its style for the same metrics as a check box does.
    """
    style = ScaledIndicatorStyle()
    style.setParent(view)
    view.setStyle(style)
