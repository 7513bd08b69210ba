"""Mark the fields of the form that have a problem, in a way that needs no colour.

A sign goes before the field's label (or group title) and the problem itself
becomes the field's accessible description and tooltip, so a screen reader names
it when the field takes the focus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtWidgets import QAbstractButton, QFormLayout, QGroupBox, QLabel, QWidget

from fkstod.core.orosanmalan import FieldProblem
from fkstod.ui.widgets.plain_label import plain_tooltip

MARK = "⚠ "

#: Turns a field path into (child index or None, the input widget or None).
Resolver = Callable[[str], tuple[int | None, QWidget | None]]


def _title(widget: QWidget) -> str:
    if isinstance(widget, QGroupBox):
        return widget.title()
    return widget.text()  # type: ignore[attr-defined]


def _set_title(widget: QWidget, text: str) -> None:
    if _title(widget) == text:
        return
    if isinstance(widget, QGroupBox):
        widget.setTitle(text)
    else:
        widget.setText(text)  # type: ignore[attr-defined]


def form_label(widget: QWidget) -> QWidget | None:
    """Return the label of ``widget``'s row in a form layout, or the button's own text."""
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    if isinstance(layout, QFormLayout):
        label = layout.labelForField(widget)
        if isinstance(label, QLabel):
            return label
    return widget if isinstance(widget, QAbstractButton) else None


class FieldMarks:
    """Keep the marks of the form in step with its problems.

    Args:
        resolve: finds the input of a field path without changing what is shown.
        labels: labels for inputs that are not in a form row (a text box under a heading).
    """

    def __init__(self, resolve: Resolver, labels: dict[QWidget, QWidget] | None = None) -> None:
        self._resolve = resolve
        self._labels = labels or {}
        self._titles: dict[QWidget, str] = {}  # every label ever marked: its own text
        self._inputs: dict[QWidget, tuple[str, str]] = {}  # description and tooltip
        self.children: set[int] = set()

    def label_for(self, widget: QWidget) -> QWidget | None:
        """Return the widget whose text names ``widget`` on screen."""
        return self._labels.get(widget) or form_label(widget)

    def show(self, problems: Iterable[FieldProblem]) -> None:
        """Mark the fields of ``problems`` and unmark the rest."""
        messages: dict[QWidget, list[str]] = {}
        self.children = set()
        for problem in problems:
            child, widget = self._resolve(problem.field)
            if child is not None:
                self.children.add(child)
            if widget is not None:
                messages.setdefault(widget, []).append(problem.message)
        self._forget_deleted()
        for widget in messages:
            self._inputs.setdefault(widget, (widget.accessibleDescription(), widget.toolTip()))
            label = self.label_for(widget)
            if label is not None:
                self._titles.setdefault(label, _title(label))
        marked_labels = {self.label_for(w) for w in messages}
        for label, title in self._titles.items():
            _set_title(label, MARK + title if label in marked_labels else title)
        for widget, (description, tooltip) in self._inputs.items():
            if widget in messages:
                text = "; ".join(messages[widget])
                widget.setAccessibleDescription(text)
                widget.setToolTip(plain_tooltip(MARK + text))
            else:
                widget.setAccessibleDescription(description)
                widget.setToolTip(tooltip)

    def _forget_deleted(self) -> None:
        # A removed child's editor goes away with its fields.
        self._titles = {w: t for w, t in self._titles.items() if shiboken6.isValid(w)}
        self._inputs = {w: s for w, s in self._inputs.items() if shiboken6.isValid(w)}
