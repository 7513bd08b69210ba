"""A line edit with a screen-reader name, a placeholder and a signal emitted on edits."""

from __future__ import annotations

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QLineEdit


def named_line_edit(
    name: str, placeholder: str = "", changed: SignalInstance | None = None
) -> QLineEdit:
    """Return a QLineEdit named ``name`` for screen readers that emits ``changed`` on edits."""
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    if changed is not None:
        edit.textChanged.connect(changed)
    return edit
