"""Stödkatalog: search as you type, filters, details to read out, local editing.

Import and export are in ``DirectoryTransfer``.

Signals:
    referral_shown(str): support contacts of a REFERRAL_CATEGORIES category were
        shown (a flow's shortcut, or a number copied). Never the search text.
    number_copied(str): an entry's number was copied (its category).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fkstod.core import kommuner
from fkstod.core.directory import TARGET_GROUPS, VIOLENCE_FORMS, Directory
from fkstod.core.directory.open_state import OpenState, needs_kommun, open_state
from fkstod.core.directory.validate import display_phone, display_web
from fkstod.core.i18n import _
from fkstod.core.plural import count_text, plural
from fkstod.core.vocabulary import REFERRAL_CATEGORIES
from fkstod.qt.indicator_style import scale_indicators
from fkstod.qt.private_clipboard import copy_private
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.katalog.editing import DirectoryEditing
from fkstod.ui.katalog.entry_view import DirectoryEntryView
from fkstod.ui.katalog.filter_grid import DirectoryFilterGrid
from fkstod.ui.katalog.import_problems import DirectoryImportProblems
from fkstod.ui.katalog.loading import DirectoryLoading
from fkstod.ui.katalog.notice import DirectoryNotice
from fkstod.ui.katalog.open_renewal import DirectoryOpenRenewal
from fkstod.ui.katalog.result_list import DirectoryResultList
from fkstod.ui.katalog.transfer import DirectoryTransfer
from fkstod.ui.widgets.arrow_rows import arrows_choose_rows
from fkstod.ui.widgets.call_bar import CallBar
from fkstod.ui.widgets.kommun_combo import KommunCombo
from fkstod.ui.widgets.status_label import StatusLabel


class DirectoryPage(DirectoryEditing, DirectoryLoading, DirectoryOpenRenewal, QWidget):
    """The directory section of the main window."""

    referral_shown = Signal(str)
    number_copied = Signal(str)

    def __init__(
        self,
        directory: Directory | None,
        dialogs: Dialogs,
        clock: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # None while the directory is still being read (see DirectoryLoading).
        self.directory: Directory | None = directory
        self.dialogs = dialogs
        self.clock = clock
        self.setAccessibleName(self.tr("Stödkatalog"))

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(
            self.tr("Sök på namn, stöd, språk eller ort – å, ä, ö behövs inte (Ctrl+F)")
        )
        self.search_box.setAccessibleName(self.tr("Sök i stödkatalogen"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self.run_search)
        self.search_box.returnPressed.connect(lambda: self.results.setFocus())

        self.kommun = KommunCombo(kommuner.kommuner(), self.tr("Kommun"), self.tr("Alla kommuner"))
        self._fit(self.kommun)
        self.kommun.currentIndexChanged.connect(self.run_search)
        self.kommun.accepted.connect(lambda: self.results.setFocus())  # like the search's Enter
        self.lan = self._combo(self.tr("Län"), self.tr("Alla län"))
        for code, name in sorted({(k.lanskod, k.lan) for k in kommuner.kommuner()}):
            self.lan.addItem(name, code)
        self.need = self._combo(self.tr("Behov först"), self.tr("Inget särskilt behov"))
        for code, label in REFERRAL_CATEGORIES.items():
            self.need.addItem(label, code)
        self.group = self._combo(self.tr("Målgrupp"), self.tr("Alla målgrupper"))
        for code, label in TARGET_GROUPS.items():
            if code != "alla":
                self.group.addItem(label, code)
        self.form = self._combo(self.tr("Våldsform"), self.tr("Alla våldsformer"))
        for code, label in VIOLENCE_FORMS.items():
            if code != "alla":
                self.form.addItem(label, code)
        self.language = self._combo(self.tr("Språk"), self.tr("Alla språk"))
        self._fill_languages()
        self.open_now = QCheckBox(self.tr("&Öppet nu"))
        self.open_now.setAccessibleName(self.tr("Bara de som har öppet nu"))
        self.open_now.toggled.connect(self.run_search)
        self.around_the_clock = QCheckBox(self.tr("D&ygnet runt"))
        self.around_the_clock.setAccessibleName(self.tr("Bara de som har öppet dygnet runt"))
        self.around_the_clock.toggled.connect(self.run_search)

        self.count = StatusLabel()
        self.count.setAccessibleName(self.tr("Antal träffar"))
        self.notice = DirectoryNotice()
        self.results = DirectoryResultList()
        arrows_choose_rows(self.search_box, self.results)  # type, then pick with the arrows
        self.results.setAccessibleName(self.tr("Träffar"))
        self.results.currentRowChanged.connect(self._show_current)
        self.view = DirectoryEntryView()
        self.view.copy_requested.connect(self.copy_number)

        self.new_button = self._button(self.tr("&Ny post"), "Ctrl+N", self.add_entry)
        self.edit_button = self._button(self.tr("Än&dra"), "Ctrl+E", self.edit_entry)
        self.remove_button = self._button(self.tr("&Ta bort"), "Ctrl+Delete", self.remove_entry)
        self.problems = DirectoryImportProblems()
        self.transfer = DirectoryTransfer(directory, dialogs, self.problems)
        self.problems.closed.connect(
            lambda: self.transfer.import_button.setFocus(Qt.FocusReason.OtherFocusReason)
        )
        self.transfer.imported.connect(lambda: self._after_change())
        self.transfer.install_shortcuts(self)

        self.filters = DirectoryFilterGrid(
            [
                (self.tr("&Kommun:"), self.kommun),
                (self.tr("&Län:"), self.lan),
                (self.tr("&Behov först:"), self.need),
                (self.tr("Målgr&upp:"), self.group),
                (self.tr("Våld&sform:"), self.form),
                (self.tr("Sp&råk:"), self.language),
            ]
        )
        checks = QHBoxLayout()
        checks.addWidget(self.open_now)
        checks.addWidget(self.around_the_clock)
        checks.addStretch(1)
        checks.addWidget(self.count)
        checks.addWidget(self.transfer)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.notice)
        left_layout.addWidget(self.results, 1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.problems)
        splitter = QSplitter()
        splitter.addWidget(left)
        self.details_area = QScrollArea()
        self.details_area.setWidget(self.view)
        self.details_area.setWidgetResizable(True)
        # A frame, drawn by the focus style in the focus colour when Tab reaches the area:
        # without one the contents cover all of it, and the keys arrive unseen.
        self.details_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.details_area.setAccessibleName(self.tr("Vald stödkontakt"))
        splitter.addWidget(self.details_area)
        # Even halves: at large text the details (number, hours, web address)
        # need the room more than the two-line result rows do.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        self.call_bar = CallBar()
        self.call_bar.install_shortcut(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.call_bar)
        layout.addWidget(self.search_box)
        layout.addWidget(self.filters)
        layout.addWidget(self.kommun.message)
        layout.addLayout(checks)
        layout.addWidget(splitter, 1)

        self._shortcut("Ctrl+F", self._focus_search)
        self._shortcut("Ctrl+K", lambda: self.view.copy_button.click())
        self.setFocusProxy(self.search_box)
        scale_indicators(self)
        self.start_open_state_renewal()
        self.start_loading(directory is None)
        self.run_search()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.offer_draft_soon()  # a draft a crash left: asked once the page is in sight

    # -- building helpers ----------------------------------------------------
    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        self._fit(combo)
        combo.addItem(everything, "")
        combo.currentIndexChanged.connect(self.run_search)
        return combo

    @staticmethod
    def _fit(combo: QComboBox) -> None:
        # Long items (290 municipalities) must not make the page wider than the window.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)

    def _button(self, text: str, shortcut: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(f"{text.replace('&', '')} ({shortcut})")
        button.clicked.connect(slot)
        self._shortcut(shortcut, slot)
        return button

    def _shortcut(self, keys: str, slot) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _fill_languages(self) -> None:
        if self.loading:
            return
        current = self.language.currentData()
        self.language.blockSignals(True)
        while self.language.count() > 1:
            self.language.removeItem(1)
        for name in self.directory.languages():
            self.language.addItem(name, name)
        index = self.language.findData(current)
        self.language.setCurrentIndex(max(0, index))
        self.language.blockSignals(False)

    def _focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    # -- searching -----------------------------------------------------------
    def run_search(self) -> None:
        """Search with what is typed and chosen, and show the best rows."""
        need = self.need.currentData()
        kommun = self.kommun.code()
        if needs_kommun(need or "") and not kommun and not self.search_box.text().strip():
            self._ask_for_kommun()
            return
        if self.loading:
            self.show_loading()
            return
        if (
            needs_kommun(need or "")
            and not self.search_box.text().strip()
            and self.directory.socialtjanst_for(kommun) is None
        ):
            self._no_local_office(kommun)
            return
        self.notice.hide()
        now = self.clock()
        result = self._search(now)
        self._open_ids = result.open_ids
        self.remember_shown(now, result)
        rows = []
        for entry in result.entries:
            state = {
                OpenState.AROUND_THE_CLOCK: self.tr("dygnet runt"),
                OpenState.UNKNOWN: self.tr("öppettider okända"),
                OpenState.VARIES: self.tr("öppettider varierar"),  # never "stängt nu" for these
                OpenState.OPEN: self.tr("öppet nu"),
                OpenState.CLOSED: self.tr("stängt nu"),
                OpenState.UNCHECKED: self.tr("öppettider ej kontrollerade"),
            }[open_state(entry, result.open_ids, now.date())]
            # No number: the web address as read out, short enough for the row.
            reach = display_phone(entry.telefon) or display_web(entry.webb)
            rows.append((entry.id, entry.title, reach, state))
        self.results.set_rows(rows)
        shown = len(result.entries)
        if result.total == 0:
            self.count.setText(self.tr("Inga träffar"))
        elif result.total > shown:
            self.count.setText(
                self.tr("Visar {n} av {m} träffar")
                .replace("{n}", count_text(shown))
                .replace("{m}", count_text(result.total))
            )
        else:
            self.count.setText(plural(result.total, _("{n} träff"), _("{n} träffar")))
        self.results.setCurrentRow(0 if shown else -1)
        self._show_current(self.results.currentRow())

    def _ask_for_kommun(self) -> None:
        self._asked_for_kommun = True
        self.notice.ask_for_kommun()
        self.notice_only()

    def _no_local_office(self, kommun: str) -> None:
        # The national lines would come first, headed by 112, as if they were the office.
        found = kommuner.by_code().get(kommun)
        self.notice.no_local_office(found.namn if found else kommun)
        self.notice_only()

    def notice_only(self) -> None:
        """Show the notice just set above no rows (no entry, no count)."""
        self._open_ids = frozenset()
        self.remember_shown(self.clock(), None)  # no rows: nothing the clock can make untrue
        self.results.set_rows([])
        self.count.setText("")
        self._show_current(-1)

    def _show_current(self, row: int) -> None:
        entry = self.current_entry()
        self.view.show_entry(
            entry, entry is not None and entry.id in self._open_ids, self.clock().date()
        )
        local = entry is not None and not entry.levererad
        self.edit_button.setEnabled(local)
        self.remove_button.setEnabled(local)

    def current_entry(self):
        """Return the entry on the current row, or None."""
        entry_id = self.results.entry_id(self.results.currentRow())
        if not entry_id or self.directory is None:
            return None
        return self.directory.get(entry_id)

    def visible_titles(self) -> list[str]:
        """Return the first line of every row shown (for tests and screen readers)."""
        return self.results.titles()

    def show_filtered(self, category: str, kommun: str = "") -> None:
        """Show the directory with ``category`` first, in ``kommun`` (may be empty)."""
        # Not with its signals blocked: the box's clear button would stay, on an empty box.
        self.search_box.clear()
        # Filters left from an earlier search could hide the very support asked for.
        for _label, combo in self.filters.pairs:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for check in (self.open_now, self.around_the_clock):
            check.blockSignals(True)
            check.setChecked(False)
            check.blockSignals(False)
        for combo, value in ((self.need, category), (self.kommun, kommun)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self._asked_for_kommun = False
        self.run_search()
        if self._asked_for_kommun:
            # Where the caseworker must start: type the kommun, pick it from the list.
            self.kommun.setFocus(Qt.FocusReason.OtherFocusReason)
            self.kommun.lineEdit().selectAll()
        if category in REFERRAL_CATEGORIES:
            self.referral_shown.emit(category)

    def forget_search(self) -> None:
        """Show the directory unfiltered: nothing typed or chosen for the last call stays."""
        self.show_filtered("", "")
        self.kommun.set_code("")  # also what was typed there, and its message

    def copy_number(self, entry_id: str) -> None:
        """Put the entry's number on the clipboard and count the referral."""
        if self.directory is None:
            return
        entry = self.directory.get(entry_id)
        if entry is None or not entry.telefon:
            return
        # Out of clipboard history (which may sync to other devices): which line was
        # copied (Välj att sluta, an hbtqi line) says what the call was about.
        copy_private(entry.telefon)
        self.view.mark_copied(entry.telefon)
        self.referral_shown.emit(entry.kategori)
        self.number_copied.emit(entry.kategori)
