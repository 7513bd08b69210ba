"""What a screen reader is told of text that changes where the keys are not.

NVDA says the control that has the keys: its name, and its description when asked
(NVDA+Tab). A window that keeps the keys itself (Öva själv, the trainer's console: a
presenter's remote sends its keys there) shows its text in labels that Tab never
reaches, and a status line ("Anteckningen är kopierad", "13 träffar") changes
without the focus moving. Qt says nothing of either on its own.

``tell_shown(window)`` makes the window's description what its labels show, in the
order of its layouts (a heading with the text it names), and announces what
changed. ``announce(widget, text)`` sends one line, politely: after what NVDA is
saying, never cutting it off (Qt's announcement, UI Automation's notification on
Windows).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QWidget

#: A label with this property set to True is not told (a clock that ticks every second).
QUIET = "speech_quiet"
_TOLD = "speech_told"


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text`` after what it says now; nothing for no text."""
    text = text.strip()
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def _label_text(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() != Qt.TextFormat.PlainText and "<" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _in_layout_order(widget: QWidget) -> Iterator[QWidget]:
    """Yield ``widget``'s widgets in the order of its layouts (as they stand on screen)."""
    from PySide6.QtWidgets import QLayout, QScrollArea

    def items(layout: QLayout) -> Iterator[QWidget]:
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item.widget() is not None:
                yield item.widget()
                yield from _in_layout_order(item.widget())
            elif item.layout() is not None:
                yield from items(item.layout())

    if isinstance(widget, QScrollArea) and widget.widget() is not None:
        yield widget.widget()
        yield from _in_layout_order(widget.widget())
    elif widget.layout() is not None:
        yield from items(widget.layout())


def shown_items(window: QWidget, leave_out: Sequence[QWidget] = ()) -> list[str]:
    """Return what ``window``'s labels show, in the order of its layouts.

    A label that is another's heading (its buddy) comes with the text it names. The
    labels in ``leave_out`` and inside them are not told (said some other way).
    """
    labels = [
        widget
        for widget in _in_layout_order(window)
        if isinstance(widget, QLabel)
        and widget.isVisibleTo(window)
        and not widget.property(QUIET)
        and not any(out is widget or out.isAncestorOf(widget) for out in leave_out)
        and _label_text(widget)
    ]
    shown = {id(label) for label in labels}
    headings = {id(label.buddy()): label for label in labels if label.buddy() is not None}
    items = []
    for label in labels:
        if label.buddy() is not None and id(label.buddy()) in shown:
            continue  # said with the text it names
        text = _label_text(label)
        heading = headings.get(id(label))
        if heading is not None:
            title = _label_text(heading)
            text = f"{title} {text}" if title.endswith(":") else f"{title}: {text}"
        items.append(text)
    return items


def tell_shown(window: QWidget) -> None:
    """Describe ``window`` by what it shows, and announce what changed since last told."""
    items = shown_items(window)
    told = window.property(_TOLD) or []
    window.setProperty(_TOLD, items)
    window.setAccessibleDescription("\n".join(items))
    announce(window, "\n".join(item for item in items if item not in told))


def show_note(note: QLabel, on: bool, owner: QWidget) -> None:
    """Show or hide ``note``, a warning that comes with a choice, and tell it as it comes.

    ``owner`` is the control the warning is about: it carries the warning as its
    description while the warning is shown (NVDA says it with the control).
    """
    appears = on and note.isHidden()
    note.setVisible(on)
    text = _label_text(note)
    owner.setAccessibleDescription(text if on else "")
    if appears:
        announce(owner, text)
