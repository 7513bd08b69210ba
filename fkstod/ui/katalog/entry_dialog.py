"""Add or change a local entry, with the same checks as import.

The coded fields are pickers with Swedish names (Kategori one, Målgrupper,
Våldsformer and Språk several); the rest are text. The form scrolls, and the
problems are a list of their own under it (Enter on one goes to its field), so
a long list of problems never squeezes the form.

What is typed is handed to ``keep_draft`` (the page keeps it in the database) when
the typing pauses, and at the latest a moment after the first change, so that a
crash loses at most that moment: never the whole entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import Qt, QTimer
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
from fkstod.core.directory.model import TARGET_GROUPS, VIOLENCE_FORMS
from fkstod.core.directory.validate import entry_to_fields, split_list
from fkstod.core.vocabulary import REFERRAL_CATEGORIES
from fkstod.ui.katalog.code_checklist import CodeChecklist, language_names
from fkstod.ui.katalog.code_combo import CodeCombo
from fkstod.ui.katalog.error_list import ErrorList
from fkstod.ui.widgets.plain_label import PlainLabel
from fkstod.ui.widgets.scroll_area import VerticalScrollArea

#: Hints shown beside the text fields whose format is not obvious.
HINTS = {
    "telefon": "020-50 50 50 eller +46 8 123 456 78",
    "telefontider": "mån-fre 8-16, lör 10-14 eller dygnet runt",
    "kommuner": "namn eller koder, till exempel Uppsala, 1280",
    "senast_verifierad": "ÅÅÅÅ-MM-DD",
    # Where the facts come from is the one field where "a client told me" fits: the
    # entry (and its draft) is kept on disk, and is about the organisation only.
    "kalla": "till exempel verksamhetens webbplats – inget om klienter",
}
#: Languages offered in the editor besides those the directory already has.
COMMON_LANGUAGES = ("svenska", "engelska", "arabiska", "persiska", "somaliska", "tigrinja")
#: Lines of problems in sight before the list scrolls.
ERROR_LINES = 4
#: The draft is handed over when the typing pauses this long (ms)…
DRAFT_PAUSE_MS = 400
#: …and at the latest this long after the first change not handed over (ms).
DRAFT_LATEST_MS = 2000

Save = Callable[[Mapping[str, str], str], Entry | list[FieldError]]
Field = QLineEdit | QPlainTextEdit | CodeCombo | CodeChecklist


class DirectoryEntryDialog(QDialog):
    """A form of every field; Save checks it through ``save`` and lists every problem.

    Args:
        languages: the languages to offer besides the common ones (the directory's).
        confirm_discard: asked before Esc, Avbryt or closing throws away what was
            typed; True throws it away. Not asked when nothing was changed.
        keep_draft: given the fields (``values()``) when what is typed should be kept
            as a draft; never while nothing is typed since the last time.
        draft: fields to open with in place of the entry's (a draft gone on with).
            The editor still counts as opened with ``entry``: Esc asks first.
        notice: what to say above the form (how a draft was gone on with).

    Attributes:
        saved: the entry saved, or None.
        discarded: True when the caseworker closed it without saving, on purpose.
    """

    def __init__(
        self,
        save: Save,
        entry: Entry | None = None,
        parent: QWidget | None = None,
        languages: Iterable[str] = (),
        *,
        confirm_discard: Callable[[], bool] | None = None,
        keep_draft: Callable[[dict[str, str]], None] | None = None,
        draft: Mapping[str, str] | None = None,
        notice: str = "",
    ):
        super().__init__(parent)
        self._save = save
        self._confirm_discard = confirm_discard
        self._keep_draft = keep_draft
        self._draft = dict(draft or {})
        self._entry_id = entry.id if entry else ""
        self.saved: Entry | None = None
        self.discarded = False
        self.setWindowTitle(self.tr("Ändra post") if entry else self.tr("Ny post"))
        self.setAccessibleName(self.windowTitle())
        self.fields: dict[str, Field] = {}
        values = entry_to_fields(entry) if entry else {}
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        for name in FIELD_NAMES:
            if name == "id":
                continue
            widget = self._input(name, values, languages)
            widget.setAccessibleName(FIELD_LABELS[name])
            label = PlainLabel(FIELD_LABELS[name] + ":")
            label.setBuddy(widget)
            form.addRow(label, widget)
            self.fields[name] = widget
        self._as_opened = self.values()
        for name, value in self._draft.items():
            if name in self.fields:
                self._set(name, value)
        self._draft_pause = self._draft_timer(DRAFT_PAUSE_MS)
        self._draft_latest = self._draft_timer(DRAFT_LATEST_MS)
        self._kept = self.values()  # what the last draft (or the opening) held
        for widget in self.fields.values():
            self._on_change(widget, self._typed)
        self.errors = ErrorList()
        self.errors.setAccessibleName(self.tr("Fel i posten"))
        self.errors.setToolTip(self.tr("Enter går till fältet."))
        self.errors.setWordWrap(True)
        line = self.errors.fontMetrics().lineSpacing()
        self.errors.setFixedHeight(line * ERROR_LINES + 2 * self.errors.frameWidth() + line // 2)
        self.errors.itemActivated.connect(self._go_to_problem)
        self.errors.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Spara"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Avbryt"))
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if notice:
            self.notice = PlainLabel(notice)
            self.notice.setWordWrap(True)
            self.notice.setAccessibleName(self.tr("Om posten"))
            layout.addWidget(self.notice)
        layout.addWidget(VerticalScrollArea(form_widget), 1)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        # The whole form when the screen has room; the scroll area is for when it has not.
        room = self.screen().availableGeometry()
        wanted = form_widget.sizeHint()
        self.resize(
            min(max(wanted.width() + 60, 560), room.width()),
            min(wanted.height() + buttons.sizeHint().height() + 60, int(room.height() * 0.9)),
        )

    def _input(self, name: str, values: Mapping[str, str], languages: Iterable[str]) -> Field:
        value = values.get(name, "")
        widget: Field
        if name == "kategori":
            widget = CodeCombo(REFERRAL_CATEGORIES, self.tr("Välj kategori…"))
            widget.set_value(value)
        elif name in ("malgrupper", "valdsformer"):
            widget = CodeChecklist(TARGET_GROUPS if name == "malgrupper" else VIOLENCE_FORMS)
            widget.set_value(value)
        elif name == "sprak":
            known = {
                *COMMON_LANGUAGES,
                *languages,
                *split_list(value),
                *split_list(self._draft.get(name, "")),
            }
            widget = CodeChecklist(language_names(known))
            widget.set_value(value)
        elif name == "beskrivning":
            widget = QPlainTextEdit(value)
            widget.setTabChangesFocus(True)
            widget.setMaximumHeight(widget.fontMetrics().height() * 5)
        else:
            widget = QLineEdit(value)
            widget.setPlaceholderText(HINTS.get(name, ""))
        return widget

    def _set(self, name: str, value: str) -> None:
        widget = self.fields[name]
        if isinstance(widget, CodeCombo | CodeChecklist):
            widget.set_value(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)

    @staticmethod
    def _on_change(widget: Field, slot: Callable[[], None]) -> None:
        if isinstance(widget, CodeCombo):
            widget.currentIndexChanged.connect(slot)
        elif isinstance(widget, CodeChecklist):
            widget.itemChanged.connect(slot)
        else:
            widget.textChanged.connect(slot)

    def _draft_timer(self, ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(self.keep_draft_now)
        return timer

    def _typed(self) -> None:
        if self._keep_draft is None:
            return
        self._draft_pause.start()  # again at every key: when the typing pauses
        if not self._draft_latest.isActive():
            self._draft_latest.start()  # but not later than this after the first

    @property
    def draft_pending(self) -> bool:
        """Whether something typed has not been handed to ``keep_draft`` yet."""
        return self._draft_latest.isActive()

    def keep_draft_now(self) -> None:
        """Hand what is typed to ``keep_draft`` now, if it changed since the last time."""
        self._draft_pause.stop()
        self._draft_latest.stop()
        if self._keep_draft is None or self.saved is not None or self.discarded:
            return
        values = self.values()
        if values != self._kept:
            self._kept = values
            self._keep_draft(values)

    @property
    def opened_values(self) -> dict[str, str]:
        """The fields as the editor opened them (the entry's, or the empty form's)."""
        return dict(self._as_opened)

    def values(self) -> dict[str, str]:
        """Return what is typed or chosen, field by field, as the import reads it."""
        out: dict[str, str] = {}
        for name, w in self.fields.items():
            if isinstance(w, CodeCombo | CodeChecklist):
                out[name] = w.value()
            elif isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText()
            else:
                out[name] = w.text()
        return out

    def reject(self) -> None:
        """Close without saving: Esc, Avbryt and the close button; asks first if anything was typed."""
        changed = self.saved is None and self.values() != self._as_opened
        if changed and self._confirm_discard is not None and not self._confirm_discard():
            return
        self.discarded = self.saved is None
        self._draft_pause.stop()
        self._draft_latest.stop()
        super().reject()

    def try_save(self) -> None:
        """Save when valid; otherwise list every problem and move to the first bad field."""
        # Only this attempt's problems: a save the disk refuses (it raises, and the
        # window says why) must not leave the last attempt's list naming mended fields.
        self.errors.clear()
        self.errors.hide()
        result = self._save(self.values(), self._entry_id)
        if isinstance(result, Entry):
            self.saved = result
            self._draft_pause.stop()
            self._draft_latest.stop()
            self.accept()
            return
        # In the form's order, top to bottom: the first problem is the first field to mend.
        order = {name: i for i, name in enumerate(self.fields)}
        result = sorted(result, key=lambda p: order.get(p.field, len(order)))
        for problem in result:
            self.errors.addItem(
                f"⚠ {FIELD_LABELS.get(problem.field, problem.field)}: {problem.message}"
            )
            self.errors.item(self.errors.count() - 1).setData(
                Qt.ItemDataRole.UserRole, problem.field
            )
        self.errors.setVisible(bool(result))
        # Each field says its own problems when it takes the focus (NVDA reads the
        # description), as the list above says them on screen.
        said: dict[str, list[str]] = {}
        for problem in result:
            said.setdefault(problem.field, []).append(problem.message)
        for name, field in self.fields.items():
            field.setAccessibleDescription(" ".join(said.get(name, [])))
        first = self.fields.get(result[0].field) if result else None
        if first is not None:
            first.setFocus()

    def _go_to_problem(self, item) -> None:
        field = self.fields.get(item.data(Qt.ItemDataRole.UserRole))
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
