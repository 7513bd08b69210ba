"""One step of a flow: what to say, large; what to keep in mind, beside; numbered answers.

An acute step (``Step.is_acute``) is set apart from every other: a thick double frame, and
above the step "AKUT" with the number to call in large type (``FlowAcuteBanner``).

Signals:
    option_chosen(int): an answer was picked (0-based), by key 1–9 or click.
    (On a checklist step, keys 1–9 tick and untick its points.)
    continue_requested(): Enter on a step without answers (or the button).
    back_requested(): Backspace or Alt+Left.
    leave_requested(): Esc (leaves a jump, or asks to leave the flow).
    (Page Up and Page Down scroll a step too long for the window.)
    item_toggled(int): a checklist point was ticked or unticked.
    directory_clicked(str, bool): a directory shortcut (Alt+1…): category, filter on kommun.
    orosanmalan_clicked(): the hand-off to the orosanmälan generator (Alt+R).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.flows.model import Step
from fkstod.core.flows.text import keep_numbers_together
from fkstod.qt.speech import announce, shown_items
from fkstod.ui.samtal.acute_banner import FlowAcuteBanner
from fkstod.ui.samtal.check_item import FlowCheckItem
from fkstod.ui.widgets.plain_label import PlainLabel
from fkstod.ui.widgets.scroll_area import VerticalScrollArea
from fkstod.ui.widgets.wrap_button import WrapButton
from fkstod.ui.widgets.wrap_layout import WrapLayout

#: The acute frame's colour. It only adds to the frame's shape and the words "AKUT".
ACUTE_COLOUR = QColor(176, 0, 32)


def _rich(text: str) -> str:
    # Numbers kept whole: '020-50 50' on one line and '50' on the next reads as two numbers.
    return html.escape(keep_numbers_together(text)).replace("\n", "<br>")


class FlowStepView(QWidget):
    """Shows one step and turns keys into choices."""

    option_chosen = Signal(int)
    continue_requested = Signal()
    back_requested = Signal()
    leave_requested = Signal()
    item_toggled = Signal(int)
    directory_clicked = Signal(str, bool)
    orosanmalan_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Steg i flödet"))
        self._step: Step | None = None

        self.flow_title = PlainLabel()
        self.flow_title.setAccessibleName(self.tr("Flöde"))
        self.flow_title.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Hur långt i flödet"))
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress_text = PlainLabel()
        self.progress_text.setAccessibleName(self.tr("Steg"))
        self.step_title = QLabel()
        self.step_title.setAccessibleName(self.tr("Stegets rubrik"))
        self.step_title.setWordWrap(True)

        self.say = QLabel()
        self.say.setWordWrap(True)
        self.say.setTextFormat(Qt.TextFormat.RichText)
        self.say.setAccessibleName(self.tr("Säg"))
        self.say.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.say.setFrameShape(QFrame.Shape.StyledPanel)
        self.say.setMargin(12)
        self.say.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.setAccessibleName(self.tr("Tänk på"))
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.guidance.setMargin(8)
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.texts = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.texts.addWidget(self.say, 1)
        self.texts.addWidget(self.guidance, 1)

        # The answers, the checklist and the shortcuts are made once and reused from
        # step to step (shown, given their text, or hidden): making and deleting
        # widgets on every key press cost more than the rest of a step change.
        self.choices = QVBoxLayout()
        self._option_rows = QVBoxLayout()
        self._item_rows = QVBoxLayout()
        self.choices.addLayout(self._option_rows)
        self.choices.addLayout(self._item_rows)
        # The directory shortcuts wrap onto more rows: five of them must not widen the window.
        self.extras = WrapLayout()
        self._option_pool: list[WrapButton] = []
        self._item_pool: list[FlowCheckItem] = []
        self._directory_pool: list[tuple[WrapButton, QShortcut]] = []
        self._orosanmalan: tuple[WrapButton, QShortcut] | None = None
        self._shortcuts: list[tuple[str, bool]] = []  # per directory button: category, kommun
        self.option_buttons: list[QPushButton] = []
        self.item_boxes: list[FlowCheckItem] = []
        self.extra_buttons: list[QPushButton] = []

        self.back_button = QPushButton(self.tr("← Tillbaka (Backsteg)"))
        self.back_button.setAccessibleName(self.tr("Tillbaka ett steg"))
        self.back_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.back_button.clicked.connect(self.back_requested)
        self.continue_button = QPushButton(self.tr("Fortsätt (Enter) →"))
        self.continue_button.setAccessibleName(self.tr("Fortsätt till nästa steg"))
        self.continue_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.continue_button.clicked.connect(self.continue_requested)
        # Says which keys work, while the step has them (with the frame, paintEvent).
        self.key_hint = PlainLabel()
        self.key_hint.setAccessibleName(self.tr("Tangenter"))
        self.key_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_hint.setWordWrap(True)  # "Bocka av med 1–5, Enter går vidare" in compact mode
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.key_hint, 1)
        nav.addWidget(self.continue_button)

        top = QHBoxLayout()
        top.addWidget(self.flow_title, 1)
        top.addWidget(self.progress_text)
        top.addWidget(self.progress)
        content = QWidget()
        steps = QVBoxLayout(content)
        steps.setContentsMargins(0, 0, 0, 0)
        steps.addLayout(top)
        steps.addWidget(self.step_title)
        steps.addLayout(self.texts)
        steps.addLayout(self.choices)
        steps.addLayout(self.extras)
        steps.addStretch(1)
        self._steps = steps
        # Long text at large sizes scrolls; the way back and on stays in view below,
        # and the acute mark (112) above.
        self.scroll = VerticalScrollArea(content)
        self.acute_banner = FlowAcuteBanner()
        self.acute_banner.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.acute_banner)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(nav)
        self._margins = layout.contentsMargins()

    def set_compact(self, compact: bool) -> None:
        """In a narrow window, put "Tänk på" below the answers: the answers come first."""
        self.texts.setDirection(
            QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight
        )
        self.texts.removeWidget(self.guidance)
        self._steps.removeWidget(self.guidance)
        if compact:
            after_extras = self._steps.indexOf(self.extras) + 1
            self._steps.insertWidget(after_extras, self.guidance)
        else:
            self.texts.addWidget(self.guidance, 1)

    def show_step(
        self,
        step: Step,
        *,
        flow_title: str,
        progress: tuple[int, int],
        can_go_back: bool,
        previous: int | None = None,
        ticked: set[int] | None = None,
        in_jump: bool = False,
        returns_to: str = "",
    ) -> None:
        """Show ``step``; ``previous`` marks the answer given before going back.

        ``returns_to`` is the title of the step a jump goes back to from its end.
        """
        self._step = step
        self._show_emphasis(step)
        self.flow_title.setText(flow_title)
        taken, left = progress
        self.progress.setRange(0, max(1, taken + left))
        self.progress.setValue(taken)
        self.progress_text.setText(
            self.tr("Steg %1 · sista steget").replace("%1", str(taken + 1))
            if left <= 0
            else self.tr("Steg %1 · minst %2 kvar")
            .replace("%1", str(taken + 1))
            .replace("%2", str(left))
        )
        self.progress.setAccessibleDescription(self.progress_text.text())
        self.step_title.setText(f"<h2>{html.escape(step.title)}</h2>")
        self.say.setVisible(bool(step.say))
        self.say.setText(f'<p style="font-size:x-large">{_rich(step.say)}</p>' if step.say else "")
        self.guidance.setVisible(bool(step.guidance))
        self.guidance.setText(
            f"<p><b>{self.tr('Tänk på:')}</b> {_rich(step.guidance)}</p>" if step.guidance else ""
        )
        self._show_options(step, previous)
        self._show_items(step, ticked or set())
        self._show_extras(step)
        self.back_button.setEnabled(can_go_back)
        has_options = step.kind == "question"
        self.continue_button.setVisible(not has_options)
        if step.is_outcome and in_jump:
            # Where the call goes on: the step the jump was made from, by its title.
            back_to = returns_to or self.tr("samtalet")
            self.continue_button.setText(
                self.tr("Tillbaka till: %1 (Enter) →").replace("%1", back_to)
            )
            self.continue_button.setAccessibleName(
                self.tr("Tillbaka till: %1").replace("%1", back_to)
            )
        else:
            self.continue_button.setText(self.tr("Fortsätt (Enter) →"))
            self.continue_button.setAccessibleName(self.tr("Fortsätt till nästa steg"))
        self._update_hint()
        if self.hasFocus():
            # A key here (1–9, Enter) made the new step: no new focus for NVDA to say it by.
            announce(self, self.accessibleDescription())
        self.scroll.verticalScrollBar().setValue(0)  # a new step is read from the top
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def tab_order(self) -> list[QWidget]:
        """Return the controls in the order Tab visits them: the step, its answers, the way on."""
        return [
            self,
            *self.option_buttons,
            *self.item_boxes,
            *self.extra_buttons,
            self.back_button,
            self.continue_button,
        ]

    def _show_emphasis(self, step: Step) -> None:
        acute = step.is_acute
        self.acute_banner.setVisible(acute)
        if acute:
            self.acute_banner.show_number(step.emphasis_number)
        self.setAccessibleName(self.tr("Akut steg i flödet") if acute else self.tr("Steg i flödet"))
        # Room inside the edge for the acute frame, with the focus frame inside it.
        m = self._margins
        extra = self._acute_width() * 2 if acute else 0
        self.layout().setContentsMargins(
            m.left() + extra, m.top() + extra, m.right() + extra, m.bottom() + extra
        )
        self.update()

    def _acute_width(self) -> int:
        return max(4, self.fontMetrics().height() // 4)

    def _update_hint(self) -> None:
        if not self.hasFocus() or self._step is None:
            text = ""
        elif self._step.kind == "question":
            text = self.tr("Svara med 1–%1").replace("%1", str(min(9, len(self._step.options))))
        elif self._step.items:
            # Only the first nine points have a key (a checklist may be longer).
            text = self.tr("Bocka av med 1–%1, Enter går vidare").replace(
                "%1", str(min(9, len(self._step.items)))
            )
        else:
            text = self.tr("Enter går vidare")
        self.key_hint.setText(text)
        if self._step is not None and self._step.is_acute:
            said = self.acute_banner.accessibleDescription()
            text = f"{said}. {text}" if text else said
        # The step's words too (its title, what to say, what to think of): the view keeps
        # the keys, so a screen reader says its description, never the labels inside it.
        words = shown_items(self, leave_out=(self.key_hint, self.acute_banner))
        self.setAccessibleDescription("\n".join([*words, text] if text else words))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._update_hint()
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._update_hint()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        acute = self._step is not None and self._step.is_acute
        if not acute and not self.hasFocus():
            return
        painter = QPainter(self)
        inset = 0
        if acute:
            # A thick double frame: a shape no other step has, whatever the colours.
            width = self._acute_width()
            for offset, line in ((0, width), (width + width // 2, max(2, width // 3))):
                pen = QPen(ACUTE_COLOUR)
                pen.setWidth(line)
                painter.setPen(pen)
                half = offset + line // 2
                painter.drawRect(self.rect().adjusted(half, half, -half - 1, -half - 1))
            inset = width * 2
        if not self.hasFocus():
            return
        # The step takes 1–9 and Enter itself, so it draws its own focus mark: a
        # frame (a shape, not only a colour) together with the key hint below.
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
        pen.setWidth(max(2, self.fontMetrics().height() // 8))
        painter.setPen(pen)
        half = inset + pen.width() // 2
        painter.drawRect(self.rect().adjusted(half, half, -half - 1, -half - 1))

    def _show_options(self, step: Step, previous: int | None) -> None:
        while len(self._option_pool) < len(step.options):
            button = WrapButton()
            i = len(self._option_pool)
            button.clicked.connect(lambda _=False, i=i: self.option_chosen.emit(i))
            self._option_rows.addWidget(button)
            self._option_pool.append(button)
        for n, button in enumerate(self._option_pool, start=1):
            if n > len(step.options):
                if not button.isHidden():
                    button.hide()
                continue
            option = step.options[n - 1]
            mark = self.tr(" ✓ (förra svaret)") if previous == n - 1 else ""
            button.setText(f"{n}  {keep_numbers_together(option.label)}{mark}")
            button.setAccessibleName(
                self.tr("Svar %1: %2").replace("%1", str(n)).replace("%2", option.label)
            )
            button.show()
        self.option_buttons = list(self._option_pool[: len(step.options)])

    def _show_items(self, step: Step, ticked: set[int]) -> None:
        while len(self._item_pool) < len(step.items):
            box = FlowCheckItem()
            i = len(self._item_pool)
            # A tick by mouse, Space or its number key is reported; one set here for a
            # step shown again is not (its signals are blocked while it is set).
            box.toggled.connect(lambda _=False, i=i: self.item_toggled.emit(i))
            self._item_rows.addWidget(box)
            self._item_pool.append(box)
        for n, box in enumerate(self._item_pool):
            if n >= len(step.items):
                if not box.isHidden():
                    box.hide()
                continue
            item = keep_numbers_together(step.items[n])
            box.setText(f"{n + 1}  {item}" if n < 9 else item)  # ticked by its number key
            box.setAccessibleName(step.items[n])
            box.blockSignals(True)
            box.setChecked(n in ticked)
            box.blockSignals(False)
            box.show()
        self.item_boxes = list(self._item_pool[: len(step.items)])

    def _show_extras(self, step: Step) -> None:
        if self._orosanmalan is None:
            # Made once, in order: nine directory shortcuts (Alt+1…9), then the report.
            for n in range(1, 10):
                button = WrapButton()
                button.clicked.connect(lambda _=False, i=n - 1: self._directory_chosen(i))
                self._directory_pool.append((button, self._add_extra(button, f"Alt+{n}")))
            button = WrapButton(self.tr("Skriv orosanmälan (Alt+R)"))
            button.setAccessibleName(self.tr("Skriv orosanmälan"))
            button.setToolTip(self.tr("Öppna Orosanmälan för den här förmånen (Alt+R)"))
            button.clicked.connect(self.orosanmalan_clicked)
            self._orosanmalan = (button, self._add_extra(button, "Alt+R"))
        shortcuts = step.directory[:9]
        self._shortcuts = [(s.category, s.kommun) for s in shortcuts]
        for n, (button, key) in enumerate(self._directory_pool, start=1):
            if n <= len(shortcuts):
                label, keys = shortcuts[n - 1].label, f"Alt+{n}"
                button.setText(
                    self.tr("Stödkatalog: %1 (%2)").replace("%1", label).replace("%2", keys)
                )
                button.setAccessibleName(label)
                button.setToolTip(self.tr("Visa i Stödkatalogen (%1)").replace("%1", keys))
            self._show_extra(button, key, n <= len(shortcuts))
        self._show_extra(*self._orosanmalan, step.orosanmalan)
        self.extra_buttons = [b for b, _k in self._directory_pool[: len(shortcuts)]]
        if step.orosanmalan:
            self.extra_buttons.append(self._orosanmalan[0])

    def _clear(self) -> None:
        """Show no answers, points or shortcuts: the reused widgets emptied and hidden."""
        for box in self._item_pool:
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        extras = [b for b, _k in self._directory_pool]
        for widget in [*self._option_pool, *self._item_pool, *extras]:
            widget.setText("")
            widget.hide()
        for _button, key in self._directory_pool:
            key.setEnabled(False)
        if self._orosanmalan is not None:
            self._show_extra(*self._orosanmalan, False)
        self._shortcuts = []
        self.option_buttons, self.item_boxes, self.extra_buttons = [], [], []

    def _directory_chosen(self, index: int) -> None:
        if index < len(self._shortcuts):
            self.directory_clicked.emit(*self._shortcuts[index])

    @staticmethod
    def _show_extra(button: QPushButton, shortcut: QShortcut, shown: bool) -> None:
        # Shown now, not on the next turn of the event loop: its key works at once;
        # a hidden one's key does nothing.
        if button.isHidden() == shown:
            button.setVisible(shown)
            shortcut.setEnabled(shown)

    def _add_extra(self, button: QPushButton, keys: str) -> QShortcut:
        # A QShortcut, not the button's own: that one would take the focus from the
        # step (1–9 stop working) and click only after a 100 ms animation. It lives
        # and dies with the button, and works wherever the focus is in the window.
        button.setAccessibleDescription(self.tr("Snabbtangent %1").replace("%1", keys))
        shortcut = QShortcut(QKeySequence(keys), button)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(button.click)
        self.extras.addWidget(button)
        button.hide()
        shortcut.setEnabled(False)  # until the button is shown (_show_extra)
        return shortcut

    def forget(self) -> None:
        """Show nothing (a new conversation): no step, answer or tick of the last call stays."""
        self._clear()
        self._step = None
        for label in (self.flow_title, self.progress_text, self.step_title, self.say):
            label.clear()
        self.guidance.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            index = key - Qt.Key.Key_1
            if index < len(self.option_buttons):
                self.option_chosen.emit(index)
            elif not self.option_buttons and index < len(self.item_boxes):
                self.item_boxes[index].toggle()  # a checklist point, ticked by its number
            return
        if (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self._step
            and self._step.kind != "question"
        ):
            self.continue_requested.emit()
            return
        if key == Qt.Key.Key_Backspace or (
            key == Qt.Key.Key_Left and mods & Qt.KeyboardModifier.AltModifier
        ):
            self.back_requested.emit()
            return
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            # The focus stays here for the digit keys, so the page keys scroll for it.
            bar = self.scroll.verticalScrollBar()
            step = bar.pageStep() if key == Qt.Key.Key_PageDown else -bar.pageStep()
            bar.setValue(bar.value() + step)
            return
        if key == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            return
        super().keyPressEvent(event)
