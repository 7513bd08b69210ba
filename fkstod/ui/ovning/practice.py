"""Öva själv: a caseworker plays a case alone; fkstod plays the caller (keys: ``PRACTICE_KEYS``).

The window shows what the caller says at the step shown, the step's words and
its choices. Keys as in a call: 1–9 choose, Enter goes on from an information
step, Backspace goes back, F5–F8 take the global jumps, PgDn/PgUp, ↓/↑ and End
scroll. At the end: the path
taken beside the planned path, and the case's discussion points. Nothing is
counted (the session has no recorder) and nothing is stored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fkstod.core.flows import FlowLibrary
from fkstod.core.flows.model import GLOBAL_JUMP_KEYS
from fkstod.core.i18n import _
from fkstod.core.training import CONVERSATION_STEPS, Case, Comparison, Practice
from fkstod.qt.relative_size import keep_relative_size
from fkstod.qt.speech import tell_shown
from fkstod.ui.ovning.presenter import plain_label
from fkstod.ui.widgets.scroll_area import VerticalScrollArea

SCROLL_KEYS = {
    Qt.Key.Key_PageDown,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_Down,
    Qt.Key.Key_Up,
    Qt.Key.Key_End,
}
JUMP_BY_KEY = {getattr(Qt.Key, f"Key_{key}"): flow_id for flow_id, key in GLOBAL_JUMP_KEYS.items()}
CHOICE_KEYS = frozenset(getattr(Qt.Key, f"Key_{n}") for n in range(1, 10))
GO_ON_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space})
BACK_KEYS = frozenset({Qt.Key.Key_Backspace, Qt.Key.Key_Left})  # ← with Alt, as in a call

#: The window's keys as (keys, as written, what they do), for F1 (``OvningPage``):
#: ``keyPressEvent`` acts on these sets, and a test presses each key listed.
PRACTICE_KEYS: tuple[tuple[frozenset[int], str, str], ...] = (
    (CHOICE_KEYS, _("1–9"), _("väljer svaret")),
    (GO_ON_KEYS, _("Enter eller Mellanslag"), _("fortsätter från ett steg utan val")),
    (BACK_KEYS, _("Backsteg eller Alt+Vänsterpil"), _("tillbaka ett steg")),
    (
        frozenset(JUMP_BY_KEY),
        _("F5–F8"),
        _("akut fara, barn berörs, berättar om våld, kan inte prata nu (som i ett samtal)"),
    ),
    (frozenset(SCROLL_KEYS), _("PgDn, PgUp, ↓, ↑ eller End"), _("bläddrar")),
    (frozenset({Qt.Key.Key_Home}), _("Home"), _("börjar om")),
    (frozenset({Qt.Key.Key_Escape}), _("Esc"), _("stänger Öva själv")),
)


def comparison_text(result: Comparison) -> str:
    """Return the comparison as plain text: the differences, the goals, the discussion."""
    lines = [
        _("Din väg följde planen hela vägen.")
        if result.same
        else _("Här gick din väg en annan väg än planen:")
    ]
    for difference in result.differences:
        lines.append(f"• {difference.text()}")
        if difference.trainer:
            lines.append(f"   {difference.trainer}")
    if result.goals:
        lines += ["", _("Lärandemål:")]
        lines += [
            f"• {goal.text} ({goal.step}. {CONVERSATION_STEPS.get(goal.step, '')})"
            for goal in result.goals
        ]
    if result.discussion:
        lines += ["", _("Att fundera på och diskutera:")]
        lines += [f"• {q}" for q in result.discussion]
    lines += ["", _("Ingenting har räknats eller sparats. Home börjar om, Esc stänger.")]
    return "\n".join(lines)


class PracticeWindow(QWidget):
    """One practice run of a case, in a window of its own.

    Signals:
        finished(): the window was closed.
    """

    finished = Signal()

    def __init__(self, case: Case, library: FlowLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.case = case
        self.library = library
        self.practice = Practice(case, library)
        self.result: Comparison | None = None
        self.setWindowTitle(_("Öva själv: {title}").format(title=case.title))
        self.setAccessibleName(_("Öva själv"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        intro = plain_label(
            _(
                "Fiktivt fall. Du är handläggaren; fkstod säger vad personen svarar. {warning}"
            ).format(warning=_("Innehåll: {text}").format(text=case.content_warning)),
            name=_("Om övningen"),
        )
        self.caller = plain_label(name=_("Personen säger"))
        self.caller.setStyleSheet("border-left: 4px solid #555; padding: 6px;")
        keep_relative_size(self.caller, 1.2)
        self.step = plain_label(name=_("Steget"))
        keep_relative_size(self.step, 1.2, bold=True)
        self.say = plain_label(name=_("Säg"))
        self.guidance = plain_label(name=_("Tänk på"))
        self.choices = plain_label(name=_("Val"))
        self.keys = plain_label(name=_("Tangenter"))
        self.result_text = plain_label(name=_("Jämförelse med planen"))
        self.result_text.hide()
        self.restart_button = QPushButton(_("Börja om (Home)"))
        self.restart_button.clicked.connect(self.restart)
        self.restart_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close_button = QPushButton(_("Stäng (Esc)"))
        close_button.clicked.connect(self.close)
        close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # The step and the comparison scroll: at large text a long comparison is
        # taller than a laptop's screen (PgDn/PgUp, ↓/↑ and End scroll it).
        content = QWidget()
        steps = QVBoxLayout(content)
        steps.setContentsMargins(0, 0, 0, 0)
        self.scroll = VerticalScrollArea(content)
        self.scroll.setAccessibleName(_("Steget och jämförelsen"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.scroll, 1)
        self._headings: list[QLabel] = []
        for title, widget in (
            (_("Personen säger:"), self.caller),
            (_("Steg:"), self.step),
            (_("Du säger:"), self.say),
            (_("Tänk på:"), self.guidance),
            (_("Val:"), self.choices),
        ):
            heading = QLabel(title)
            heading.setStyleSheet("font-weight: bold;")
            heading.setBuddy(widget)
            self._headings.append(heading)
            steps.addWidget(heading)
            steps.addWidget(widget)
        steps.addWidget(self.result_text)
        steps.addStretch(1)
        layout.addWidget(self.keys)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restart_button)
        buttons.addWidget(close_button)
        layout.addLayout(buttons)
        self.resize(820, 640)
        self._show()

    # -- moving ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        session = self.practice.session
        bar = self.scroll.verticalScrollBar()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key == Qt.Key.Key_Home:
            self.restart()
        elif key in SCROLL_KEYS:
            step = bar.pageStep() if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) else 40
            if key == Qt.Key.Key_End:
                bar.setValue(bar.maximum())
            else:
                down = key in (Qt.Key.Key_PageDown, Qt.Key.Key_Down)
                bar.setValue(bar.value() + (step if down else -step))
        elif self.result is not None:
            super().keyPressEvent(event)
        elif key in CHOICE_KEYS:
            self.choose(int(key) - int(Qt.Key.Key_1))
        elif key in GO_ON_KEYS:
            self.go_on()
        elif key == Qt.Key.Key_Backspace or (
            key == Qt.Key.Key_Left and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            session.back()
            self._show()
        elif key in JUMP_BY_KEY and JUMP_BY_KEY[key] in self.library.flows:
            session.jump(JUMP_BY_KEY[key])
            self._show()
        else:
            super().keyPressEvent(event)

    def choose(self, index: int) -> None:
        """Choose answer ``index`` (0-based) of the question shown, if it has one."""
        step = self.practice.session.step
        if step.kind == "question" and 0 <= index < len(step.options):
            self.practice.session.choose(index)
            self._show()

    def go_on(self) -> None:
        """Go on from an information step or a checklist, or leave a jump's end."""
        session = self.practice.session
        if session.finished:
            self._finish()
        elif session.step.kind != "question":
            session.advance()
            self._show()

    def restart(self) -> None:
        """Start the practice again from the first step."""
        self.practice.restart()
        self.result = None
        self._show()
        self.scroll.verticalScrollBar().setValue(0)

    def _finish(self) -> None:
        self.result = self.practice.finish()
        self.result_text.setText(comparison_text(self.result))
        self._show()

    # -- showing ---------------------------------------------------------------------------

    def _show(self) -> None:
        session = self.practice.session
        step = session.step
        done = self.result is not None
        for widget in (
            self.caller,
            self.step,
            self.say,
            self.guidance,
            self.choices,
            *self._headings,
        ):
            widget.setVisible(not done)
        self.result_text.setVisible(done)
        if done:
            self.keys.setText(_("PgDn/PgUp bläddrar · Home börjar om · Esc stänger"))
            tell_shown(self)
            return
        self.caller.setText(
            self.practice.caller_line() or _("(Planen kommer inte hit: personen säger inget mer.)")
        )
        self.step.setText(step.title)
        self.say.setText(step.say or "–")
        self.guidance.setText(step.guidance or "–")
        if step.kind == "question":
            self.choices.setText(
                "\n".join(f"{n}  {o.label}" for n, o in enumerate(step.options, start=1))
            )
            self.keys.setText(
                _(
                    "Välj med 1–{n} · Backsteg tillbaka · F5–F8 hopp · Home börjar om · Esc stänger"
                ).format(n=len(step.options))
            )
        else:
            if step.kind == "checklist" and step.items:
                self.choices.setText("\n".join(f"•  {item}" for item in step.items))
            else:
                self.choices.setText("–")
            self.keys.setText(
                (
                    _("Slut på samtalet. Enter visar jämförelsen med planen.")
                    if session.finished
                    else _("Enter fortsätter")
                )
                + _(" · Backsteg tillbaka · Home börjar om · Esc stänger")
            )
        # The window keeps the keys (1–9, Enter): a screen reader hears the labels this way.
        tell_shown(self)

    def closeEvent(self, event) -> None:
        self.finished.emit()
        super().closeEvent(event)
