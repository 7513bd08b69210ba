"""Add or change a local entry, with the same checks as import."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.directory import FIELD_LABELS, FIELD_NAMES, Entry, FieldError
from fkstod.core.directory.validate import entry_to_fields
from fkstod.ui.widgets.plain_label import PlainLabel

#: Hints shown beside the fields whose format is not obvious.
HINTS = {
    "kategori": "till exempel kvinnor, man, barn_unga, socialtjanst",
    "telefon": "020-50 50 50 eller +46 8 123 456 78",
    "telefontider": "mån-fre 8-16, lör 10-14 eller dygnet runt",
    "kommuner": "kommunkoder, till exempel 1280, 1281",
    "malgrupper": "till exempel kvinnor, man, barn, unga, alla",
    "valdsformer": "till exempel fysiskt, psykiskt, sexuellt, heder, alla",
    "sprak": "svenska, arabiska",
    "senast_verifierad": "ÅÅÅÅ-MM-DD",
}

Save = Callable[[Mapping[str, str], str], Entry | list[FieldError]]


class DirectoryEntryDialog(QDialog):
    """A form of every field; Save checks it through ``save`` and shows every problem."""

    def __init__(self, save: Save, entry: Entry | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._save = save
        self._entry_id = entry.id if entry else ""
        self.saved: Entry | None = None
        self.setWindowTitle(self.tr("Ändra post") if entry else self.tr("Ny post"))
        self.setAccessibleName(self.windowTitle())
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        values = entry_to_fields(entry) if entry else {}
        for name in FIELD_NAMES:
            if name == "id":
                continue
            widget: QLineEdit | QPlainTextEdit
            if name == "beskrivning":
                widget = QPlainTextEdit(values.get(name, ""))
                widget.setTabChangesFocus(True)
                widget.setMaximumHeight(widget.fontMetrics().height() * 5)
            else:
                widget = QLineEdit(values.get(name, ""))
                widget.setPlaceholderText(HINTS.get(name, ""))
            widget.setAccessibleName(FIELD_LABELS[name])
            label = PlainLabel(FIELD_LABELS[name] + ":")
            label.setBuddy(widget)
            form.addRow(label, widget)
            self.fields[name] = widget
        self.errors = PlainLabel()
        self.errors.setWordWrap(True)
        self.errors.setAccessibleName(self.tr("Fel i posten"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Spara"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Avbryt"))
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        """Return what is typed, field by field."""
        return {
            name: w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()
            for name, w in self.fields.items()
        }

    def try_save(self) -> None:
        """Save when valid; otherwise list every problem and move to the first bad field."""
        result = self._save(self.values(), self._entry_id)
        if isinstance(result, Entry):
            self.saved = result
            self.accept()
            return
        self.errors.setText(
            "\n".join(
                f"⚠ {FIELD_LABELS.get(problem.field, problem.field)}: {problem.message}"
                for problem in result
            )
        )
        first = self.fields.get(result[0].field) if result else None
        if first is not None:
            first.setFocus()
