"""Pick a flow: by benefit and situation, typing to filter. Broken flows are listed, not hidden.

Signals:
    flow_chosen(str, str): a flow was picked: flow id and benefit code.
    unavailable_chosen(str, str): a broken flow was picked: its title and its faults.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.flows import FlowLibrary
from fkstod.core.vocabulary import BENEFITS
from fkstod.ui.widgets.accent_room import give_accent_room

_FLOW_ID = Qt.ItemDataRole.UserRole
_BROKEN = Qt.ItemDataRole.UserRole + 1


class FlowPicker(QWidget):
    """A benefit choice, a filter field and the list of flows that match."""

    flow_chosen = Signal(str, str)
    unavailable_chosen = Signal(str, str)

    def __init__(self, library: FlowLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setAccessibleName(self.tr("Välj flöde"))
        heading = QLabel(self.tr("<h1>Samtalsstöd</h1>"))
        intro = QLabel(
            self.tr(
                "Välj förmån och skriv vad samtalet gäller. Enter startar flödet. "
                "Inget om personen sparas."
            )
        )
        intro.setWordWrap(True)
        self.benefit = QComboBox()
        self.benefit.setAccessibleName(self.tr("Förmån"))
        self.benefit.addItem(self.tr("Alla förmåner"), "")
        for code, label in BENEFITS.items():
            self.benefit.addItem(label, code)
        self.filter = QLineEdit()
        self.filter.setAccessibleName(self.tr("Filtrera flöden"))
        self.filter.setPlaceholderText(self.tr("Skriv för att filtrera, t.ex. ombud eller barn"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Flöden"))
        give_accent_room(self.list)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)

        form = QFormLayout()
        form.addRow(self.tr("&Förmån:"), self.benefit)
        form.addRow(self.tr("&Sök:"), self.filter)
        for label in (form.labelForField(self.benefit), form.labelForField(self.filter)):
            label.setAccessibleName(label.text().replace("&", ""))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)

        self.benefit.currentIndexChanged.connect(self.refresh)
        self.filter.textChanged.connect(self.refresh)
        #: The filter holds the last call's words (``keep_for_next_call``): whenever the
        #: keys come back to it they are selected, so the next caller's words replace them.
        self.carried_over = False
        self.filter.textEdited.connect(self._typed)
        self.filter.returnPressed.connect(self.choose_current)
        self.list.itemActivated.connect(lambda _item: self.choose_current())
        self.filter.installEventFilter(self)
        self.refresh()

    def tab_order(self) -> list[QWidget]:
        """Return the controls in the order Tab visits them."""
        return [self.benefit, self.filter, self.list]

    def benefit_code(self) -> str:
        """Return the chosen benefit code, or '' for all."""
        return self.benefit.currentData() or ""

    def refresh(self) -> None:
        """List the flows matching the benefit and every word of the filter."""
        benefit = self.benefit_code()
        words = self.filter.text().casefold().split()
        self.list.clear()
        # Conversations first; then the topic flows that answers and jump keys also
        # open (honour, exploitation, protected identity, ...), so that a caseworker
        # can go straight to one.
        topic = self.tr("Ämne: ")
        listed = [(flow, "") for flow in self.library.conversations()]
        listed += [(flow, topic) for flow in self.library.topics()]
        for flow, prefix in listed:
            if benefit and benefit not in flow.benefits:
                continue
            haystack = " ".join([flow.title, flow.when, *flow.keywords]).casefold()
            if not all(w in haystack for w in words):
                continue
            item = QListWidgetItem(f"{prefix}{flow.title}\n{flow.when}")
            item.setData(_FLOW_ID, flow.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{prefix}{flow.title}. {flow.when}")
            self.list.addItem(item)
        for broken in self.library.unavailable:
            if words and not all(w in broken.title.casefold() for w in words):
                continue
            text = self.tr("Ej tillgängligt: %1 (%2 fel)").replace("%1", broken.title)
            item = QListWidgetItem(text.replace("%2", str(len(broken.problems))))
            item.setData(_BROKEN, "\n".join(str(p) for p in broken.problems))
            item.setData(_FLOW_ID, broken.title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text())
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def choose_current(self) -> None:
        """Start the flow selected in the list (or tell why it is unavailable)."""
        item = self.list.currentItem()
        if item is None:
            return
        faults = item.data(_BROKEN)
        if faults:
            self.unavailable_chosen.emit(item.data(_FLOW_ID), faults)
            return
        flow = self.library.get(item.data(_FLOW_ID))
        self.flow_chosen.emit(flow.id, self.benefit_code() or flow.benefits[0])

    def keep_for_next_call(self) -> None:
        """Keep the filter's words for the next call, selected so that typing replaces them."""
        self.carried_over = bool(self.filter.text())
        self.filter.selectAll()

    def _typed(self, _text: str) -> None:
        self.carried_over = False

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.filter
            and event.type() == QEvent.Type.FocusIn
            and self.carried_over
            and event.reason() != Qt.FocusReason.MouseFocusReason  # a click places the cursor
        ):
            # Losing the focus took the selection away (QLineEdit deselects then); the
            # field's own focus handling, after this, keeps a selection it finds.
            self.filter.selectAll()
        # Up and Down in the filter field move in the list: type, arrow, Enter.
        if (
            watched is self.filter
            and isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
        ) and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
            self.list.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)
