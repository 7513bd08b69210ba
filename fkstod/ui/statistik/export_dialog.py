"""Exportera statistik…: shows exactly what will leave the computer, then saves it.

The dialog never builds or writes the file itself: it is given ``build(months,
unit) -> document`` and ``save(document) -> bool`` (the section wires them to
``core.usage.export``). What is shown is made from the very document that is
saved, so the two cannot differ.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.i18n import _
from fkstod.core.usage.export import default_months, month_range
from fkstod.core.usage.summary import counts_of_export, summarise
from fkstod.core.usage.units import Unit
from fkstod.ui.statistik.page import group_text
from fkstod.ui.widgets.plain_label import PlainLabel, selectable_by_keys
from fkstod.ui.widgets.scroll_area import VerticalScrollArea
from fkstod.ui.widgets.wrap_layout import WrapLayout

Build = Callable[[Sequence[str], "str | None"], Mapping[str, Any]]
#: How often an open dialog checks whether the month has ended meanwhile.
MONTH_CHECK_MS = 30_000


class ExportDialog(QDialog):
    """Choose the months and (optionally) a unit, see the content, save it."""

    def __init__(
        self,
        months: Sequence[str],
        units: Sequence[Unit],
        exported: Mapping[str, int],
        build: Build,
        save: Callable[[Mapping[str, Any]], bool],
        parent: QWidget | None = None,
        *,
        current: str,
        sent_with_id: Collection[str] = frozenset(),
        sent_running: Collection[str] = frozenset(),
        clock: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Exportera statistik"))
        self.setAccessibleName(self.tr("Exportera statistik"))
        self._build = build
        self._save = save
        self._exported = exported
        self.document: Mapping[str, Any] = {}
        self._current = current
        # Left open past midnight of a month's last day, the month is over: it no
        # longer says "inte slut än" (checked every MONTH_CHECK_MS while shown, when
        # shown again, and at each choice). Closed, it stays a child of the window
        # until the next one is opened: its clock stops (``hideEvent``).
        self._clock = clock
        self.month_timer = QTimer(self)
        self.month_timer.setInterval(MONTH_CHECK_MS)
        self.month_timer.timeout.connect(self._follow_month)
        # Months that went out with their id: sent again, the merge counts them once.
        self._sent_with_id = frozenset(sent_with_id)
        self.first = QComboBox()
        self.last = QComboBox()
        for combo, name in ((self.first, _("Från månad")), (self.last, _("Till månad"))):
            for month in months:
                combo.addItem(month, month)
            combo.setAccessibleName(name)
        self._label_running()
        # Unless chosen otherwise: the complete months not exported before, or last sent
        # while they still ran (none: nothing).
        offered = default_months(months, exported, current, sent_running)
        self.first.setCurrentIndex(self.first.findData(offered[0]) if offered else -1)
        self.last.setCurrentIndex(self.last.findData(offered[-1]) if offered else -1)
        self.unit = QComboBox()
        self.unit.setAccessibleName(self.tr("Enhet"))
        self.unit.addItem(self.tr("Ingen enhet angiven"), None)
        for u in units:
            self.unit.addItem(u.name, u.code)
        # Connected once every control exists: filling a list already changes its index.
        for combo in (self.first, self.last, self.unit):
            combo.currentIndexChanged.connect(self.refresh)
        form = QFormLayout()
        for text, widget in (
            (self.tr("&Från månad:"), self.first),
            (self.tr("&Till månad:"), self.last),
            (self.tr("&Enhet (valfri):"), self.unit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.intro = PlainLabel(
            self.tr(
                "Det här, och inget annat, sparas i filen: antalen nedan, månaderna, enheten "
                "om du väljer en, fkstods version och ett slumpat id som bara används för att "
                "samma fil inte ska räknas två gånger. Inga namn, ingen dator, ingen tidpunkt."
            )
        )
        self.intro.setWordWrap(True)
        self.months_line = PlainLabel()
        self.months_line.setWordWrap(True)
        self.months_line.setAccessibleName(self.tr("Månader i exporten"))
        self.months_line.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.again = PlainLabel()
        self.again.setWordWrap(True)
        self.again.setAccessibleName(self.tr("Exporterat förut"))
        self.again.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.content = PlainLabel()
        self.content.setWordWrap(True)
        self.content.setAccessibleName(self.tr("Det som sparas"))
        selectable_by_keys(self.content)
        self.content.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.problem = PlainLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Fel"))
        self.problem.hide()
        self.save_button = QPushButton(self.tr("&Spara… (Ctrl+S)"))
        self.save_button.setAccessibleName(self.tr("Spara exporten"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.accept_and_save)
        self.cancel_button = QPushButton(self.tr("Avbryt (Esc)"))
        self.cancel_button.setAccessibleName(self.tr("Avbryt"))
        self.cancel_button.clicked.connect(self.reject)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.activated.connect(self.accept_and_save)
        buttons = WrapLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.intro)
        layout.addWidget(self.months_line)
        layout.addWidget(self.again)
        layout.addWidget(VerticalScrollArea(self.content), 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.resize(640, 560)
        self.refresh()

    def months(self) -> list[str]:
        """Return the months chosen (every month from the first to the last)."""
        first, last = self.first.currentData(), self.last.currentData()
        if not first or not last:
            return []
        if first > last:
            first, last = last, first
        return month_range(first, last)

    def _label_running(self) -> None:
        # The month still running is offered, but says so where it is chosen.
        for combo in (self.first, self.last):
            for i in range(combo.count()):
                month = combo.itemData(i)
                running = month >= self._current
                combo.setItemText(
                    i, self.tr("{m} (inte slut än)").format(m=month) if running else month
                )

    def _month_changed(self) -> bool:
        """Take the month of now; True (and labelled anew) when it is not the one shown."""
        if self._clock is None or self._clock() == self._current:
            return False
        self._current = self._clock()
        self._label_running()
        return True

    def refresh(self) -> None:
        """Build the document anew from the choices and show it."""
        self._month_changed()
        # One end chosen (nothing was offered, so both started empty): that one month.
        for empty, chosen in ((self.first, self.last), (self.last, self.first)):
            if empty.currentIndex() < 0 <= chosen.currentIndex():
                empty.blockSignals(True)
                empty.setCurrentIndex(chosen.currentIndex())
                empty.blockSignals(False)
        months = self.months()
        self.document = self._build(months, self.unit.currentData())
        covered = list(self.document.get("months", []))
        running = [m for m in covered if m >= self._current]
        if covered:
            text = self.tr("Månader som exporteras: {months}").format(months=", ".join(covered))
        else:
            text = self._nothing_chosen()
        if running:
            text += "\n" + self.tr(
                "Obs: {m} är inte slut än, så antalen för den är inte kompletta. Exportera "
                "den igen när den är slut: då räknas den nya exporten i stället."
            ).format(m=running[0])
        self.months_line.setText(text)
        self.save_button.setEnabled(bool(covered))
        before = [m for m in covered if m in self._exported]
        once = [m for m in before if m in self._sent_with_id]
        twice = [m for m in before if m not in self._sent_with_id]
        notes = []
        if once:
            notes.append(
                self.tr(
                    "Obs: {months} har exporterats förut. Det gör inget: samordnaren räknar "
                    "varje månad en gång, från den export som har flest antal."
                ).format(months=", ".join(once))
            )
        if twice:
            # Sent by an earlier version of fkstod, without the month's id.
            notes.append(
                self.tr(
                    "Obs: {months} har exporterats förut med en tidigare version av fkstod. "
                    "Exportera igen bara om den förra filen inte kom fram, annars räknas "
                    "samtalen två gånger."
                ).format(months=", ".join(twice))
            )
        self.again.setText("\n".join(notes))
        self.again.setVisible(bool(before))
        self.content.setText(self.preview_text())

    def _follow_month(self) -> None:
        if self._month_changed():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._clock is not None:
            self._follow_month()
            self.month_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.month_timer.stop()
        super().hideEvent(event)

    def _nothing_chosen(self) -> str:
        # Why nothing was offered: every complete month went out, or there is none yet.
        counted = [self.first.itemData(i) for i in range(self.first.count())]
        if any(m < self._current for m in counted):
            text = self.tr("Inga månader valda. Alla hela månader har exporterats förut.")
        else:
            text = self.tr("Inga månader valda. Det finns inga hela månader med antal ännu.")
        if self._current in counted:
            text += " " + self.tr(
                "{m} är inte slut än; välj den ovan om du ändå vill skicka den."
            ).format(m=self._current)
        else:
            text += " " + self.tr("Välj en månad ovan om du ändå vill skicka den.")
        return text

    def preview_text(self) -> str:
        """Return the content shown: the document's own counts, in words."""
        groups = summarise(counts_of_export(self.document))
        if not groups:
            return self.tr("Inga antal i de valda månaderna.")
        return "\n\n".join(f"{g.title}\n{group_text(g)}" for g in groups)

    def accept_and_save(self) -> None:
        """Save the document shown; close when it was saved."""
        if self.document.get("months") and self._save(self.document):
            self.accept()
