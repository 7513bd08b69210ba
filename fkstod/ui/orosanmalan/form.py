"""The orosanmälan form: recipient, children, family, what happened, the reporter.

Everything typed stays in these widgets (memory) until the caseworker chooses to
save or print; nothing is written anywhere by the form itself.

Signals:
    changed(): something about the report was typed or chosen.
    reporter_changed(dict): the caseworker edited their own details (may be stored).
    directory_requested(str, str): show category (``socialtjanst``) for a kommun code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fkstod.core import kommuner
from fkstod.core.orosanmalan import (
    KANNEDOM,
    ORO_TYPER,
    FieldProblem,
    Form,
    Reporter,
    protected_warning,
)
from fkstod.core.orosanmalan.fields import parse_field
from fkstod.core.orosanmalan.model import guardians_not_told, suggested_guardians_answer
from fkstod.core.textrules import on_one_line
from fkstod.qt.speech import show_note
from fkstod.ui.orosanmalan.child_editor import ChildEditor
from fkstod.ui.orosanmalan.date_edit import ReportDateEdit
from fkstod.ui.orosanmalan.field_marks import MARK, FieldMarks
from fkstod.ui.orosanmalan.guardian_editor import GuardianEditor
from fkstod.ui.widgets.kommun_combo import KommunCombo
from fkstod.ui.widgets.plain_label import PlainLabel, selectable_by_keys

REPORTER_FIELDS = ("namn", "titel", "enhet", "telefon", "epost")


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    selectable_by_keys(label)
    label.setFrameShape(QLabel.Shape.Box)
    label.setMargin(6)
    return label


def _two_lines(label: str, longest: int = 40) -> str:
    """Return ``label`` broken at the space nearest its middle when it is long.

    A check box does not wrap its text: one long concern would set the width of
    the whole form, and the form must fit a narrow pane.
    """
    if len(label) <= longest or " " not in label:
        return label
    middle = len(label) // 2
    cut = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - middle))
    return f"{label[:cut]}\n{label[cut + 1 :]}"


def _text_box(name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # keyboard users leave the box with Tab
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * 5)
    return box


class OrosanmalanForm(QWidget):
    """Every field of one orosanmälan; several children share the rest."""

    changed = Signal()
    reporter_changed = Signal(dict)
    directory_requested = Signal(str, str)

    def __init__(
        self,
        lookup_socialtjanst: Callable[[str], str | None] | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lookup = lookup_socialtjanst
        self._today = today
        layout = QVBoxLayout(self)

        # Recipient and the two switches that change how the report must be handled.
        top = QGroupBox(self.tr("Mottagare"))
        top_form = QFormLayout(top)
        top_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.kommun = KommunCombo(
            kommuner.kommuner(), self.tr("Barnets kommun"), self.tr("Välj barnets kommun…")
        )
        # Size by a short name, not the longest of 290: the form must fit a narrow pane.
        self.kommun.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kommun.setMinimumContentsLength(14)
        self.kommun.currentIndexChanged.connect(self._kommun_changed)
        self.kommun.accepted.connect(self.kommun.focus_next)
        top_form.addRow(self.tr("Barnets &kommun:"), self.kommun)
        top_form.addRow(self.kommun.message)
        self.socialtjanst = PlainLabel()
        self.socialtjanst.setWordWrap(True)
        # Selectable by the mouse; the keys never reach it (its words are the button's).
        self.socialtjanst.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.socialtjanst.setAccessibleName(self.tr("Socialtjänsten i kommunen"))
        self.show_directory = QPushButton(self.tr("Visa socialtjänsten i stö&dkatalogen"))
        self.show_directory.setAccessibleName(self.tr("Visa socialtjänsten i stödkatalogen"))
        self.show_directory.clicked.connect(
            lambda: self.directory_requested.emit("socialtjanst", self.kommun.code())
        )
        top_form.addRow(self.socialtjanst)
        top_form.addRow(self.show_directory)
        self.datum = ReportDateEdit(self.tr("Datum för anmälan"), QDate(self._today()))
        top_form.addRow(self.tr("Dat&um:"), self.datum)
        layout.addWidget(top)

        self.skyddade = QCheckBox(self.tr("Skyddade personuppg&ifter"))
        self.skyddade.setAccessibleName(self.tr("Skyddade personuppgifter"))
        self.skyddade_note = _note(self.tr("⚠ Viktigt: ") + protected_warning())
        self.skyddade.toggled.connect(self._protected_changed)
        layout.addWidget(self.skyddade)
        layout.addWidget(self.skyddade_note)

        self.akut = QCheckBox(self.tr("Akut &fara för barnet"))
        self.akut.setAccessibleName(self.tr("Akut fara för barnet"))
        self.akut_note = _note(
            self.tr(
                "⚠ Ring först: socialtjänsten (efter kontorstid socialjouren) eller 112 om barnet "
                "är i fara just nu. Skriv anmälan efteråt."
            )
        )
        self.akut_kontakt = QLineEdit()
        self.akut_kontakt.setAccessibleName(self.tr("Vem du har ringt och när"))
        self.akut_kontakt.setPlaceholderText(self.tr("Vem har du ringt, och när?"))
        self.akut.toggled.connect(self._acute_changed)
        layout.addWidget(self.akut)
        layout.addWidget(self.akut_note)
        layout.addWidget(self.akut_kontakt)

        # Children: one tab each, one report each.
        children_box = QGroupBox(self.tr("Barn (en anmälan per barn)"))
        children_layout = QVBoxLayout(children_box)
        self.children = QTabWidget()
        self.children.setAccessibleName(self.tr("Barn"))
        self.children.tabBar().setAccessibleName(self.tr("Barn att skriva om"))
        buttons = QHBoxLayout()
        self.add_child_button = QPushButton(self.tr("&Lägg till barn"))
        self.add_child_button.setAccessibleName(self.tr("Lägg till barn"))
        self.add_child_button.clicked.connect(self.add_child)
        self.remove_child_button = QPushButton(self.tr("&Ta bort barnet"))
        self.remove_child_button.setAccessibleName(self.tr("Ta bort barnet som visas"))
        self.remove_child_button.clicked.connect(self.remove_current_child)
        buttons.addWidget(self.add_child_button)
        buttons.addWidget(self.remove_child_button)
        buttons.addStretch(1)
        children_layout.addWidget(self.children)
        children_layout.addLayout(buttons)
        layout.addWidget(children_box)

        self.guardians = [
            GuardianEditor(self.tr("Vårdnadshavare %1").replace("%1", str(n))) for n in (1, 2)
        ]
        for guardian in self.guardians:
            guardian.changed.connect(self.changed)
            layout.addWidget(guardian)

        family = QGroupBox(self.tr("Familjen"))
        family_form = QFormLayout(family)
        family_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.ovriga_syskon = QLineEdit()
        self.ovriga_syskon.setAccessibleName(self.tr("Andra syskon"))
        self.ovriga_syskon.setPlaceholderText(self.tr("Syskon utan egen anmälan"))
        family_form.addRow(self.tr("Andra s&yskon:"), self.ovriga_syskon)
        self.tolk = QCheckBox(self.tr("Behöver t&olk"))
        self.tolk.setAccessibleName(self.tr("Familjen behöver tolk"))
        self.tolk_sprak = QLineEdit()
        self.tolk_sprak.setAccessibleName(self.tr("Tolkspråk"))
        self.tolk_sprak.setPlaceholderText(self.tr("Språk"))
        tolk_row = QHBoxLayout()
        tolk_row.addWidget(self.tolk)
        tolk_row.addWidget(self.tolk_sprak, 1)
        family_form.addRow(self.tr("Tolk:"), tolk_row)
        layout.addWidget(family)

        concern = QGroupBox(self.tr("Vad oron &gäller"))
        concern_layout = QVBoxLayout(concern)
        self.oro: dict[str, QCheckBox] = {}
        for code, label in ORO_TYPER.items():
            box = QCheckBox(_two_lines(label))
            box.setAccessibleName(label)
            box.toggled.connect(self._concern_changed)
            concern_layout.addWidget(box)
            self.oro[code] = box
        layout.addWidget(concern)

        self.egna_iakttagelser = _text_box(
            self.tr("Det här har jag själv sett eller hört"),
            self.tr("Bara det du själv har sett eller hört: vad, när, hur"),
        )
        self.uppgifter_fran_andra = _text_box(
            self.tr("Det här har jag fått veta av någon annan"),
            self.tr("Vad har någon berättat för dig, och vem var det?"),
        )
        seen_label = QLabel(self.tr("Det här har jag <b>själv sett eller hört</b>:"))
        told_label = QLabel(self.tr("Det här har jag <b>fått veta av någon annan</b>:"))
        layout.addWidget(seen_label)
        layout.addWidget(self.egna_iakttagelser)
        layout.addWidget(told_label)
        layout.addWidget(self.uppgifter_fran_andra)

        # Short on the box (a check box does not wrap); the whole question in the note
        # under it and in the name a screen reader reads.
        self.uppgiftslamnare_i_fara = QCheckBox(self.tr("Den som ber&ättade kan vara i fara"))
        self.uppgiftslamnare_i_fara.setAccessibleName(
            self.tr("Den som berättade kan vara i fara om uppgifterna når den andra parten")
        )
        self.uppgiftslamnare_i_fara_note = QLabel(
            self.tr(
                "Kryssa i om den som berättade kan vara i fara om uppgifterna når den andra "
                "parten. Det skrivs då överst i anmälan, så att socialtjänsten ser det först. "
                "Förvalt ja när oron gäller våld i familjen, sexuella övergrepp, "
                "hedersrelaterat våld eller exploatering."
            )
        )
        self.uppgiftslamnare_i_fara_note.setWordWrap(True)
        self.uppgiftslamnare_i_fara.setAccessibleDescription(
            self.uppgiftslamnare_i_fara_note.text()
        )
        # Once the caseworker has answered, the concern no longer decides for them.
        self._fara_answered = False
        self.uppgiftslamnare_i_fara.clicked.connect(self._fara_clicked)
        layout.addWidget(self.uppgiftslamnare_i_fara)
        layout.addWidget(self.uppgiftslamnare_i_fara_note)

        knows = QGroupBox(self.tr("Vem vet om anmälan"))
        knows_form = QFormLayout(knows)
        knows_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.vardnadshavare_kanner_till = QComboBox()
        self.vardnadshavare_kanner_till.setAccessibleName(
            self.tr("Känner vårdnadshavarna till anmälan?")
        )
        for code, label in KANNEDOM.items():
            self.vardnadshavare_kanner_till.addItem(label, code)
        knows_form.addRow(self.tr("Vårdnadshavarna vet:"), self.vardnadshavare_kanner_till)
        self.inte_informera_note = _note(
            self.tr(
                "⚠ Berätta inte för vårdnadshavarna om anmälan när oron gäller våld i familjen, "
                "sexuella övergrepp, hedersrelaterat våld eller exploatering. Socialtjänsten "
                "avgör när och hur de informeras."
            )
        )
        knows_form.addRow(self.inte_informera_note)
        layout.addWidget(knows)

        reporter = self.reporter_box = QGroupBox()
        self.set_reporter_kept(True)
        reporter_form = QFormLayout(reporter)
        reporter_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.reporter: dict[str, QLineEdit] = {}
        self._reporter_saved: dict[str, str] = {}  # as last stored: unchanged is not saved again
        for key, label, name in (
            ("namn", self.tr("Ditt namn:"), self.tr("Ditt namn")),
            ("titel", self.tr("Din titel:"), self.tr("Din titel")),
            ("enhet", self.tr("Din enhet:"), self.tr("Din enhet")),
            ("telefon", self.tr("Ditt telefonnummer:"), self.tr("Ditt telefonnummer")),
            ("epost", self.tr("Din e-post:"), self.tr("Din e-postadress")),
        ):
            edit = QLineEdit()
            edit.setAccessibleName(name)
            edit.textChanged.connect(self.changed)
            # A bound method, not a lambda: Qt disconnects it when the form is destroyed,
            # and a field being destroyed with the focus in it still "finishes editing".
            edit.editingFinished.connect(self._reporter_edited)
            reporter_form.addRow(label, edit)
            self.reporter[key] = edit
        layout.addWidget(reporter)
        layout.addStretch(1)

        for signal in (
            self.datum.dateChanged,
            self.skyddade.toggled,
            self.akut.toggled,
            self.akut_kontakt.textChanged,
            self.uppgiftslamnare_i_fara.toggled,
            self.ovriga_syskon.textChanged,
            self.tolk.toggled,
            self.tolk_sprak.textChanged,
            self.egna_iakttagelser.textChanged,
            self.uppgifter_fran_andra.textChanged,
            self.vardnadshavare_kanner_till.currentIndexChanged,
        ):
            signal.connect(self.changed)
        self._marks = FieldMarks(
            self.field_input,
            {
                self.egna_iakttagelser: seen_label,
                self.uppgifter_fran_andra: told_label,
                next(iter(self.oro.values())): concern,
                self.akut_kontakt: self.akut,
                self.tolk_sprak: self.tolk,
            },
        )
        self.clear()

    def set_reporter_kept(self, kept: bool) -> None:
        """Say beside the caseworker's own details whether the next report will have them."""
        self.reporter_box.setTitle(
            self.tr("Du som anmäler (sparas till nästa gång)")
            if kept
            else self.tr("Du som anmäler (sparas inte nu)")
        )

    # --- reading and clearing ---------------------------------------------------------

    def form(self) -> Form:
        """Return everything filled in, as the core form (``Form.as_typed``)."""
        return Form(
            kommun=self.kommun.code(),
            skyddade_personuppgifter=self.skyddade.isChecked(),
            barn=tuple(self.child_editor(i).child() for i in range(self.children.count())),
            vardnadshavare=tuple(g.guardian() for g in self.guardians),
            ovriga_syskon=self.ovriga_syskon.text(),
            tolk_behovs=self.tolk.isChecked(),
            tolk_sprak=self.tolk_sprak.text(),
            oro=tuple(code for code, box in self.oro.items() if box.isChecked()),
            egna_iakttagelser=self.egna_iakttagelser.toPlainText(),
            uppgifter_fran_andra=self.uppgifter_fran_andra.toPlainText(),
            akut_fara=self.akut.isChecked(),
            akut_kontakt=self.akut_kontakt.text(),
            uppgiftslamnare_i_fara=self.uppgiftslamnare_i_fara.isChecked(),
            vardnadshavare_kanner_till=self.vardnadshavare_kanner_till.currentData() or "vet_ej",
            anmalare=Reporter(**self.reporter_data()),
            datum=self.datum.date().toString("yyyy-MM-dd"),
        ).as_typed()

    def reporter_data(self) -> dict[str, str]:
        """Return the caseworker's own details as typed."""
        return {key: edit.text().strip() for key, edit in self.reporter.items()}

    def set_reporter(self, data: dict) -> None:
        """Fill in the caseworker's stored details."""
        for key, edit in self.reporter.items():
            value = data.get(key, "") if isinstance(data, dict) else ""
            edit.setText(value if isinstance(value, str) else "")
        self._reporter_saved = self.reporter_data()

    def clear(self) -> None:
        """Forget everything about the child and family; keep the reporter's own details."""
        self.kommun.set_code("")
        self.datum.setDate(QDate(self._today()))
        for box in (
            self.skyddade,
            self.akut,
            self.tolk,
            self.uppgiftslamnare_i_fara,
            *self.oro.values(),
        ):
            box.setChecked(False)
        self._fara_answered = False
        for edit in (self.akut_kontakt, self.ovriga_syskon, self.tolk_sprak):
            edit.clear()
        for text in (self.egna_iakttagelser, self.uppgifter_fran_andra):
            text.clear()
        for guardian in self.guardians:
            guardian.clear()
        self.vardnadshavare_kanner_till.setCurrentIndex(0)
        while self.children.count():
            editor = self.children.widget(0)
            self.children.removeTab(0)
            editor.deleteLater()
        self.add_child()
        self._protected_changed(False)
        self._acute_changed(False)
        self._concern_changed()
        self._kommun_changed()
        # QLineEdit.clear() keeps the undo history: Ctrl+Z in the next report would bring
        # back the last family's names, address and phone. setText drops it.
        for edit in self.findChildren(QLineEdit):
            edit.setText(edit.text())

    # --- children -------------------------------------------------------------------------

    def child_editor(self, index: int) -> ChildEditor:
        """Return the editor of child ``index``."""
        return self.children.widget(index)  # type: ignore[return-value]

    def add_child(self) -> ChildEditor:
        """Add a child (a sibling: the rest of the form is shared) and show it."""
        editor = ChildEditor()
        editor.set_protected(self.skyddade.isChecked())
        editor.changed.connect(self.changed)
        editor.changed.connect(self._retitle_children)
        self.children.addTab(editor, "")
        self.children.setCurrentWidget(editor)
        self._retitle_children()
        self.remove_child_button.setEnabled(self.children.count() > 1)
        self._order_tabs()
        editor.namn.setFocus()
        self.changed.emit()
        return editor

    def remove_current_child(self) -> None:
        """Remove the child shown (never the last one)."""
        if self.children.count() <= 1:
            return
        index = self.children.currentIndex()
        editor = self.children.widget(index)
        self.children.removeTab(index)
        editor.deleteLater()
        self._retitle_children()
        self.remove_child_button.setEnabled(self.children.count() > 1)
        self.changed.emit()

    def _order_tabs(self) -> None:
        # A child's editor is built after the rest of the form, so Tab would reach
        # its fields last; put them right after the child tabs, before the buttons.
        chain: list[QWidget] = [self.children.tabBar()]
        for i in range(self.children.count()):
            chain += self.child_editor(i).inputs()
        chain += [self.add_child_button, self.remove_child_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _retitle_children(self) -> None:
        for i in range(self.children.count()):
            # Doubled, a "&" typed in a name is shown, not taken as the tab's Alt key.
            # A pasted line break is shown as a space in the field, and in the tab.
            name = on_one_line(self.child_editor(i).namn.text()).strip().replace("&", "&&")
            title = self.tr("Barn %1").replace("%1", str(i + 1))
            mark = MARK if i in self._marks.children else ""
            self.children.setTabText(i, f"&{i + 1} {mark}{name or title}")

    # --- reactions ------------------------------------------------------------------------

    def _protected_changed(self, on: bool) -> None:
        show_note(self.skyddade_note, on, self.skyddade)
        for i in range(self.children.count()):
            self.child_editor(i).set_protected(on)
        for guardian in self.guardians:
            guardian.set_protected(on)

    def _acute_changed(self, on: bool) -> None:
        show_note(self.akut_note, on, self.akut)
        self.akut_kontakt.setVisible(on)

    def _fara_clicked(self) -> None:
        self._fara_answered = True

    def _concern_changed(self) -> None:
        oro = [code for code, box in self.oro.items() if box.isChecked()]
        sensitive = guardians_not_told(oro)
        show_note(self.inte_informera_note, sensitive, self.vardnadshavare_kanner_till)
        if not self._fara_answered:
            # The default of the report: yes where the guardians are not told either.
            self.uppgiftslamnare_i_fara.setChecked(sensitive)
        answer = self.vardnadshavare_kanner_till.currentData()
        suggested = suggested_guardians_answer(oro, answer)
        if suggested != answer:
            self.vardnadshavare_kanner_till.setCurrentIndex(
                self.vardnadshavare_kanner_till.findData(suggested)
            )
        # The concern is in the report: the preview and the problems must follow it.
        self.changed.emit()

    def _reporter_edited(self) -> None:
        data = self.reporter_data()
        if data != self._reporter_saved:
            self._reporter_saved = data
            self.reporter_changed.emit(data)

    def _kommun_changed(self) -> None:
        code = self.kommun.code()
        found = self._lookup(code) if (self._lookup and code) else None
        self.socialtjanst.setText(
            self.tr("Socialtjänsten: %1").replace("%1", found) if found else ""
        )
        self.socialtjanst.setVisible(bool(found))
        self.show_directory.setVisible(bool(found))
        # Enter in the kommun goes on to the button, never to the line: NVDA says it there.
        self.show_directory.setAccessibleDescription(self.socialtjanst.text())
        self.changed.emit()

    def field_input(self, field: str) -> tuple[int | None, QWidget | None]:
        """Return the child index (None outside a child) and the input of a field path."""
        path = parse_field(field)
        if path.child is not None:
            if path.child < self.children.count():
                return path.child, self.child_editor(path.child).widget_for(path.name)
            return None, None
        if path.reporter:
            return None, self.reporter.get(path.name)
        return None, {
            "kommun": self.kommun,
            "datum": self.datum,
            "tolk_sprak": self.tolk_sprak,
            "akut_kontakt": self.akut_kontakt,
            "uppgiftslamnare_i_fara": self.uppgiftslamnare_i_fara,
            "egna_iakttagelser": self.egna_iakttagelser,
            "uppgifter_fran_andra": self.uppgifter_fran_andra,
            "vardnadshavare_kanner_till": self.vardnadshavare_kanner_till,
            "oro": next(iter(self.oro.values())),
        }.get(field)

    def widget_for(self, field: str) -> QWidget | None:
        """Return the input of a problem's field path, e.g. ``barn[1].namn`` (showing its tab)."""
        index, widget = self.field_input(field)
        if index is not None:
            self.children.setCurrentIndex(index)
        return widget

    def mark_problems(self, problems: list[FieldProblem]) -> None:
        """Put a sign before the label of every field with a problem, and name it."""
        self._marks.show(problems)
        self._retitle_children()
