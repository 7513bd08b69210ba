"""Samtalsstöd: pick a flow, run it by keyboard during the call, copy a neutral note.

The page holds the running :class:`FlowSession` (memory only) and turns the
views' signals into session calls. It never opens files: the library, the
usage recorder and the municipalities are passed in.

Signals:
    directory_requested(str, str): show the support directory: category and
        four-digit kommun code ('' when none was picked).
    orosanmalan_requested(str, str): open the orosanmälan generator for a benefit code
        and the call's kommun code ('' when none was picked).
    compact_changed(bool): the compact always-on-top mode was turned on or off.
    conversation_ended(): a new conversation begins; nothing of the last may stay
        in sight anywhere (the directory forgets what it was filtered by).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.flows import FlowLibrary
from fkstod.core.kommuner import Kommun
from fkstod.core.usage import UsageRecorder
from fkstod.core.vocabulary import OUTCOME_CODES
from fkstod.qt.private_clipboard import copy_private
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.samtal.jump_bar import FlowJumpBar
from fkstod.ui.samtal.picker import FlowPicker
from fkstod.ui.widgets.kommun_combo import KommunCombo
from fkstod.ui.widgets.status_label import StatusLabel

if TYPE_CHECKING:
    # Made when a flow is first started (``step_view``, ``summary``): the first
    # frame shows the flow picker only, and a start should not wait for the rest.
    from fkstod.core.flows.session import FlowSession
    from fkstod.ui.samtal.step_view import FlowStepView
    from fkstod.ui.samtal.summary import FlowSummary


class FlowPage(QWidget):
    """The Samtalsstöd section."""

    directory_requested = Signal(str, str)
    orosanmalan_requested = Signal(str, str)
    compact_changed = Signal(bool)
    conversation_ended = Signal()

    def __init__(
        self,
        library: FlowLibrary,
        usage: UsageRecorder | None,
        dialogs: Dialogs,
        kommuner: Sequence[Kommun] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Samtalsstöd"))
        self.library = library
        self.usage = usage
        self.dialogs = dialogs
        self.session: FlowSession | None = None
        self._note_counted_in: FlowSession | None = None  # the call whose note was counted
        self.compact = False

        self.jumps = FlowJumpBar({i: f.title for i, f in library.flows.items() if f.is_jump})
        self.jumps.jump_requested.connect(self.jump)
        self.compact_button = QPushButton(self.tr("Kompakt läge (Ctrl+Skift+K)"))
        self.compact_button.setAccessibleName(self.tr("Kompakt läge, alltid överst"))
        self.compact_button.setToolTip(
            self.tr("Smalt fönster som ligger överst, bredvid ärendet (Ctrl+Skift+K)")
        )
        self.compact_button.setCheckable(True)
        self.compact_button.toggled.connect(self.set_compact)
        # A QShortcut, not the button's own: that one takes the focus to the button
        # (so 1–9 and Enter stop working) and clicks only after a 100 ms animation.
        compact_key = QShortcut(QKeySequence("Ctrl+Shift+K"), self)
        compact_key.setContext(Qt.ShortcutContext.WindowShortcut)
        compact_key.activated.connect(self.compact_button.toggle)
        # Nytt samtal (Ctrl+N) wherever the focus is while the page is shown: the list
        # of flows, a step, a jump, the summary. The page's key, not the window's:
        # Stödkatalog's Ctrl+N is "Ny post", and two shortcuts on one key active at
        # once make Qt run neither. The summary's button and Samtal → Nytt samtal
        # are the same action (new_call).
        self.new_call_key = QShortcut(QKeySequence("Ctrl+N"), self)
        self.new_call_key.setContext(Qt.ShortcutContext.WindowShortcut)
        self.new_call_key.setWhatsThis(self.tr("Nytt samtal"))  # F1 lists it so
        self.new_call_key.activated.connect(self.new_call)
        self.kommun = KommunCombo(
            kommuner, self.tr("Personens kommun (sparas inte)"), self.tr("Ej vald")
        )
        self.kommun.setToolTip(self.tr("Används bara för att visa lokalt stöd. Sparas inte."))
        kommun_label = QLabel(self.tr("K&ommun:"))
        kommun_label.setBuddy(self.kommun)
        # A short word where the kommun is chosen, when a shortcut needs one first.
        self.notice = StatusLabel()
        self.notice.setAccessibleName(self.tr("Meddelande"))
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.kommun.currentIndexChanged.connect(lambda _i: self._tell(""))
        self.kommun.unmatched.connect(lambda _t: self._tell(self.kommun.message.text()))
        self.kommun.accepted.connect(self.focus_view)  # the keys answer the step again

        self.picker = FlowPicker(library)
        self._step_view: FlowStepView | None = None
        self._summary: FlowSummary | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.picker)

        bar = QHBoxLayout()
        bar.addWidget(self.jumps, 1)
        kommun_row = QHBoxLayout()
        kommun_row.addWidget(kommun_label)
        kommun_row.addWidget(self.kommun, 1)
        # Side by side; in a narrow window the kommun gets a row of its own.
        self.tools = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.tools.addLayout(kommun_row, 1)
        self.tools.addWidget(self.compact_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.notice)
        layout.addLayout(self.tools)

        self.picker.flow_chosen.connect(self.start)
        self.picker.unavailable_chosen.connect(self._tell_unavailable)
        self._set_view(self.picker)

    @property
    def unfinished(self) -> bool:
        """True while the step view or the summary is still to be made (``finish``)."""
        return self._step_view is None or self._summary is None

    def finish(self) -> None:
        """Make what the first frame did not need: the step view and the summary.

        The window calls it when idle after the first paint, and the list of keys
        (F1) before it reads the page, so that their keys are listed too.
        """
        self._make_step_view()
        self._make_summary()

    @property
    def step_view(self) -> FlowStepView:
        """The view of one step, made when first needed (a flow started)."""
        return self._make_step_view()

    @property
    def summary(self) -> FlowSummary:
        """The end of a flow with its note, made when first needed."""
        return self._make_summary()

    def _make_step_view(self) -> FlowStepView:
        if self._step_view is None:
            from fkstod.ui.samtal.step_view import FlowStepView

            v = FlowStepView()
            v.set_compact(self.compact)
            v.option_chosen.connect(self.choose)
            v.continue_requested.connect(self.advance)
            v.back_requested.connect(self.back)
            v.leave_requested.connect(self.leave)
            v.item_toggled.connect(lambda i: self.session and self.session.toggle_item(i))
            v.directory_clicked.connect(self._directory)
            v.orosanmalan_clicked.connect(self._orosanmalan)
            self.stack.insertWidget(1, v)
            self._step_view = v
        return self._step_view

    def _make_summary(self) -> FlowSummary:
        if self._summary is None:
            from fkstod.ui.samtal.summary import FlowSummary

            summary = FlowSummary()
            summary.orosanmalan_requested.connect(self._orosanmalan)
            summary.copy_requested.connect(self.copy_note)
            summary.back_requested.connect(self.back)
            summary.new_requested.connect(self.new_call)
            self.stack.addWidget(summary)
            self._summary = summary
        return self._summary

    # -- actions -------------------------------------------------------------

    def start(self, flow_id: str, benefit: str) -> None:
        """Start ``flow_id`` under ``benefit``; a running flow is closed first."""
        from fkstod.core.flows.session import FlowSession

        self._close_session()
        self.session = FlowSession(self.library, flow_id, benefit, self.usage)
        self._show()

    def choose(self, index: int) -> None:
        """Answer the question shown with option ``index`` (0-based)."""
        s = self.session
        if s is not None and s.step.kind == "question" and 0 <= index < len(s.step.options):
            s.choose(index)
            self._show()

    def advance(self) -> None:
        """Go on from a step without answers, or return from a jump."""
        if self.session is not None and self.session.step.kind != "question":
            self.session.advance()
            self._show()

    def back(self) -> None:
        """Go back one step, the answer given kept visible."""
        if self.session is not None:
            self._keep_note_edits()
            if self.session.back():
                self._show()

    def jump(self, flow_id: str) -> None:
        """Enter a global jump; without a running flow, start it on its own."""
        if flow_id not in self.library.flows:
            return
        if self.session is None or self.stack.currentWidget() is self.picker:
            self.start(flow_id, self.picker.benefit_code() or "ovriga")
            return
        self._keep_note_edits()
        self.session.jump(flow_id)
        self._show()

    def leave(self) -> None:
        """Esc: in a jump, go back to where it was made; else ask, then leave the flow."""
        if self.session is None:
            return
        if self.session.leave_jump():
            # The call goes on: Esc in a jump must not risk the whole conversation.
            self._show()
            return
        if self.dialogs.confirm(
            self.tr("Lämna flödet?"),
            self.tr("Vill du lämna flödet? Det du har valt försvinner."),
        ):
            self.new_conversation()

    def new_call(self) -> None:
        """Nytt samtal (Ctrl+N, the summary's button, the menu): end this call for the next.

        Asked first while a flow is open (in a step or a jump): "Nej" keeps the call as
        it was. At the end of a flow only an edited note is asked about.
        """
        s = self.session
        if (
            s is not None
            and not s.finished
            and not self.dialogs.confirm(
                self.tr("Nytt samtal?"),
                self.tr("Vill du avsluta samtalet? Det du har valt försvinner."),
            )
        ):
            return
        if self.may_discard_note():
            self.new_conversation()

    def new_conversation(self) -> None:
        """Close the session and show the list of flows; nothing of the call remains."""
        self._close_session()
        for view in (self._summary, self._step_view):
            if view is not None:
                view.forget()
        # The next caller lives somewhere else; nothing typed about the last one stays
        # (set_code forgets the text and its message even when none was chosen).
        self.kommun.set_code("")
        self._tell("")
        self._set_view(self.picker)
        self.picker.keep_for_next_call()
        self.focus_view()
        self.conversation_ended.emit()

    def copy_note(self, text: str) -> None:
        """Put the edited note on the clipboard (out of clipboard history, cleared at quit).

        Counted once per call as ``case_note_copied``: the "documented in the file" indicator.
        """
        copy_private(text)
        s = self.session
        if s is not None and s.usage is not None and self._note_counted_in is not s:
            self._note_counted_in = s
            # The call's recorder: a demonstration's note is not counted after the mode is off.
            s.usage.record("case_note_copied", flow=s.flow_id, benefit=s.benefit)

    def set_compact(self, compact: bool) -> None:
        """Lay the page out for a narrow window and tell the window to stay on top."""
        if self.compact_button.isChecked() != compact:
            self.compact_button.setChecked(compact)  # its toggled signal calls back here
            return
        self.compact = compact
        if self._step_view is not None:  # one made later is made in the mode
            self._step_view.set_compact(compact)
        self.jumps.set_compact(compact)
        self.tools.setDirection(
            QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight
        )
        self.compact_changed.emit(compact)
        self.focus_view()  # the keys go on answering the step, in either mode

    def shutdown(self) -> None:
        """Close a running session (the app is closing): counted as abandoned."""
        self._close_session()

    # -- internals -----------------------------------------------------------

    def _close_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def _show(self) -> None:
        s = self.session
        assert s is not None
        if s.finished:
            self.summary.show_summary(
                s.step.say,
                s.path(),
                [OUTCOME_CODES[c] for c in s.codes()],
                s.note(),
                report_needed=s.report_needed(),
                training=s.training,
            )
            self._set_view(self.summary)
            return
        self._tell("")
        key = (s.current.flow_id, s.current.step_id)
        self.step_view.show_step(
            s.step,
            flow_title=s.flow.title if not s.in_jump else f"↳ {s.flow.title}",
            progress=s.progress(),
            can_go_back=s.can_go_back(),
            previous=s.previous_answer(),
            ticked=s.checked.get(key),
            in_jump=s.in_jump,
            returns_to=s.return_title(),
        )
        self._set_view(self.step_view)
        self.step_view.setFocus()

    def _set_view(self, view: QWidget) -> None:
        # Coming back to the section (Ctrl+1) lands in this view (focus_view),
        # never in a hidden field of another view.
        self.stack.setCurrentWidget(view)
        self._order_tabs()

    def focusInEvent(self, event) -> None:
        # MainWindow.show_section gives the page focus: pass it on to the view shown.
        # Not a focus proxy: Qt tabs into a widget through its proxy, so one would
        # put the view before the jump buttons in the Tab order (and setTabOrder
        # moves a widget with a proxy together with all its children).
        self.focus_view()

    def focus_view(self) -> None:
        """Put the keyboard focus where the view shown takes its keys."""
        view = self.stack.currentWidget()
        if view is self.picker:
            target = self.picker.filter
        elif view is not None and view is self._summary:
            target = self._summary.note
        else:
            target = view
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _order_tabs(self) -> None:
        # Tab follows the screen top to bottom: jumps, the view, then kommun and compact.
        chain = [
            *self.jumps.buttons.values(),
            *self.stack.currentWidget().tab_order(),
            self.kommun,
            self.compact_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _directory(self, category: str, use_kommun: bool) -> None:
        # The call's kommun goes along whenever it is chosen: the directory's filter keeps it.
        self.kommun.commit()  # typed but not taken yet (Alt+1 from the field): taken now
        kommun = self.kommun.code()
        if use_kommun and not kommun:
            # Unfiltered, the national lines would come first: ask for the kommun instead.
            self._tell(
                self.tr(
                    "Välj personens kommun först (Alt+O), så visas stödet där. "
                    "Välj sedan stödet igen."
                )
            )
            self.kommun.setFocus(Qt.FocusReason.OtherFocusReason)
            self.kommun.lineEdit().selectAll()  # typing a name replaces "Ej vald"
            return
        if self.session is not None:
            self.session.support_shown(category)
        self.directory_requested.emit(category, kommun)

    def _orosanmalan(self) -> None:
        # The report opens with the call's benefit and kommun (the kommun is a suggestion:
        # the report goes to the child's kommun, which the caseworker checks).
        if self.session is not None:
            self.kommun.commit()
            self.orosanmalan_requested.emit(self.session.benefit, self.kommun.code())

    def _tell(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _keep_note_edits(self) -> None:
        if self._summary is not None and self.stack.currentWidget() is self._summary:
            self._summary.keep_edits()

    def may_discard_note(self) -> bool:
        """Return True when there is no edited note, or the caseworker lets it go."""
        # The edited note exists nowhere else (nothing is saved): ask before it goes.
        edited = self._summary is not None and self._summary.is_edited()
        return not edited or self.dialogs.confirm(
            self.tr("Kasta anteckningen?"),
            self.tr(
                "Du har ändrat anteckningen. Den sparas inte: kopiera den först om den ska "
                "in i ärendet. Vill du kasta den?"
            ),
        )

    def _tell_unavailable(self, title: str, faults: str) -> None:
        self.dialogs.error(
            self.tr("Flödet går inte att använda"),
            self.tr(
                "Flödet ”%1” har fel och kan inte startas. Be den som förvaltar "
                "innehållet rätta filen:\n\n%2"
            )
            .replace("%1", title)
            .replace("%2", faults),
        )
