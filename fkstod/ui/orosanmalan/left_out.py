"""Show that a field of the orosanmälan form is left out of the report.

With protected personal data on, the details that tell where the child or the
family can be found (``SKYDDADE_FALT`` in core) go into no output. Their inputs
stay where they are, disabled, and say so: what was typed is kept in memory, so
nothing is lost when the switch goes off again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from fkstod.core.i18n import _
from fkstod.core.orosanmalan import SKYDDADE_FALT

_NAME = "fkstod_own_name"
_PLACEHOLDER = "fkstod_own_placeholder"


def left_out_note() -> str:
    """Return what a left-out field says in place of its placeholder."""
    return _("Tas inte med: skyddade personuppgifter")


def set_left_out(edit: QLineEdit, left_out: bool) -> None:
    """Disable ``edit`` and name it as left out, or give it back its own name and hint."""
    if edit.property(_NAME) is None:
        edit.setProperty(_NAME, edit.accessibleName())
        edit.setProperty(_PLACEHOLDER, edit.placeholderText())
    own_name, own_placeholder = edit.property(_NAME), edit.property(_PLACEHOLDER)
    edit.setEnabled(not left_out)
    if left_out:
        edit.setAccessibleName(f"{own_name} ({left_out_note().lower()})")
        edit.setPlaceholderText(left_out_note())
    else:
        edit.setAccessibleName(own_name)
        edit.setPlaceholderText(own_placeholder)


def protect_group(group: str, widget_for: Callable[[str], QWidget | None], on: bool) -> None:
    """Mark every protected field of ``group`` (``barn`` or ``vardnadshavare``) as left out."""
    for path in SKYDDADE_FALT:
        owner, name = path.split(".")
        widget = widget_for(name) if owner == group else None
        if isinstance(widget, QLineEdit):
            set_left_out(widget, on)
