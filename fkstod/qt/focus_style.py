"""A focus frame you can see: 2–3 px, in a colour with strong contrast to the window.

Qt's styles mark the focus with a dotted line or a faint tint, easy to lose on a
busy screen or at large text. ``FocusFrameStyle`` wraps the application's style
and draws a solid frame around the control that has the keyboard focus: push
buttons, check boxes and radio buttons, tabs, line edits and combo boxes, and the
current item of a list (``PE_FrameFocusRect``), text boxes and lists as a whole (whose
frame is made 3 px wide, so that their text does not cover the focus frame), and a label
that takes Tab (read by screen readers: a group of counts, a status line). A style sheet would do it too,
but style sheets stop widgets from following the application font (the text size).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QProxyStyle,
    QStyle,
    QWidget,
)

#: Used when the palette's highlight is too faint against the window (contrast < 3:1).
DARK_FRAME = QColor(0, 70, 170)
LIGHT_FRAME = QColor(255, 200, 0)

_CONTROLS = (
    QStyle.ControlElement.CE_PushButton,
    QStyle.ControlElement.CE_CheckBox,
    QStyle.ControlElement.CE_RadioButton,
    QStyle.ControlElement.CE_TabBarTab,  # the current tab of a tab bar with the focus
)
_PRIMITIVES = (QStyle.PrimitiveElement.PE_FrameLineEdit,)


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def focus_colour(palette: QPalette) -> QColor:
    """Return the frame's colour: the highlight if it stands out, else dark or light."""
    window = palette.color(QPalette.ColorRole.Window)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    if contrast(highlight, window) >= 3.0:
        return highlight
    return DARK_FRAME if _luminance(window) > 0.2 else LIGHT_FRAME


def focus_width(widget: QWidget | None) -> int:
    """Return the frame's width: 2 px, 3 px at large text."""
    if widget is None:
        return 2
    return 3 if widget.fontMetrics().height() >= 24 else 2


def draw_focus_frame(painter: QPainter, rect: QRect, palette: QPalette, width: int) -> None:
    """Draw the focus frame just inside ``rect``."""
    painter.save()
    pen = QPen(focus_colour(palette))
    pen.setWidth(width)
    painter.setPen(pen)
    painter.setBrush(QColor(0, 0, 0, 0))
    half = width // 2
    painter.drawRect(rect.adjusted(half, half, -half - (width % 2), -half - (width % 2)))
    painter.restore()


#: The widest frame (large text): a text box or a list keeps this much room for it.
WIDEST_FRAME = 3


def _framed_for_focus(widget: QWidget | None) -> bool:
    return (
        isinstance(widget, QAbstractScrollArea) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
    )


class FocusFrameStyle(QProxyStyle):
    """The application's style, with a solid, well-contrasted focus frame."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_DefaultFrameWidth and _framed_for_focus(widget):
            # The text or the rows are painted inside the frame's width: with the style's
            # 1 px they would cover all of the focus frame but its outer pixel.
            return max(value, WIDEST_FRAME)
        return value

    def drawControl(self, element, option, painter, widget=None) -> None:
        super().drawControl(element, option, painter, widget)
        if element in _CONTROLS and option.state & QStyle.StateFlag.State_HasFocus:
            draw_focus_frame(painter, option.rect, option.palette, focus_width(widget))
        elif (
            element == QStyle.ControlElement.CE_ShapedFrame
            and (_framed_for_focus(widget) or isinstance(widget, QLabel))
            and widget is not None
            and widget.hasFocus()
        ):
            # A text box (the note) or a list: the frame around the whole field. A label
            # that takes Tab (a group of counts, for screen readers): around its text.
            draw_focus_frame(painter, option.rect, option.palette, focus_width(widget))

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            # Lists and views mark their current item with this: a solid frame instead.
            draw_focus_frame(painter, option.rect, option.palette, focus_width(widget))
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in _PRIMITIVES and option.state & QStyle.StateFlag.State_HasFocus:
            draw_focus_frame(painter, option.rect, option.palette, focus_width(widget))

    def drawComplexControl(self, control, option, painter, widget=None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if (
            control == QStyle.ComplexControl.CC_ComboBox
            and widget is not None
            and (widget.hasFocus() or widget.isAncestorOf(QApplication.focusWidget()))
        ):
            draw_focus_frame(painter, option.rect, option.palette, focus_width(widget))


def install_focus_style(app: QApplication) -> None:
    """Give the application the focus frame (once; the style it had stays underneath)."""
    if isinstance(app.style(), FocusFrameStyle):
        return
    app.setStyle(FocusFrameStyle(app.style().name()))
