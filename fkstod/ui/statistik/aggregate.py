"""Sammanställning: the coordinator merges many exports and reads the protected report.

The merge (``core.usage.merge.merge_exports``) runs in a worker thread; its
progress callback becomes a signal for the progress bar, and "Avbryt" makes the
callback return False. The report is ``core.usage.indicators.build_report``:
only protected values reach this widget, and a suppressed value is shown as
".." with the explanation, never as 0.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QThread, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.flows import FlowLibrary
from fkstod.core.i18n import _
from fkstod.core.plural import plural
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.statistik.report_model import format_count
from fkstod.ui.widgets.plain_label import PlainLabel, selectable_by_keys
from fkstod.ui.widgets.scroll_area import VerticalScrollArea
from fkstod.ui.widgets.status_label import StatusLabel
from fkstod.ui.widgets.wrap_layout import WrapLayout

if TYPE_CHECKING:
    from fkstod.core.files import Protected
    from fkstod.core.usage.indicators import Report
    from fkstod.core.usage.merge import MergeResult

PERIOD_NAMES = {"month": _("Månad"), "quarter": _("Kvartal"), "year": _("År")}
#: Save filters, by format.
FILTERS = {
    "csv": _("CSV för Excel (*.csv)"),
    "xlsx": _("Excel-arbetsbok (*.xlsx)"),
    "pdf": _("PDF-rapport (*.pdf)"),
    "jsonl": _("JSON Lines (*.jsonl)"),
}


class MergeWorker(QObject):
    """Runs ``merge_exports`` and the protection off the window's thread.

    ``finished`` carries the merge result and its month, quarter and year reports
    (``build_reports``): protecting many units' small counts takes seconds, and the
    window stays free meanwhile and changes Period at once afterwards.
    """

    progressed = Signal(int, int)
    #: The files are read; the report is being protected: (periods done, in all).
    protecting = Signal(int, int)
    finished = Signal(object, object)
    #: A fault in fkstod stopped the work (what it was, for the message); no report.
    failed = Signal(str)

    def __init__(self, paths: Sequence[str], library: FlowLibrary) -> None:
        super().__init__()
        self.paths = list(paths)
        self.library = library
        self.cancelled = threading.Event()

    def run(self) -> None:
        """Merge and protect; a fault ends the run with ``failed``, never half-way."""
        try:
            self._run()
        except Exception as exc:  # a fault in fkstod: the window must not wait for ever
            self.failed.emit(f"{type(exc).__name__}: {exc}")

    def _run(self) -> None:
        from fkstod.core.usage.indicators import ReportStopped, build_reports
        from fkstod.core.usage.merge import merge_exports
        from fkstod.core.usage.units import shipped_threshold, shipped_units

        def progress(done: int, total: int) -> bool:
            self.progressed.emit(done, total)
            return not self.cancelled.is_set()

        units = shipped_units()
        result = merge_exports(
            self.paths,
            content_ids={"flow": self.library.ids()},
            units=units,
            progress=progress,
        )

        # Avbryt while reading stops the reading, and no report is made: one of part
        # of the files would look complete once saved, and read against the report of
        # all of them it would give the rest's counts, however small. Pressed while
        # the report is protected, it stops that too.
        if result.stopped:
            self.finished.emit(result, {})
            return

        def protecting(done: int, total: int) -> bool:
            self.protecting.emit(done, total)
            return not self.cancelled.is_set()

        try:
            reports = build_reports(
                result.cells, units=units, threshold=shipped_threshold(), progress=protecting
            )
        except ReportStopped:
            result.stopped, reports = True, {}
        self.finished.emit(result, reports)


class AggregatePanel(QWidget):
    """Pick exports, merge them with a progress bar, read and save the protected report."""

    merged = Signal()

    def __init__(
        self,
        dialogs: Dialogs,
        library: FlowLibrary,
        protected: Callable[[], Protected],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Sammanställning"))
        self.dialogs = dialogs
        self.library = library
        self.protected = protected
        self.result: MergeResult | None = None
        self._paths: list[str] = []
        self.report: Report | None = None
        #: The merge's reports by period kind, made by the worker.
        self._reports: dict[str, Report] = {}
        self._thread: QThread | None = None
        self.worker: MergeWorker | None = None
        intro = PlainLabel(
            self.tr(
                "För samordnare: lägg ihop handläggarnas exporter till myndighetens indikatorer. "
                "Varje fil kontrolleras; en fil som inte går att läsa räknas inte och visas "
                "med skälet. Samma export räknas en gång hur många gånger den än lämnas."
            )
        )
        intro.setWordWrap(True)
        self.files_button = QPushButton(self.tr("Välj &filer…"))
        self.files_button.setAccessibleName(self.tr("Välj exportfiler"))
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button = QPushButton(self.tr("Väl&j mapp…"))
        self.folder_button.setAccessibleName(self.tr("Välj en mapp med exporter"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.cancel_button = QPushButton(self.tr("Avbr&yt sammanställningen"))
        self.cancel_button.setAccessibleName(self.tr("Avbryt sammanställningen"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Förlopp"))
        self.progress.setFormat(self.tr("%v av %m filer"))
        self.progress.hide()
        self.status = StatusLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.skipped = PlainLabel()
        self.skipped.setWordWrap(True)
        self.skipped.setAccessibleName(self.tr("Filer som inte räknades"))
        selectable_by_keys(self.skipped)
        self.skipped.hide()
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        for code, name in PERIOD_NAMES.items():
            self.period.addItem(name, code)
        self.period.currentIndexChanged.connect(self.rebuild)
        from fkstod.ui.statistik.report_model import ReportModel

        self.model = ReportModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Indikatorer"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab goes on to the next control; the arrows move between the cells.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        # Widths from the texts a column can hold (show_report), not from reading every cell.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Long names wrap at their words in a column of bounded width (_fit_columns):
        # the units' columns stay in view at a large text, no title is cut.
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        )
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.viewport().installEventFilter(self)
        self.explanation = PlainLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName(self.tr("Förklaring"))
        from fkstod.core.usage.indicators import between_merges

        self.between_merges = PlainLabel(between_merges())
        self.between_merges.setWordWrap(True)
        self.between_merges.setAccessibleName(self.tr("Innan du publicerar"))
        self.between_merges.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        from fkstod.ui.statistik.chart_view import ChartView

        self.chart = ChartView()
        self.save_button = QPushButton(self.tr("Spa&ra rapport…"))
        self.save_button.setAccessibleName(self.tr("Spara rapporten"))
        self.save_button.clicked.connect(self.save_report)
        self.save_button.setEnabled(False)
        buttons = WrapLayout()
        for b in (self.files_button, self.folder_button, self.cancel_button, self.save_button):
            buttons.addWidget(b)
        form = QFormLayout()
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.period)
        form.addRow(period_label, self.period)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.skipped)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(self.explanation)
        layout.addWidget(self.between_merges)
        layout.addWidget(self.chart)
        layout.addStretch(1)
        self.table.setMinimumHeight(260)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.chart.setMinimumHeight(420)
        # The report's parts appear with the first report.
        self._report_parts = (
            period_label,
            self.period,
            self.table,
            self.explanation,
            self.between_merges,
            self.chart,
        )
        for widget in self._report_parts:
            widget.hide()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(VerticalScrollArea(content))

    # -- choosing and merging -----------------------------------------------------------

    def choose_files(self) -> None:
        """Ask for export files and merge them."""
        paths = self.dialogs.open_files(
            self.tr("Välj statistikexporter"), self.tr("Statistikexporter (*.json)")
        )
        if paths:
            self.start(paths)

    def choose_folder(self) -> None:
        """Ask for a folder of exports and merge its ``*.json`` files."""
        folder = self.dialogs.choose_folder(self.tr("Välj en mapp med statistikexporter"))
        if folder:
            self.start([folder])

    def start(self, paths: Sequence[str]) -> None:
        """Merge ``paths`` in a worker thread; the progress bar follows it."""
        if self._thread is not None:
            return
        self.result = None
        self.progress.setFormat(self.tr("%v av %m filer"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Läser exporterna…"))
        self.cancel_button.setEnabled(True)
        self.files_button.setEnabled(False)
        self.folder_button.setEnabled(False)
        self._paths = list(paths)
        self.worker = MergeWorker(paths, self.library)
        thread = QThread(self)
        self.worker.moveToThread(thread)
        thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        self.worker.protecting.connect(self._protecting)
        self.worker.finished.connect(self._finished)
        self.worker.finished.connect(thread.quit)
        self.worker.failed.connect(self._failed)
        self.worker.failed.connect(thread.quit)
        thread.finished.connect(self._thread_done)
        self._thread = thread
        thread.start()

    def cancel(self) -> None:
        """Stop the merge after the file being read (or the protection); no report is made."""
        if self.worker is not None:
            self.worker.cancelled.set()

    def busy(self) -> bool:
        """Return True while a merge runs."""
        return self._thread is not None

    def shutdown(self) -> None:
        """Stop a running merge and wait for its thread (the window is closing)."""
        if self._thread is not None:
            self.cancel()
            self._thread.quit()
            self._thread.wait()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _protecting(self, done: int, total: int) -> None:
        self.progress.setFormat(self.tr("%v av %m perioder"))
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(self.tr("Skyddar de små antalen i rapporten…"))

    def _thread_done(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread = None
        if self.worker is not None:
            self.worker.deleteLater()
        self.worker = None

    def _ready_again(self) -> None:
        self.cancel_button.setEnabled(False)
        self.files_button.setEnabled(True)
        self.folder_button.setEnabled(True)
        self.progress.hide()

    def _failed(self, what: str) -> None:
        self._ready_again()
        self._no_report()
        self.status.setText(
            self.tr("Sammanställningen kunde inte göras, så ingen rapport visas. Försök igen.")
        )
        self.dialogs.error(
            self.tr("Sammanställningen kunde inte göras"),
            self.tr(
                "Ett fel i fkstod, inte i exporterna ({what}). Ingen rapport har gjorts och "
                "inga filer har ändrats. Kontakta den som har installerat fkstod om det "
                "händer igen."
            ).format(what=what),
        )

    def _finished(self, result: MergeResult, reports: dict[str, Report]) -> None:
        self.result = result
        self._reports = reports
        self._ready_again()
        parts = [
            plural(result.merged, self.tr("{n} export räknad"), self.tr("{n} exporter räknade"))
        ]
        if result.duplicates:
            parts.append(
                plural(
                    len(result.duplicates),
                    self.tr("{n} kopia av en export räknades en gång"),
                    self.tr("{n} kopior av exporter räknades en gång"),
                )
            )
        if result.replaced:
            parts.append(
                plural(
                    result.replaced,
                    self.tr("{n} månad som skickats igen räknades en gång"),
                    self.tr("{n} månader som skickats igen räknades en gång"),
                )
            )
        if result.skipped:
            parts.append(
                plural(
                    len(result.skipped),
                    self.tr("{n} fil räknades inte"),
                    self.tr("{n} filer räknades inte"),
                )
            )
        if result.not_read:
            parts.append(
                plural(
                    len(result.not_read),
                    self.tr("{n} fil i mappen lästes inte (inte .json)"),
                    self.tr("{n} filer i mappen lästes inte (inte .json)"),
                )
            )
        self.status.setText(", ".join(parts) + ".")
        if result.stopped:
            # Not "N exporter räknade": nothing was reported of them.
            self.status.setText(
                self.tr(
                    "Avbruten, så ingen rapport visas. Välj exporterna igen för att sammanställa."
                )
            )
        if not result.found() and not result.stopped:
            # A wrong folder, most likely: no empty report that looks like a month of nothing.
            self.status.setText(
                self.tr("Inga exportfiler (.json) i {where}.").format(
                    where=", ".join(str(p) for p in self._paths)
                )
            )
        from fkstod.core.usage.merge import not_read_reason

        lines = [f"{s.path}: {s.reason}" for s in result.skipped]
        lines += [f"{path}: {not_read_reason()}" for path in result.not_read]
        self.skipped.setText(self.tr("Filer som inte räknades:") + "\n" + "\n".join(lines))
        self.skipped.setVisible(bool(lines))
        if not reports:
            self._no_report()
        self.rebuild()
        self.merged.emit()

    def _no_report(self) -> None:
        # No report, and none of an earlier merge beside the words that say so.
        self._reports, self.report = {}, None
        for widget in self._report_parts:
            widget.hide()
        self.save_button.setEnabled(False)

    # -- the report ---------------------------------------------------------------------

    def rebuild(self) -> None:
        """Show the protected report of the period chosen (made by the worker)."""
        from fkstod.core.usage.indicators import report_explanation

        if self.result is None or not self._reports:
            return
        self.report = self._reports[self.period.currentData()]
        self.show_report(self.report)
        for widget in self._report_parts:
            # Nothing to show without a single count: no empty table, no empty chart.
            widget.setVisible(bool(self.result.cells))
        from fkstod.qt.charts import share_chart

        self.chart.show_chart(share_chart(self.report))
        self.explanation.setText(report_explanation(self.report))
        self.save_button.setEnabled(bool(self.result.cells))

    def show_report(self, report: Report) -> None:
        """Show the report: a row per period, indicator and benefit, a column per unit."""
        self.model.show(report)
        self._fit_columns(report)

    def changeEvent(self, event: QEvent) -> None:
        """At a new text size the columns are fitted again: no period cut to "2026…"."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.report is not None:
            self._fit_columns(self.report)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A wider or narrower table gives its room to the Indikator column again."""
        if (
            watched is self.table.viewport()
            and event.type() == QEvent.Type.Resize
            and self.report is not None
        ):
            self._fit_columns(self.report)
        return super().eventFilter(watched, event)

    def _fit_columns(self, report: Report) -> None:
        """Fit the columns to the room the table has, the Indikator column last.

        The period and the units' counts keep their width; the names of indicators
        and benefits wrap at their words within the room left (rows grow in height),
        so that at a large text in a laptop's window the units' columns are in view
        beside them, not off to the right behind the longest indicator's title.
        """
        from fkstod.core.usage.indicators import INDICATORS

        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        heading = header.fontMetrics()
        pad = 2 * metrics.averageCharWidth()

        def widest(texts: Sequence[str], fm: QFontMetrics = metrics) -> int:
            return max((fm.horizontalAdvance(t) for t in texts), default=0)

        def words(texts: Sequence[str]) -> list[str]:
            return [w for t in texts for w in t.split()]

        titles = [i.title for i in INDICATORS]
        benefits = [report.benefit_name(b) for b in report.benefits]
        names = self.model.header()
        count = format_count(99_999)
        widths = [max(heading.horizontalAdvance(names[0]), widest(report.periods)) + pad]
        # A unit's heading wraps at its words too ("Barn och / familj").
        widths += [
            max(widest(words([n]), heading), metrics.horizontalAdvance(count)) + pad
            for n in names[3:]
        ]
        room = self.table.viewport().width() - sum(widths)
        title_least = (
            max(
                widest(words(titles)),
                14 * metrics.averageCharWidth(),
                heading.horizontalAdvance(names[1]),
            )
            + pad
        )
        title_full = max(widest(titles), heading.horizontalAdvance(names[1])) + pad
        benefit_least = max(widest(words(benefits)), heading.horizontalAdvance(names[2])) + pad
        benefit_full = max(widest(benefits), heading.horizontalAdvance(names[2])) + pad
        title_w = max(title_least, min(title_full, room - benefit_full))
        benefit_w = max(benefit_least, min(benefit_full, room - title_w))
        widths[1:1] = [title_w, benefit_w]
        for c, width in enumerate(widths):
            self.table.setColumnWidth(c, width)
        self._fit_rows(widths)

    def _fit_rows(self, widths: Sequence[int]) -> None:
        """Give each row and the header the height of their wrapped names."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        margin = 2 * (self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        wrap = int(Qt.TextFlag.TextWordWrap)

        def lines_h(fm: QFontMetrics, text: str, width: int) -> int:
            return fm.boundingRect(QRect(0, 0, width - margin, 100_000), wrap, text).height()

        names = self.model.header()
        header.setMinimumHeight(
            max(lines_h(header.fontMetrics(), n, w) for n, w in zip(names, widths, strict=True)) + 8
        )
        heights: dict[tuple[str, str], int] = {}
        for row in range(self.model.rowCount()):
            key = self.model.names(row)
            if key not in heights:
                heights[key] = (
                    max(lines_h(metrics, key[0], widths[1]), lines_h(metrics, key[1], widths[2]))
                    + 8
                )
            self.table.setRowHeight(row, heights[key])

    def cell_texts(self) -> list[list[str]]:
        """Return the table as text, header first (what a screen reader reads)."""
        rows, columns = self.model.rowCount(), self.model.columnCount()
        body = [[self.model.text(r, c) for c in range(columns)] for r in range(rows)]
        return [self.model.header(), *body]

    def save_report(self) -> None:
        """Ask where, and save the report as CSV, xlsx, JSON Lines or PDF."""
        from fkstod.core.files import FileProblem

        if self.report is None:
            return
        path, chosen = self.dialogs.save_file(
            self.tr("Spara rapporten"), "fkstod-indikatorer.csv", ";;".join(FILTERS.values())
        )
        if not path:
            return
        fmt = Path(path).suffix.lower().lstrip(".")
        if fmt not in FILTERS:
            fmt = next((code for code, text in FILTERS.items() if text == chosen), "csv")
            path += "." + fmt
        try:
            save_report(Path(path), self.report, fmt, self.protected())
        except FileProblem as exc:
            self.dialogs.error(self.tr("Rapporten sparades inte"), str(exc))
            return
        self.status.setText(self.tr("Rapporten är sparad i {path}.").format(path=path))


def save_report(path: Path, report: Report, fmt: str, protected: Protected) -> Path:
    """Write ``report`` as ``fmt``: the core's outputs, or the PDF painted with Qt."""
    from fkstod.core import files
    from fkstod.core.usage.outputs import write_report

    if fmt == "pdf":
        from fkstod.qt.charts import report_pdf

        return files.write_file(path, report_pdf(report), protected)
    return write_report(path, report, fmt, protected)
