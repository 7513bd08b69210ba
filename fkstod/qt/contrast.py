"""Readable placeholder text: a hint such as "ÅÅÅÅ-MM-DD" carries the format to type.

Qt's placeholder colour is a pale grey (about 2:1 on white), too faint for a
hint that says how to write a date or a number. ``readable_placeholders`` gives
the application palette a placeholder colour between text and background with
at least WCAG's 4.5:1 contrast, still lighter than typed text.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

#: WCAG 2.1, 1.4.3: the least contrast for ordinary text.
MIN_CONTRAST = 4.5


def luminance(color: QColor) -> float:
    """Return the relative luminance of ``color`` (WCAG 2.1)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * share_of_b,
        a.greenF() + (b.greenF() - a.greenF()) * share_of_b,
        a.blueF() + (b.blueF() - a.blueF()) * share_of_b,
    )


def readable_placeholder(text: QColor, base: QColor) -> QColor:
    """Return the palest mix of ``text`` towards ``base`` that keeps 4.5:1 on ``base``."""
    best = QColor(text)
    for step in range(1, 20):
        candidate = _mix(text, base, step / 20)
        if contrast(candidate, base) < MIN_CONTRAST:
            break
        best = candidate
    return best


def shown_over(color: QColor, base: QColor) -> QColor:
    """Return ``color`` as seen over ``base``: Qt's placeholder is the text, half transparent."""
    return _mix(base, color, color.alphaF())


def readable_placeholders(app: QGuiApplication) -> None:
    """Give the application palette placeholders with at least 4.5:1 contrast."""
    palette = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        text = palette.color(group, QPalette.ColorRole.Text)
        base = palette.color(group, QPalette.ColorRole.Base)
        current = shown_over(palette.color(group, QPalette.ColorRole.PlaceholderText), base)
        if contrast(current, base) < MIN_CONTRAST:
            palette.setColor(
                group, QPalette.ColorRole.PlaceholderText, readable_placeholder(text, base)
            )
    app.setPalette(palette)
