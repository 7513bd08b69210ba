"""Import and export of the Stödkatalog: the two buttons and what they do.

Import reads through core, lists every bad row in the problems view, or shows
the preview and applies it all or nothing. Export, as an Excel workbook (first:
coordinators edit in Excel, and a workbook keeps 0701234567 as text), a CSV file
or an HSDS package folder, writes through core; the widget only asks where.

Reading and checking a file, writing the import and writing an export take
seconds with 100 000 entries: each runs in a worker thread with a progress bar
(``fkstod.qt.background``), the window answering meanwhile. The import is
written through a connection of the worker's own; the directory then takes the
new entries and rebuilds its index in slices (the page's ``rebuild_later``).

Signals:
    imported(): the local entries were replaced by an import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QWidget

from fkstod.core.directory import Directory, DirectoryError, FileProblem
from fkstod.core.directory.service import ImportPlan, write_export
from fkstod.core.i18n import _
from fkstod.core.plural import plural
from fkstod.core.progress import Cancelled, Progress
from fkstod.qt.background import run_in_background
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.katalog import EXPORT_CHOOSER_KEYS, EXPORT_KEYS, IMPORT_KEYS
from fkstod.ui.katalog.import_problems import DirectoryImportProblems
from fkstod.ui.shortcuts_dialog import key_text


def _clean_entry(text: str) -> str:
    # "Som &CSV-fil…" → "som CSV-fil"
    text = text.replace("&", "").rstrip("…").strip()
    return text[:1].lower() + text[1:]


T = TypeVar("T")


class DirectoryTransfer(QWidget):
    """The import and export buttons of the directory page."""

    imported = Signal()

    def __init__(
        self,
        directory: Directory,
        dialogs: Dialogs,
        problems: DirectoryImportProblems,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.dialogs = dialogs
        self.problems = problems
        # Seams for tests: the widget opens the dialog, core reads and writes the file.
        self.choose_import_path = self._ask_import_path
        self.choose_export_path = self._ask_export_path
        #: True while an import or export runs in the background (its keys do nothing then).
        self.busy = False
        self.import_button = QPushButton(self.tr("&Importera…"))
        self.import_button.setAccessibleName(self.tr("Importera lokala poster"))
        self.import_button.setToolTip(
            self.tr("Importera en Excel-arbetsbok, en CSV-fil eller ett HSDS-paket (Ctrl+I)")
        )
        self.import_button.clicked.connect(self.import_file)
        self.export_button = QPushButton(self.tr("E&xportera…"))
        self.export_button.setAccessibleName(self.tr("Exportera katalogen"))
        self.export_button.setToolTip(
            self.tr("Exportera katalogen som Excel-arbetsbok, CSV eller HSDS-paket (Ctrl+Skift+X)")
        )
        formats = QMenu(self.export_button)
        formats.setAccessibleName(self.tr("Välj format för exporten"))
        #: Format → what its entry says (and its key's description in F1's list).
        self.format_names = {
            "xlsx": self.tr("Som &Excel-arbetsbok (.xlsx)…"),
            "csv": self.tr("Som &CSV-fil…"),
            "hsds": self.tr("Som &HSDS-paket (Open Referral), en mapp…"),
        }
        actions = {}
        for fmt, text in self.format_names.items():
            # The key is the page's (install_shortcuts), shown beside the entry.
            actions[fmt] = formats.addAction(f"{text}\t{key_text(QKeySequence(EXPORT_KEYS[fmt]))}")
            actions[fmt].triggered.connect(lambda _=False, f=fmt: self.export_file(f))
        self.export_xlsx_action = actions["xlsx"]
        self.export_csv_action = actions["csv"]
        self.export_hsds_action = actions["hsds"]
        self.export_button.setMenu(formats)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.import_button)
        layout.addWidget(self.export_button)

    def install_shortcuts(self, scope: QWidget) -> None:
        """Make the import and export keys work wherever the focus is inside ``scope``.

        Ctrl+I imports, Ctrl+Shift+X opens the chooser of formats, and each format
        has its key (``katalog/keys.py``, the table Arkiv's entries show).
        """
        for keys, slot, what in (
            (IMPORT_KEYS, self.import_file, ""),
            (EXPORT_CHOOSER_KEYS, self.export_button.showMenu, ""),
            *(
                (
                    EXPORT_KEYS[fmt],
                    lambda f=fmt: self.export_file(f),
                    self.tr("Exportera katalogen") + " " + _clean_entry(text),
                )
                for fmt, text in self.format_names.items()
            ),
        ):
            shortcut = QShortcut(QKeySequence(keys), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if what:
                shortcut.setWhatsThis(what)  # F1: "Exportera katalogen som csv-fil"
            shortcut.activated.connect(slot)

    def _ask_import_path(self) -> str:
        return self.dialogs.open_file(
            self.tr("Importera lokala poster"),
            self.tr("Excel, CSV eller HSDS-paket (*.xlsx *.csv datapackage.json)"),
        )

    def _ask_export_path(self, fmt: str) -> str:
        if fmt == "hsds":
            return self.dialogs.choose_folder(self.tr("Välj en tom mapp för HSDS-paketet"))
        name, kind = {
            "xlsx": ("stodkatalog.xlsx", self.tr("Excel-arbetsbok (*.xlsx)")),
            "csv": ("stodkatalog.csv", self.tr("CSV-fil (*.csv)")),
        }[fmt]
        path, _filter = self.dialogs.save_file(self.tr("Exportera katalogen"), name, kind)
        return path

    def import_file(self) -> None:
        """Choose a file, show what it would change, and apply it all or nothing."""
        if not self.isEnabled() or self.busy:  # the directory is being read, or busy
            return
        path = self.choose_import_path()
        if not path:
            return
        self.problems.hide()
        directory = self.directory
        try:
            plan = self._in_background(
                self.tr("Importerar"),
                self.tr("Läser och kontrollerar {name}…").format(name=Path(path).name),
                lambda progress: directory.plan_import(Path(path), progress),
            )
        except Cancelled:
            return  # nothing read into the directory
        except FileProblem as exc:
            self.dialogs.error(self.tr("Filen kan inte importeras"), str(exc))
            return
        if not plan.ok:
            self.problems.show_problems([str(p) for p in plan.problems])
            return
        if not self.dialogs.confirm(
            self.tr("Importera?"),
            plan.summary() + ". " + self.tr("Vill du genomföra importen?"),
        ):
            return
        try:
            self._store(plan)
        except DirectoryError as exc:
            self.dialogs.error(self.tr("Importen genomfördes inte"), str(exc))
            return
        self.imported.emit()
        self.dialogs.info(self.tr("Importen är klar"), plan.summary() + ".")

    def _store(self, plan: ImportPlan) -> None:
        directory = self.directory
        if directory.file is None:  # in memory (tests, training): here, at once
            directory.store_import(plan)
        else:
            self._in_background(
                self.tr("Importerar"),
                plural(
                    len(plan.entries), self.tr("Sparar {n} post…"), self.tr("Sparar {n} poster…")
                ),
                lambda _progress: directory.store_import_in_this_thread(plan),
                cancellable=False,  # one transaction: all of it or nothing, not stopped midway
            )
        directory.took_import(plan, index_now=False)  # the page rebuilds the index in slices

    def export_file(self, fmt: str = "csv") -> None:
        """Choose where, and write the directory as ``xlsx``, ``csv`` or an HSDS package."""
        if not self.isEnabled() or self.busy:
            return
        path = self.choose_export_path(fmt)
        if not path:
            return
        entries = self.directory.entries()
        protected = self.directory.protected
        try:
            count = self._in_background(
                self.tr("Exporterar"),
                plural(len(entries), self.tr("Sparar {n} post…"), self.tr("Sparar {n} poster…")),
                lambda _progress: write_export(entries, Path(path), fmt, protected),
                cancellable=False,  # the file is written whole or not at all; quick to wait for
            )
        except FileProblem as exc:  # refused, or failed with the old file or folder kept
            self.dialogs.error(self.tr("Exporten sparades inte"), str(exc))
            return
        if fmt == "hsds":
            done = plural(
                count,
                _("{n} post sparad som HSDS-paket i mappen {p}"),
                _("{n} poster sparade som HSDS-paket i mappen {p}"),
            )
        else:
            done = plural(count, _("{n} post sparad i {p}"), _("{n} poster sparade i {p}"))
        self.dialogs.info(self.tr("Exporten är klar"), done.replace("{p}", path))

    def _in_background(
        self, title: str, text: str, work: Callable[[Progress], T], *, cancellable: bool = True
    ) -> T:
        self.busy = True
        try:
            return run_in_background(self, title, text, work, cancellable=cancellable)
        finally:
            self.busy = False
