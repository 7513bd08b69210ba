"""The presenter view: an audience window and a trainer console, driven by a presentation remote.

The audience window is a top-level window of its own, so that it alone can be
shared in a video meeting or put on the projector: the current step's words and
choices in very large text that follows the window's size, nothing else; or,
with D, the flow as a diagram with the step shown framed and the path so far,
read from the back of the room (``room_diagram.py``). The
trainer console has the rest: the step, a cue for the next planned step, the
trainer's notes and the discussion questions of this step, the case's story, the
elapsed time and the flow as a diagram with the planned path and the path so far.
With a second screen (a projector) the audience window opens there on the whole
screen, and the console on the screen of fkstod's window, inside it.

Keys, as presentation remotes send them, in both windows: PgDn, → and ↓ go on
along the planned path; PgUp, ← and ↑ go back; B or . blanks the audience
window (again: shows it); D shows the flow as a diagram to the room (again: the
words); F5 puts the audience window on the whole screen (again:
back); Home starts over (between demonstrations); Esc brings the audience window
back from the whole screen, and closes both when it is a window. ``PRESENTER_KEYS``
is the one list of them: what the keys do, the console's line of keys and F1's.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.flows import FlowLibrary
from fkstod.core.flows.layout import path_marks
from fkstod.core.flows.model import Step
from fkstod.core.i18n import _
from fkstod.core.training import Case, CaseReplay, ReplayFrame, planned_trail
from fkstod.qt.relative_size import keep_relative_size
from fkstod.qt.screen_fit import fit_inside
from fkstod.qt.speech import QUIET, tell_shown
from fkstod.ui.ovning.diagram_view import DiagramView
from fkstod.ui.ovning.room_diagram import RoomDiagram
from fkstod.ui.widgets.scroll_area import VerticalScrollArea

FORWARD_KEYS = {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space}
BACK_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace}
BLANK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
#: A remote's "start the show" button: the audience window on the whole screen, and back.
FULL_SCREEN_KEYS = {Qt.Key.Key_F5}
#: The flow as a diagram for the room, and back to the words (no remote sends D).
DIAGRAM_KEYS = {Qt.Key.Key_D}

#: Every key of the presenter: (keys, the keys as written, what they do, the Presenter's
#: method). ``Presenter.handle_key`` acts by it; the console and F1 list it.
PRESENTER_KEYS: tuple[tuple[frozenset[int], str, str, str], ...] = (
    (frozenset(FORWARD_KEYS), _("PgDn, →, ↓ eller Mellanslag"), _("nästa steg"), "forward"),
    (frozenset(BACK_KEYS), _("PgUp, ←, ↑ eller Backsteg"), _("tillbaka ett steg"), "back"),
    (
        frozenset(BLANK_KEYS),
        _("B eller ."),
        _("släcker publikfönstret (igen: tänder det)"),
        "toggle_blank",
    ),
    (
        frozenset(DIAGRAM_KEYS),
        _("D"),
        _("flödet som diagram för publiken (igen: orden)"),
        "toggle_diagram",
    ),
    (
        frozenset(FULL_SCREEN_KEYS),
        _("F5"),
        _("publikfönstret på hela skärmen (igen: som fönster)"),
        "toggle_full_screen",
    ),
    (frozenset({Qt.Key.Key_Home}), _("Home"), _("börjar om, med klockan"), "reset"),
    (
        frozenset({Qt.Key.Key_Escape}),
        _("Esc"),
        _("lämnar hela skärmen; annars avslutar visningen"),
        "escape",
    ),
)


def audience_rows(step: Step) -> tuple[str, list[tuple[str, str]]]:
    """Return what the audience sees of a step: its words, and its numbered choices
    (or a checklist's items after a bullet) as (mark, text) pairs."""
    words = step.say or step.title
    if step.kind == "question":
        return words, [(str(n), option.label) for n, option in enumerate(step.options, start=1)]
    if step.kind == "checklist" and step.items:
        return words, [("•", item) for item in step.items]
    return words, []


def audience_text(step: Step) -> str:
    """Return what the audience sees of a step as plain text: its words, then its choices."""
    words, rows = audience_rows(step)
    lines = [words]
    if rows:
        lines.append("")
        lines += [f"{mark}  {text}" for mark, text in rows]
    return "\n".join(lines)


def audience_html(step: Step) -> str:
    """Return the same as rich text, every character of the flow's text escaped.

    The marks are a column of their own: a choice that wraps goes on under its own
    words, not under its number (where it would read as a line of its own).
    """
    words, rows = audience_rows(step)
    para = '<p style="margin-top:0; margin-bottom:0">{}</p>'
    parts = [para.format(html.escape(line) or "&nbsp;") for line in words.split("\n")]
    if rows:
        parts.append(para.format("&nbsp;"))
        cells = "".join(
            f'<tr><td valign="top">{html.escape(mark)}&nbsp;&nbsp;</td>'
            f'<td valign="top">{html.escape(text)}</td></tr>'
            for mark, text in rows
        )
        parts.append(f'<table cellspacing="0" cellpadding="0">{cells}</table>')
    return "".join(parts)


def audience_screen(home: QScreen | None, screens: list[QScreen]) -> QScreen | None:
    """Return the screen for the audience window: the largest one other than ``home``.

    None when there is no other screen (one screen: share the window, or F5).
    """
    others = [s for s in screens if s is not home]
    if not others:
        return None
    return max(others, key=lambda s: s.geometry().width() * s.geometry().height())


def place_inside(window: QWidget, screen: QScreen | None) -> None:
    """Put ``window`` on ``screen``, no larger than its free area and in its middle."""
    if screen is None:
        return
    window.setScreen(screen)
    fit_inside(window, screen, centre=True)


def plain_label(text: str = "", *, name: str = "") -> QLabel:
    """Return a word-wrapped label that shows its text as plain text, never as HTML."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if name:
        label.setAccessibleName(name)
    return label


class _KeyForwarding(QWidget):
    """A top-level window that hands the presenter's keys to its presenter."""

    def __init__(self, presenter: Presenter) -> None:
        # A window of its own (Qt.Window), owned by the page: Qt deletes it with the page.
        owner = presenter.parent()
        super().__init__(owner if isinstance(owner, QWidget) else None, Qt.WindowType.Window)
        self.presenter = presenter
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.presenter.handle_key(event.key()):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.presenter.window_closed(self)
        super().closeEvent(event)


class AudienceWindow(_KeyForwarding):
    """The step's words and choices, very large; nothing else (share this window alone)."""

    def __init__(self, presenter: Presenter) -> None:
        super().__init__(presenter)
        self.setWindowTitle(_("Övning – publik"))
        self.setAccessibleName(_("Publikfönster"))
        self.setAutoFillBackground(True)
        self.setStyleSheet("AudienceWindow { background: #ffffff; }")
        self.text = plain_label(name=_("Stegets ord och val"))
        # Rich text for the column of numbers only: every text in it is escaped.
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.text.setStyleSheet("color: #000000;")
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        case = presenter.case
        self.diagram = RoomDiagram(presenter.library.get(case.flow), presenter.library)
        self.diagram.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(self.text)
        layout.addWidget(self.diagram)
        self.blank = False
        #: The flow as a diagram instead of the words (D).
        self.showing_diagram = False
        self._content = ""
        self._html = ""
        self.resize(1024, 640)

    def show_step(self, step: Step) -> None:
        """Show ``step``'s words and choices (unless blanked), as large as the window allows."""
        self._content = audience_text(step)
        self._html = audience_html(step)
        self.text.setAccessibleDescription(self._content)
        self._apply()

    def set_blank(self, blank: bool) -> None:
        """Blank the window (an empty black screen) or show the step again."""
        self.blank = blank
        self.setStyleSheet(
            "AudienceWindow { background: %s; }" % ("#000000" if blank else "#ffffff")
        )
        self._apply()

    def set_diagram(self, on: bool) -> None:
        """Show the flow as a diagram (the step shown framed), or the step's words again."""
        self.showing_diagram = on
        self._apply()

    def shown(self) -> str:
        """Return what the audience sees now: "words", "diagram" or "blank"."""
        if self.blank:
            return "blank"
        return "diagram" if self.showing_diagram else "words"

    def shown_text(self) -> str:
        """Return the words the audience sees now, as plain text ("" while blank or a diagram)."""
        if self.shown() != "words" or not self.text.text():
            return ""
        return self._content

    def _apply(self) -> None:
        # Blanked, neither: the black of the window alone (the diagram paints white).
        self.diagram.setVisible(self.showing_diagram and not self.blank)
        self.text.setVisible(not self.diagram.isVisibleTo(self))
        self.text.setText("" if self.blank or self.showing_diagram else self._html)
        self.fit_text()

    def fit_text(self) -> None:
        """Make the text as large as fits the window: readable from the back of the room."""
        width = max(1, self.text.width())
        height = max(1, self.text.height())
        font = QFont(self.text.font())
        # From a size that fills a projector's height with a few lines, down until it fits.
        size = max(18, min(height // 5, width // 12, 120))
        while size > 18:
            font.setPixelSize(size)
            self.text.setFont(font)
            if self.text.heightForWidth(width) <= height:
                break
            size = int(size * 0.92)
        font.setPixelSize(size)
        self.text.setFont(font)

    def toggle_full_screen(self) -> None:
        """Put the window on its whole screen (the projector's), or back to a window."""
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def font_pixel_size(self) -> int:
        """Return the text's size in pixels (it follows the window's size)."""
        return self.text.font().pixelSize()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self.fit_text)  # after the layout gave the label its size


class TrainerConsole(_KeyForwarding):
    """What the trainer sees: the step, what comes next, notes, questions, the story, the time."""

    def __init__(self, presenter: Presenter, library: FlowLibrary) -> None:
        super().__init__(presenter)
        case = presenter.case
        self.setWindowTitle(_("Övning – tränarvy: {title}").format(title=case.title))
        self.setAccessibleName(_("Tränarvy"))
        # Read at arm's length while presenting: a size larger than the window's.
        keep_relative_size(self, 1.2)

        self.position = plain_label(name=_("Var i planen"))
        self.clock = plain_label(name=_("Tid sedan start"))
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.clock.setProperty(QUIET, True)  # a screen reader would hear it every second
        self.audience_state = plain_label(name=_("Publikfönstret"))
        self.step = plain_label(name=_("Steget som visas"))
        keep_relative_size(self.step, 1.2 * 1.4, bold=True)
        self.say = plain_label(name=_("Stegets ord"))
        self.caller = plain_label(name=_("Personen säger"))
        self.cue = plain_label(name=_("Nästa i planen"))
        self.notes = plain_label(name=_("Tränarens anteckning"))
        self.questions = plain_label(name=_("Frågor att diskutera"))
        self.story = plain_label(
            _("Fiktivt fall. {warning}\n\n{story}\n\n{notes}").format(
                warning=_("Innehåll: {text}").format(text=case.content_warning),
                story=case.story,
                notes=case.trainer_notes,
            ),
            name=_("Fallets berättelse"),
        )
        self.story.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.keys = plain_label(
            " · ".join(
                _("{keys} {what}").format(keys=names, what=what)
                for _keys, names, what, _do in PRESENTER_KEYS
            ),
            name=_("Tangenter"),
        )
        self.diagram_button = QPushButton(_("Flödet som diagram för publiken (D)"))
        self.diagram_button.setAccessibleName(_("Visa flödet som diagram i publikfönstret"))
        self.diagram_button.setAccessibleDescription(_("Tangent: D. Igen: stegets ord."))
        self.diagram_button.setCheckable(True)
        # Never the keyboard's: Space and the arrows are the remote's, for the steps.
        self.diagram_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.diagram_button.clicked.connect(lambda: presenter.toggle_diagram())
        self.diagram = DiagramView(library.get(case.flow), library)
        self.diagram.setMinimumHeight(200)

        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.position, 1)
        top.addWidget(self.clock)
        left.addLayout(top)
        state = QHBoxLayout()
        state.addWidget(self.audience_state, 1)
        state.addWidget(self.diagram_button)
        left.addLayout(state)
        grid = QGridLayout()
        rows = [
            (_("Steg"), self.step),
            (_("Orden"), self.say),
            (_("Personen säger"), self.caller),
            (_("Nästa i planen"), self.cue),
            (_("Anteckning"), self.notes),
            (_("Diskutera"), self.questions),
        ]
        for row, (title, widget) in enumerate(rows):
            heading = plain_label(title)
            heading.setStyleSheet("font-weight: bold;")
            heading.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            heading.setBuddy(widget)
            grid.addWidget(heading, row, 0)
            grid.addWidget(widget, row, 1)
        grid.setColumnStretch(1, 1)
        left.addLayout(grid)
        left.addWidget(self.keys)
        story_box = QScrollArea()
        story_box.setWidgetResizable(True)
        story_box.setWidget(self.story)
        story_box.setAccessibleName(_("Fallets berättelse"))
        story_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        right = QVBoxLayout()
        heading = plain_label(_("Fallet"))
        heading.setStyleSheet("font-weight: bold;")
        right.addWidget(heading)
        right.addWidget(story_box, 1)
        # The step's rows scroll rather than overlap: at large text they are taller than
        # their share of the window (the labels wrap, and a squeezed row cuts them off).
        left_content = QWidget()
        left_content.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        self.rows_area = VerticalScrollArea(left_content)
        self.rows_area.setAccessibleName(_("Steget"))
        upper = QHBoxLayout()
        upper.addWidget(self.rows_area, 3)
        upper.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(upper, 2)
        layout.addWidget(self.diagram, 3)
        self.diagram.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.resize(1100, 720)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Give the step's rows the height they need, up to most of the window."""
        content = self.rows_area.widget()
        needed = content.heightForWidth(self.rows_area.viewport().width())
        self.rows_area.setMinimumHeight(max(0, min(needed, int(self.height() * 0.65))))

    def show_frame(self, frame: ReplayFrame, library: FlowLibrary, blank: bool) -> None:
        """Show ``frame``: where the plan stands, and what the trainer needs at this step."""
        flow = frame.flow
        self.position.setText(
            _("Steg {n} av {total} · {flow}").format(
                n=frame.index + 1, total=frame.total, flow=flow.title
            )
        )
        self.step.setText(frame.step.title)
        self.say.setText(frame.step.say or "–")
        self.caller.setText(frame.caller or "–")
        if frame.next is None:
            self.cue.setText(_("Slut på planen. Home börjar om."))
        else:
            following = library.get(frame.next.flow).step(frame.next.step).title
            self.cue.setText(_("{cue} → {step}").format(cue=frame.cue, step=following))
        self.notes.setText(frame.trainer or "–")
        self.questions.setText("\n".join(f"• {q}" for q in frame.planned.questions) or "–")
        self.show_blank(blank)

    def show_blank(self, blank: bool) -> None:
        """Say whether the audience window is blanked, what it shows, and where it is."""
        diagram = self.presenter.audience.showing_diagram
        self.diagram_button.setChecked(diagram)
        if blank:
            text = _("Publikfönstret är släckt (B tänder det).")
        elif diagram:
            text = _("Publikfönstret visar flödet som diagram (D: orden, B släcker det).")
        else:
            text = _("Publikfönstret visar steget (B släcker det).")
        if self.presenter.on_other_screen:
            text = _("{state} Det är på den andra skärmen.").format(state=text)
        self.audience_state.setText(text)
        self._fit_rows()
        # The console keeps the keys (the remote's): a screen reader hears the labels so.
        tell_shown(self)

    def show_elapsed(self, seconds: int) -> None:
        """Show the time since the demonstration started (or started over)."""
        self.clock.setText(_("Tid: {m}:{s:02d}").format(m=seconds // 60, s=seconds % 60))


class Presenter(QObject):
    """One demonstration of a case: the replay and its two windows.

    Signals:
        finished(): both windows were closed (Esc or the window's close button).
    """

    finished = Signal()

    def __init__(self, case: Case, library: FlowLibrary, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.library = library
        self.replay = CaseReplay(case, library)
        self._planned = planned_trail(case, library)
        self.blank = False
        self._closing = False
        #: The audience window opened on a screen of its own (``show_windows``).
        self.on_other_screen = False
        self.audience = AudienceWindow(self)
        self.console = TrainerConsole(self, library)
        self.elapsed = QElapsedTimer()
        self.elapsed.start()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._show()
        self._tick()

    def show_windows(self) -> None:
        """Show both windows; the console has the keyboard.

        The console opens on the screen of fkstod's window, inside it. With a second
        screen (a projector) the audience window opens there, on the whole screen: the
        trainer has nothing to drag in front of the class (F5 makes it a window again).
        """
        owner = self.parent()
        home = owner.window().screen() if isinstance(owner, QWidget) else None
        home = home or QGuiApplication.primaryScreen()
        other = audience_screen(home, QGuiApplication.screens())
        place_inside(self.console, home)
        self.on_other_screen = other is not None
        if other is not None:
            place_inside(self.audience, other)
            self.audience.showFullScreen()
        else:
            self.audience.show()
        self.console.show_blank(self.blank)
        self.console.show()
        self.console.activateWindow()
        self.console.setFocus(Qt.FocusReason.OtherFocusReason)

    def handle_key(self, key: int) -> bool:
        """Act on a presentation remote's key; return False for a key it does not use."""
        for keys, _names, _what, do in PRESENTER_KEYS:
            if key in keys:
                getattr(self, do)()
                return True
        return False

    def escape(self) -> None:
        """Leave the whole screen; with the audience window as a window, close both (Esc)."""
        # A remote's start/stop button sends F5, then Esc: out of the whole screen
        # first, never the demonstration with its step and clock. Esc again closes.
        if self.audience.isFullScreen():
            self.audience.toggle_full_screen()
        else:
            self.close()

    def toggle_full_screen(self) -> None:
        """Put the audience window on its whole screen, or back to a window (F5)."""
        self.audience.toggle_full_screen()

    def toggle_diagram(self) -> None:
        """Show the room the flow as a diagram, or the step's words again (D)."""
        self.audience.set_diagram(not self.audience.showing_diagram)
        self.console.show_blank(self.blank)

    def forward(self) -> bool:
        """Take the planned step (PgDn)."""
        moved = self.replay.forward()
        self._show()
        return moved

    def back(self) -> bool:
        """Go back one planned step (PgUp)."""
        moved = self.replay.back()
        self._show()
        return moved

    def reset(self) -> None:
        """Start over from the first step, with the clock (Home: between demonstrations)."""
        self.replay.reset()
        self.elapsed.restart()
        self._tick()
        self._show()

    def toggle_blank(self) -> None:
        """Blank the audience window, or show it again (B or .)."""
        self.blank = not self.blank
        self.audience.set_blank(self.blank)
        self.console.show_blank(self.blank)

    def close(self) -> None:
        """Close both windows (Esc)."""
        if self._closing:
            return
        self._closing = True
        self._ticker.stop()
        self.audience.close()
        self.console.close()
        self.finished.emit()

    def window_closed(self, window: QWidget) -> None:
        # One window closed by its own button closes the other too.
        self.close()

    def frame(self) -> ReplayFrame:
        """Return the frame shown."""
        return self.replay.frame()

    def _show(self) -> None:
        frame = self.replay.frame()
        self.audience.show_step(frame.step)
        self.console.show_frame(frame, self.library, self.blank)
        flow = frame.flow
        if self.console.diagram.flow.id != flow.id:
            self.console.diagram.set_flow(flow)
        self.console.diagram.set_marks(
            path_marks(self._planned, flow),
            path_marks(self.replay.session.trail, flow),
            frame.step.id,
        )
        self.console.diagram.follow(frame.step.id)
        room = self.audience.diagram
        if room.flow.id != flow.id:
            room.set_flow(flow)
        # The path so far and the step shown; the plan is the trainer's, as the cue is.
        room.set_marks(None, path_marks(self.replay.session.trail, flow), frame.step.id)
        room.follow(frame.step.id)

    def _tick(self) -> None:
        self.console.show_elapsed(int(self.elapsed.elapsed() // 1000))
