"""The orosanmälan section: the form on the left, the finished report on the right.

The report lives in memory only. It reaches the disk only through "Spara som…",
the printer only through "Skriv ut…", and the clipboard only through "Kopiera
text", which can be emptied again after a few minutes.

Signals:
    report_created(str): a report for one child was copied, saved or printed;
        the benefit code it was started from ("" when started on its own).
    report_begun(): a new report was begun (from a call, or Ny anmälan).
    reporter_changed(dict): the caseworker edited their own details.
    directory_requested(str, str): show a directory category for a kommun code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.files import NOTHING_PROTECTED, FileProblem, Protected, write_file
from fkstod.core.orosanmalan import (
    FieldProblem,
    Form,
    page_mark_for,
    render_orosanmalan,
    training_file_name,
    validate,
)
from fkstod.core.orosanmalan.saving import save_target
from fkstod.core.oserrors import describe_os_error
from fkstod.qt.glyphs import REPLACEMENT
from fkstod.qt.indicator_style import scale_indicators
from fkstod.qt.private_clipboard import clear_private, copy_private
from fkstod.qt.render_pdf import PageDecor, paint_report, pdf_bytes, undrawable_in_report
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.orosanmalan.form import OrosanmalanForm
from fkstod.ui.orosanmalan.problem_list import ProblemList
from fkstod.ui.widgets.call_bar import CallBar
from fkstod.ui.widgets.wrap_layout import WrapLayout

CLIPBOARD_CLEAR_MS = 3 * 60 * 1000
PREVIEW_DELAY_MS = 120

SaveAsker = Callable[[QWidget, str], tuple[str, str]]
PrinterAsker = Callable[[QWidget], QPrinter | None]


class OrosanmalanPage(QWidget):
    """Write one report per child, preview it, and copy, save or print it."""

    report_created = Signal(str)
    report_begun = Signal()
    reporter_changed = Signal(dict)
    directory_requested = Signal(str, str)

    def __init__(
        self,
        dialogs: Dialogs,
        *,
        reporter: dict | None = None,
        lookup_socialtjanst: Callable[[str], str | None] | None = None,
        save_asker: SaveAsker | None = None,
        printer_asker: PrinterAsker | None = None,
        save_file: Callable[[Path, str | bytes], object] | None = None,
        protected: Protected = NOTHING_PROTECTED,
        clipboard_clear_ms: int = CLIPBOARD_CLEAR_MS,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Orosanmälan"))
        self._dialogs = dialogs
        # Every dialog goes through ``dialogs``; a test may answer these two directly.
        self._save_asker = save_asker or (
            lambda _parent, suggested: dialogs.save_private(
                self.tr("Spara orosanmälan som"), suggested, self.tr("PDF (*.pdf);;Text (*.txt)")
            )
        )
        self._printer_asker = printer_asker or (lambda _parent: dialogs.choose_printer())
        # Core writes the file (all or nothing), never over what ``protected`` names.
        self._save_file = save_file or (lambda path, data: write_file(path, data, protected))
        self._benefit = ""
        #: Övningsläge: every report says "ÖVNING – fiktivt fall" on every page and in its name.
        self.training = False
        self._created: set[int] = set()
        self._copied = ""

        self.form = OrosanmalanForm(lookup_socialtjanst, today)
        self.form.set_reporter(reporter or {})
        self.form.reporter_changed.connect(self.reporter_changed)
        self.form.directory_requested.connect(self.directory_requested)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setAccessibleName(self.tr("Formulär för orosanmälan"))
        # Not a stop of its own for Tab: it scrolls to whichever field gets the focus.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.child_choice = QComboBox()
        self.child_choice.setAccessibleName(self.tr("Visa anmälan för barn"))
        self.child_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.child_choice.setMinimumContentsLength(10)
        self.child_choice.currentIndexChanged.connect(self._refresh_preview)
        self.problems = ProblemList()
        self.problems.setAccessibleName(self.tr("Det här behöver fyllas i eller rättas"))
        self.problems.setAccessibleDescription(
            self.tr("Välj en rad och tryck Enter för att gå till fältet.")
        )
        self.problems.setToolTip(self.tr("Enter eller dubbelklick går till fältet."))
        self.problems.field_selected.connect(self.go_to_field)
        problems_label = QLabel(self.tr("Att fylla i eller &rätta (Enter går till fältet):"))
        problems_label.setBuddy(self.problems)
        problems_label.setWordWrap(True)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName(self.tr("Förhandsvisning av anmälan"))

        self.copy_button = self._button(self.tr("Kopiera text"), "Ctrl+Shift+C", self.copy_text)
        self.save_button = self._button(self.tr("Spara som…"), "Ctrl+S", self.save_as)
        self.print_button = self._button(self.tr("Skriv ut…"), "Ctrl+P", self.print_report)
        self.new_button = self._button(self.tr("Ny anmälan"), "Ctrl+Shift+N", self.new_report)
        self.clear_clipboard = QCheckBox(self.tr("Töm urklipp &efter 3 minuter"))
        self.clear_clipboard.setAccessibleName(self.tr("Töm urklipp efter 3 minuter"))
        self.clear_clipboard.setChecked(True)
        self._clipboard_timer = QTimer(self)
        self._clipboard_timer.setSingleShot(True)
        self._clipboard_timer.setInterval(clipboard_clear_ms)
        self._clipboard_timer.timeout.connect(self._clear_clipboard)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        choice_row = QHBoxLayout()
        choice_label = QLabel(self.tr("Anmälan f&ör:"))
        choice_label.setBuddy(self.child_choice)
        choice_row.addWidget(choice_label)
        choice_row.addWidget(self.child_choice, 1)
        right_layout.addLayout(choice_row)
        right_layout.addWidget(problems_label)
        right_layout.addWidget(self.problems)
        right_layout.addWidget(self.preview, 1)
        # Wrapped to as many rows as the width needs: the labels name their shortcut,
        # and in one row, or even two by two, they would squeeze the form.
        buttons = QWidget()
        buttons_layout = WrapLayout(buttons)
        buttons_layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.copy_button, self.save_button, self.print_button, self.new_button):
            buttons_layout.addWidget(button)
        right_layout.addWidget(buttons)
        right_layout.addWidget(self.clear_clipboard)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)  # the form needs the room; the preview reads fine narrower
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 440])
        scale_indicators(splitter)  # before measuring the form: the boxes widen it
        self._fit_form()
        # Opened from a call: "Tillbaka till samtalet" (Alt+Left) and the jump keys.
        self.call_bar = CallBar()
        self.call_bar.install_shortcut(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Orosanmälan till socialtjänsten</h2>")))
        layout.addWidget(self.call_bar)
        layout.addWidget(splitter, 1)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._refresh_preview)
        self.form.changed.connect(self._preview_timer.start)
        self.form.children.currentChanged.connect(self._follow_tab)
        self._refresh_preview()
        # Ctrl+3 focuses the page: the focus belongs in its first field.
        self.setFocusProxy(self.form.kommun)

    def _fit_form(self) -> None:
        # Never narrower than the form itself: its fields would be cut off at large text.
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        frame = 2 * self.scroll.frameWidth()
        self.scroll.setMinimumWidth(self.form.minimumSizeHint().width() + bar + frame)

    def showEvent(self, event: QShowEvent) -> None:
        # Shown, the check boxes and group boxes are polished and may need more room.
        self._fit_form()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._fit_form()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().height() != event.oldSize().height():
            self.problems.fit_height()  # a quarter of a lower window is fewer lines

    def _button(self, text: str, shortcut: str, slot: Callable[[], object]) -> QPushButton:
        # The shortcut on the button itself, in Swedish key names, as the flow buttons show it.
        keys = QKeySequence(shortcut).toString().replace("Shift", self.tr("Skift"))
        button = QPushButton(f"{text} ({keys})")
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(button.text())
        button.clicked.connect(slot)
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return button

    # --- the integrator's entry points --------------------------------------------------------

    def start(self, benefit: str = "", kommun: str = "") -> bool:
        """Begin a report, from a flow's "Barn berörs" step or on its own.

        Args:
            benefit: the benefit code of the flow that handed over ("" on its own).
            kommun: the call's kommun code, a first guess at the child's ("" for none).

        Returns:
            False when the caseworker kept the report in progress instead.
        """
        if not self.form.form().is_empty() and not self._confirm_discard():
            return False
        self._reset()
        self._benefit = benefit
        index = self.form.kommun.findData(kommun) if kommun else -1
        if index > 0:
            self.form.kommun.setCurrentIndex(index)
        self.form.kommun.setFocus(Qt.FocusReason.OtherFocusReason)
        self.report_begun.emit()
        return True

    def confirm_discard(self) -> bool:
        """Ask before a report in progress is thrown away; clear it when allowed."""
        if self.form.form().is_empty():
            return True
        if not self._confirm_discard():
            return False
        self._reset()
        return True

    def new_report(self) -> None:
        """Throw away the report in progress (after asking) and start an empty one."""
        self.start(self._benefit)

    # --- output -----------------------------------------------------------------------------

    def _ready_form(self) -> Form | None:
        # A kommun typed but not yet taken (Ctrl+S with the focus still in the field)
        # is taken now, as Enter would: the report goes where the field says.
        self.form.kommun.commit()
        self._refresh_preview()  # the list of problems must match what is asked for
        form = self.form.form()
        blocking = [p for p in validate(form) if p.blocking]
        if not blocking:
            return form
        self._dialogs.error(
            self.tr("Anmälan är inte klar"),
            self.tr("Det här behöver fyllas i eller rättas först:\n\n")
            + "\n".join(f"• {p}" for p in blocking),
        )
        self.go_to_field(blocking[0].field)
        return None

    def go_to_field(self, field: str) -> None:
        """Move the cursor to the input of a field path, showing its child's tab."""
        target = self.form.widget_for(field)
        if target is not None and target.isVisibleTo(self.form):
            self.scroll.ensureWidgetVisible(target)
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _index(self) -> int:
        return max(0, self.child_choice.currentIndex())

    def _created_once(self, index: int) -> None:
        # Counted once per child and report, whatever is done with it.
        if index not in self._created:
            self._created.add(index)
            self.report_created.emit(self._benefit)

    def copy_text(self) -> None:
        """Copy the report of the child shown as plain text (for the e-service)."""
        form = self._ready_form()
        if form is None:
            return
        self._copied = render_orosanmalan(form, "txt", self._index(), training=self.training)
        copy_private(self._copied)
        if self.clear_clipboard.isChecked():
            self._clipboard_timer.start()
        self._created_once(self._index())

    def _clear_clipboard(self) -> None:
        # Only what we put there: the caseworker may have copied something else since.
        if self._copied:
            clear_private(self._copied)
        self._copied = ""

    def save_as(self) -> None:
        """Save the report of the child shown as PDF or text, where the caseworker chooses."""
        form = self._ready_form()
        if form is None:
            return
        index = self._index()
        suggested = self.tr("orosanmalan-%1-barn%2.pdf").replace(
            "%1", form.report_date().isoformat()
        )
        suggested = suggested.replace("%2", str(index + 1))
        if self.training:
            suggested = training_file_name(suggested)
        path, chosen = self._save_asker(self, suggested)
        if not path:
            return
        target, fmt = save_target(Path(path), chosen)
        if self.training:
            target = training_file_name(target)
        data: str | bytes = (
            render_orosanmalan(form, "txt", index, training=self.training)
            if fmt == "txt"
            else pdf_bytes(
                render_orosanmalan(form, "html", index, training=self.training), self._decor(form)
            )
        )
        try:
            self._save_file(target, data)
        except FileProblem as exc:  # refused, or failed with nothing left on disk
            self._not_saved(str(exc))
            return
        except OSError as exc:  # from a save_file passed in
            self._not_saved(f"{target}: {describe_os_error(exc)}")
            return
        self._created_once(index)
        self._dialogs.info(
            self.tr("Anmälan är sparad"), self.tr("Sparad i %1").replace("%1", str(target))
        )

    def _not_saved(self, why: str) -> None:
        self._dialogs.error(
            self.tr("Anmälan sparades inte"),
            self.tr("%1. Anmälan finns kvar här.").replace("%1", why),
        )

    def print_report(self) -> None:
        """Print the report of the child shown."""
        form = self._ready_form()
        if form is None:
            return
        printer = self._printer_asker(self)
        if printer is None:
            return
        html = render_orosanmalan(form, "html", self._index(), training=self.training)
        if printer.outputFileName():
            # "Print to file": Qt would write it itself, truncating first. A file like
            # any the page saves: all or nothing, never over fkstod's own data.
            try:
                target = Path(printer.outputFileName())
                if self.training:
                    target = training_file_name(target)
                self._save_file(target, pdf_bytes(html, self._decor(form)))
            except FileProblem as exc:
                self._not_saved(str(exc))
                return
        else:
            paint_report(printer, html, self._decor(form))
        self._created_once(self._index())

    def _decor(self, form: Form) -> PageDecor:
        return PageDecor(
            form.report_date().isoformat(), page_mark_for(form, training=self.training)
        )

    def set_training(self, on: bool) -> None:
        """Switch Övningsläge's marks on or off for every report made from now on."""
        self.training = on
        self._refresh_preview()

    # --- preview ----------------------------------------------------------------------------

    def _refresh_preview(self) -> None:
        self._preview_timer.stop()
        form = self.form.form()
        if not form.barn:  # only while the form is being cleared
            return
        self._sync_child_choice(form)
        problems = [*validate(form), *self._undrawable(form)]
        self.problems.set_problems(
            problems, self.tr("✓ Allt som behövs är ifyllt."), self.tr("Råd:")
        )
        self.form.mark_problems(problems)
        self._fit_form()  # a sign before a label widens the form
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(
            render_orosanmalan(form, "html", self._index(), training=self.training)
        )
        self.preview.verticalScrollBar().setValue(scroll)

    def _undrawable(self, form: Form) -> list[FieldProblem]:
        # Said before anything is saved: in the PDF and on paper these become marks
        # (judged in the font the PDF and the printout are painted in).
        return [
            FieldProblem(
                path,
                self.tr(
                    "”%1” finns inte i något teckensnitt här och blir ”%2” i PDF och "
                    "utskrift; skriv det med ord"
                )
                .replace("%1", chars)
                .replace("%2", REPLACEMENT),
                blocking=False,
            )
            for path, text in form.redacted().texts()
            if (chars := undrawable_in_report(text))
        ]

    def _follow_tab(self, index: int) -> None:
        # The preview shows the child whose tab is open in the form.
        self._refresh_preview()
        if 0 <= index < self.child_choice.count():
            self.child_choice.setCurrentIndex(index)

    def _sync_child_choice(self, form: Form) -> None:
        names = [
            f"{i + 1}. {c.namn.strip() or self.tr('Barn %1').replace('%1', str(i + 1))}"
            for i, c in enumerate(form.barn)
        ]
        current = [self.child_choice.itemText(i) for i in range(self.child_choice.count())]
        if names != current:
            keep = self.child_choice.currentIndex()
            self.child_choice.blockSignals(True)
            self.child_choice.clear()
            self.child_choice.addItems(names)
            self.child_choice.setCurrentIndex(min(max(keep, 0), len(names) - 1))
            self.child_choice.blockSignals(False)

    # --- clearing -------------------------------------------------------------------------------

    def _confirm_discard(self) -> bool:
        return self._dialogs.confirm(
            self.tr("Kasta anmälan?"),
            self.tr(
                "Anmälan som du håller på med finns bara här och försvinner om du fortsätter. "
                "Spara eller skriv ut den först om du behöver den. Vill du kasta den?"
            ),
        )

    def _reset(self) -> None:
        self.form.clear()
        self._created.clear()
        self._refresh_preview()
