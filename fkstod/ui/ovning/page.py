"""The Övning page: the fictional cases, and from one of them the presenter view,
Öva själv, the flow as a diagram and a handout for participants.

The cases come in through the constructor (``fkstod.core.training``); a file the
trainer saves (the diagram, the handout) is painted into bytes by ``fkstod.qt``
and written by ``fkstod.core.files.write_file``, never over fkstod's own data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.files import NOTHING_PROTECTED, FileProblem, Protected, write_file
from fkstod.core.flows import FlowLibrary
from fkstod.core.i18n import _
from fkstod.core.training import FICTIONAL, Case, CaseLibrary, UnavailableCase
from fkstod.core.vocabulary import BENEFITS
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.ovning.diagram_view import DiagramView
from fkstod.ui.ovning.keys import KEYS
from fkstod.ui.ovning.practice import PRACTICE_KEYS, PracticeWindow
from fkstod.ui.ovning.presenter import PRESENTER_KEYS, Presenter, plain_label
from fkstod.ui.widgets.accent_room import give_accent_room
from fkstod.ui.widgets.wrap_layout import WrapLayout

#: The list's data role for a broken file: its index in ``CaseLibrary.unavailable``.
BROKEN_ROLE = Qt.ItemDataRole.UserRole + 1


def case_line(case: Case) -> str:
    """Return a case as one line of the list: title, benefit, review status."""
    return _("{title} · {benefit} · {review}").format(
        title=case.title,
        benefit=BENEFITS.get(case.benefit, case.benefit),
        review=case.review.text(),
    )


class OvningPage(QWidget):
    """The list of training cases and what a trainer or a caseworker does with one.

    Signals:
        demonstration_started(): a presenter view or a practice was opened (the
            section switches Övningsläge on).
    """

    demonstration_started = Signal()

    def __init__(
        self,
        library: FlowLibrary,
        cases: CaseLibrary,
        dialogs: Dialogs,
        *,
        protected: Protected = NOTHING_PROTECTED,
        save_file: Callable[[Path, bytes], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Övning"))
        self.library = library
        self.cases = cases
        self.dialogs = dialogs
        self._save_file = save_file or (lambda path, data: write_file(path, data, protected))
        self.presenter: Presenter | None = None
        self.practice: PracticeWindow | None = None

        intro = plain_label(
            _(
                "Fiktiva fall att visa för en grupp eller öva på själv. Inget räknas och inget "
                "sparas. Välj ett fall och tryck Enter för att visa det för en grupp."
            )
        )
        self.list = QListWidget()
        self.list.setAccessibleName(_("Övningsfall"))
        give_accent_room(self.list)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for case in cases.listed():
            item = QListWidgetItem(case_line(case))
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, case_line(case))
            self.list.addItem(item)
        # A broken file stays in the list, reached by keys like the others: chosen, it
        # says what is wrong and where (path:line: message), and nothing starts from it.
        for n, broken in enumerate(cases.unavailable):
            item = QListWidgetItem(
                _("Ej tillgängligt: {path} ({n} fel)").format(
                    path=Path(broken.path).name, n=len(broken.problems)
                )
            )
            item.setData(BROKEN_ROLE, n)
            self.list.addItem(item)
        self.details = plain_label(name=_("Om fallet"))
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.diagram: DiagramView | None = None

        self.present_button = self._button(_("Visa för grupp (Enter)"), self.present)
        self.practice_button = self._button(_("Öva själv (Ctrl+Skift+P)"), self.practise)
        self.diagram_button = self._button(_("Spara diagrammet… (Ctrl+Skift+D)"), self.save_diagram)
        self.diagram_button.setToolTip(_("Spara flödets diagram som bild eller PDF (Ctrl+Skift+D)"))
        self.handout_button = self._button(
            _("Spara utdelning som PDF… (Ctrl+Skift+U)"), self.save_handout
        )
        self.handout_button.setToolTip(_("Spara fallets utdelning som PDF (Ctrl+Skift+U)"))
        self.present_button.setToolTip(_("Visa fallet för en grupp (Enter, Ctrl+Skift+G)"))
        # The same table as the window's Visa and Arkiv entries show (ovning/keys.py).
        for name, key in KEYS.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(getattr(self, name))
        self.list.itemActivated.connect(lambda _item: self.present())
        self.list.currentRowChanged.connect(lambda _row: self._show_case())

        # Wrapping: four buttons side by side must not widen the window (compact mode).
        buttons = WrapLayout()
        for button in (
            self.present_button,
            self.practice_button,
            self.diagram_button,
            self.handout_button,
        ):
            buttons.addWidget(button)
        self.right = QVBoxLayout()
        self.right.addWidget(self.details)
        self.right.addLayout(buttons)
        upper = QHBoxLayout()
        upper.addWidget(self.list, 2)
        upper.addLayout(self.right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(upper, 1)
        self.diagram_holder = QVBoxLayout()
        layout.addLayout(self.diagram_holder, 2)
        self.setFocusProxy(self.list)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _=False: slot())
        return button

    # -- the case chosen -------------------------------------------------------------------

    def current_case(self) -> Case | None:
        """Return the case chosen in the list, or None."""
        item = self.list.currentItem()
        case_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return self.cases.get(case_id) if case_id else None

    def select(self, case_id: str) -> None:
        """Choose the case ``case_id`` in the list."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == case_id:
                self.list.setCurrentRow(row)
                return
        raise KeyError(case_id)

    def current_broken(self) -> UnavailableCase | None:
        """Return the case file chosen in the list that could not be used, or None."""
        item = self.list.currentItem()
        n = item.data(BROKEN_ROLE) if item else None
        return self.cases.unavailable[n] if isinstance(n, int) else None

    def _broken_text(self, broken: UnavailableCase) -> str:
        return "\n".join(
            [
                _(
                    "Övningsfallet i {path} har fel och kan inte visas. Rätta filen och starta om "
                    "fkstod; de andra fallen går att använda som vanligt."
                ).format(path=Path(broken.path).name),
                "",
                *(str(problem) for problem in broken.problems),
            ]
        )

    def _case_or_tell(self) -> Case | None:
        """Return the case chosen; for a broken file, say what is wrong and return None."""
        broken = self.current_broken()
        if broken is not None:
            self.dialogs.error(_("Övningsfallet går inte att visa"), self._broken_text(broken))
        return self.current_case()

    def _show_case(self) -> None:
        case = self.current_case()
        for button in (
            self.present_button,
            self.practice_button,
            self.diagram_button,
            self.handout_button,
        ):
            button.setEnabled(case is not None)
        if case is None:
            broken = self.current_broken()
            self.details.setText(self._broken_text(broken) if broken is not None else "")
            if self.diagram is not None:
                self.diagram.hide()  # not the flow of the case chosen before
            return
        flow = self.library.get(case.flow)
        self.details.setText(
            "\n".join(
                [
                    case.title,
                    "",
                    _("{fictional}. Förmån: {benefit}. Flöde: {flow}.").format(
                        fictional=FICTIONAL,
                        benefit=BENEFITS.get(case.benefit, case.benefit),
                        flow=flow.title,
                    ),
                    _("Innehåll: {text}").format(text=case.content_warning),
                    _("Granskning: {review}").format(review=case.review.text()),
                    "",
                    case.story,
                ]
            )
        )
        if self.diagram is None:
            self.diagram = DiagramView(flow, self.library)
            self.diagram_holder.addWidget(self.diagram)
        elif self.diagram.flow.id != flow.id:
            self.diagram.set_flow(flow)
        self.diagram.show()
        from fkstod.core.flows.layout import path_marks
        from fkstod.core.training import planned_trail

        self.diagram.set_marks(path_marks(planned_trail(case, self.library), flow))

    # -- what to do with it ----------------------------------------------------------------

    def present(self) -> Presenter | None:
        """Open the presenter view of the case chosen: the audience window and the console."""
        case = self._case_or_tell()
        if case is None:
            return None
        if self.presenter is not None:
            self.presenter.close()
        self.demonstration_started.emit()
        self.presenter = Presenter(case, self.library, self)
        self.presenter.finished.connect(self._presenter_finished)
        self.presenter.show_windows()
        return self.presenter

    def keys_of_other_windows(self) -> list[tuple[str, str, str]]:
        """Return the keys of the windows this page opens, as (where, keys, what), for F1.

        The presenter's windows are windows of their own: the main window's list would
        not find their keys, so they are given from ``PRESENTER_KEYS``, the list they act by.
        """
        presenter = _("tränarvy och publikfönster")
        practice = _("Öva själv")
        # Capitalised as F1's other lines are; the windows write them after their keys.
        return [
            (presenter, names, what[:1].upper() + what[1:])
            for _k, names, what, _do in PRESENTER_KEYS
        ] + [(practice, names, what[:1].upper() + what[1:]) for _k, names, what in PRACTICE_KEYS]

    def _presenter_finished(self) -> None:
        self.presenter = None
        self.list.setFocus()

    def practise(self) -> PracticeWindow | None:
        """Open Öva själv for the case chosen."""
        case = self._case_or_tell()
        if case is None:
            return None
        if self.practice is not None:
            self.practice.close()
        self.demonstration_started.emit()
        self.practice = PracticeWindow(case, self.library, self)
        self.practice.finished.connect(self._practice_finished)
        self.practice.show()
        self.practice.activateWindow()
        self.practice.setFocus()
        return self.practice

    def _practice_finished(self) -> None:
        self.practice = None

    def save_diagram(self) -> None:
        """Save the case's flow as a diagram: PNG, SVG or PDF, by the name's ending."""
        case = self.current_case()
        if case is None:
            return
        path, chosen = self.dialogs.save_file(
            _("Spara diagrammet som"),
            f"{case.flow}.png",
            _("PNG-bild (*.png);;SVG-bild (*.svg);;PDF (*.pdf)"),
        )
        if not path:
            return
        target = Path(path)
        fmt = target.suffix.lower().lstrip(".")
        if fmt not in ("png", "svg", "pdf"):
            fmt = "svg" if "svg" in chosen else "pdf" if "pdf" in chosen.lower() else "png"
            target = target.with_name(f"{target.name}.{fmt}")
        from fkstod.qt.diagram import Picture, diagram_for, export_bytes

        flow = self.library.get(case.flow)
        picture = Picture(diagram_for(flow), {f.id: f.title for f in self.library.flows.values()})
        self._write(target, export_bytes(picture, fmt), _("Diagrammet sparades inte"))

    def save_handout(self) -> None:
        """Save the case, its flow outline and diagram as one PDF for participants."""
        case = self.current_case()
        if case is None:
            return
        path, _chosen = self.dialogs.save_file(
            _("Spara utdelningen som"), f"ovning-{case.id}.pdf", _("PDF (*.pdf)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(f"{target.name}.pdf")
        from fkstod.qt.handout import handout_pdf

        self._write(target, handout_pdf(case, self.library), _("Utdelningen sparades inte"))

    def _write(self, target: Path, data: bytes, title: str) -> None:
        try:
            self._save_file(target, data)
        except FileProblem as exc:
            self.dialogs.error(title, str(exc))

    def shutdown(self) -> None:
        """Close the presenter view and a practice: the window is closing."""
        if self.presenter is not None:
            self.presenter.close()
        if self.practice is not None:
            self.practice.close()
