"""Statistik: the caseworker's own counts in plain Swedish, and the coordinator's Sammanställning.

Signals:
    export_requested(): "Exportera statistik…" (Ctrl+Skift+T).
    aggregate_requested(): "Sammanställ exporter…" (Ctrl+Skift+M).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from fkstod.core.usage.summary import Group, what_is_counted
from fkstod.ui.widgets.plain_label import PlainLabel
from fkstod.ui.widgets.scroll_area import VerticalScrollArea
from fkstod.ui.widgets.wrap_layout import WrapLayout


def group_text(group: Group) -> str:
    """Return a group as the plain text shown (and read by a screen reader)."""
    return "\n".join(group.lines)


class CountsView(QWidget):
    """The counts per month and benefit: a heading and plain lines for each."""

    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Mina antal"))
        self.intro = PlainLabel(what_is_counted())
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName(self.tr("Vad som räknas"))
        self.intro.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.exported = PlainLabel()
        self.exported.setWordWrap(True)
        self.exported.setAccessibleName(self.tr("Exporterade månader"))
        self.exported.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.export_button = QPushButton(self.tr("&Exportera statistik… (Ctrl+Skift+T)"))
        self.export_button.setAccessibleName(self.tr("Exportera statistik"))
        self.export_button.clicked.connect(self.export_requested)
        self.empty = PlainLabel(self.tr("Inga antal sparade ännu."))
        self._groups = QWidget()
        self._groups_layout = QVBoxLayout(self._groups)
        self._groups_layout.setContentsMargins(0, 0, 0, 0)
        self.labels: list[tuple[PlainLabel, PlainLabel]] = []
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.intro)
        layout.addWidget(self.exported)
        buttons = WrapLayout()
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self._groups)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(VerticalScrollArea(content))

    def show_groups(self, groups: Sequence[Group], exported: str) -> None:
        """Replace the groups shown, and the line about the months already exported."""
        for heading, body in self.labels:
            heading.deleteLater()
            body.deleteLater()
        self.labels = []
        for group in groups:
            heading = PlainLabel(group.title)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            heading.setAccessibleName(group.title)
            body = PlainLabel(group_text(group))
            body.setWordWrap(True)
            body.setAccessibleName(group.title)
            body.setAccessibleDescription(group_text(group))
            # Reachable by Tab, so that a screen reader user can read each group.
            body.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self._groups_layout.addWidget(heading)
            self._groups_layout.addWidget(body)
            self.labels.append((heading, body))
        self.empty.setVisible(not groups)
        self.exported.setText(exported)
        self.export_button.setEnabled(bool(groups))

    def texts(self) -> list[str]:
        """Return what the groups say, heading and lines, in order (for tests and reading)."""
        return [f"{h.text()}\n{b.text()}" for h, b in self.labels]


class StatisticsPage(QWidget):
    """Two tabs: Mina antal (the caseworker's) and Sammanställning (the coordinator's)."""

    export_requested = Signal()
    aggregate_requested = Signal()

    def __init__(self, aggregate: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Statistik"))
        heading = QLabel(self.tr("<h1>Statistik</h1>"))
        self.counts = CountsView()
        self.counts.export_requested.connect(self.export_requested)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Statistik"))
        self.tabs.addTab(self.counts, self.tr("Mi&na antal"))
        self.aggregate = aggregate
        if aggregate is not None:
            self.tabs.addTab(aggregate, self.tr("Samman&ställning"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.tabs)

    def show_groups(self, groups: Sequence[Group], exported: str) -> None:
        """Show the caseworker's counts (see ``CountsView.show_groups``)."""
        self.counts.show_groups(groups, exported)

    def show_aggregate(self) -> None:
        """Show the Sammanställning tab."""
        if self.aggregate is not None:
            self.tabs.setCurrentWidget(self.aggregate)
