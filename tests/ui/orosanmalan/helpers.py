"""Shared helpers for the orosanmälan widget tests: a fake dialog service and a filled form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

REPORTER = {
    "namn": "Kim Handläggare",
    "titel": "Försäkringsutredare",
    "enhet": "Exempelenheten",
    "telefon": "010-000 00 00",
    "epost": "kim@example.invalid",
}


def type_keys(qtbot, widget, text: str) -> None:
    """Type ``text`` into ``widget`` as keystrokes, Swedish letters included."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            # QTest.keyClicks asserts on non-ASCII characters: send the key event ourselves.
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key(ord(ch.upper())),
                ch,
                Qt.KeyboardModifier.NoModifier,
            )


def type_into(qtbot, widget, text: str) -> None:
    """Give ``widget`` the focus and type ``text`` as keystrokes."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    type_keys(qtbot, widget, text)


def fill_by_keyboard(
    qtbot, page, *, name="Saga Exempelsson", pnr="20150312-9809", seen="Jag hörde ett barn gråta."
) -> None:
    """Fill the required fields of ``page`` with keystrokes, like a caseworker."""
    form = page.form
    form.kommun.lineEdit().selectAll()  # what focusing it does (the window may be inactive)
    type_keys(qtbot, form.kommun, "Uppsala")
    qtbot.keyClick(form.kommun, Qt.Key.Key_Return)  # takes the top suggestion
    child = form.child_editor(0)
    type_into(qtbot, child.namn, name)
    type_into(qtbot, child.personnummer, pnr)
    type_into(qtbot, child.adress, "Påhittade gatan 1, 752 00 Uppsala")
    type_into(qtbot, child.skola, "Exempelskolan")
    type_into(qtbot, form.guardians[0].namn, "Maria Exempelsson")
    type_into(qtbot, form.guardians[0].adress, "Påhittade gatan 1")
    type_into(qtbot, form.guardians[0].telefon, "070-000 00 01")
    form.oro["vald_i_familjen"].setFocus()
    qtbot.keyClick(form.oro["vald_i_familjen"], Qt.Key.Key_Space)
    type_into(qtbot, form.egna_iakttagelser, seen)
    for key, value in REPORTER.items():
        if not form.reporter[key].text():
            type_into(qtbot, form.reporter[key], value)
