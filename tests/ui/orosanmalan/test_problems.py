"""The problem list leads to its fields, and fields with a problem are marked without colour."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.ui.fakes import FakeDialogs
from tests.ui.orosanmalan.helpers import fill_by_keyboard, type_into, type_keys


@pytest.fixture
def page(qtbot):
    widget = OrosanmalanPage(FakeDialogs(), reporter={})
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def problem_row(qtbot, page, words: str) -> int:
    def found() -> bool:
        return any(words in page.problems.item(i).text() for i in range(page.problems.count()))

    qtbot.waitUntil(found, timeout=2000)
    return next(i for i in range(page.problems.count()) if words in page.problems.item(i).text())


def second_child_shown(qtbot, page) -> None:
    fill_by_keyboard(qtbot, page, pnr="20150312-9808")  # a wrong check digit for child 1
    qtbot.keyClick(page.form.add_child_button, Qt.Key.Key_Space)
    type_keys(qtbot, page.form.child_editor(1).namn, "Elis Exempelsson")
    assert page.form.children.currentIndex() == 1


def test_enter_on_a_problem_moves_the_cursor_to_its_field_in_the_right_tab(qtbot, page):
    second_child_shown(qtbot, page)
    row = problem_row(qtbot, page, "Barn 1, personnummer")
    page.problems.setFocus()
    page.problems.setCurrentRow(row)
    qtbot.keyClick(page.problems, Qt.Key.Key_Return)
    assert page.form.children.currentIndex() == 0
    assert page.form.child_editor(0).personnummer.hasFocus()


def test_double_click_on_a_problem_moves_the_cursor_too(qtbot, page):
    row = problem_row(qtbot, page, "Anmälare, ditt telefonnummer")
    item = page.problems.item(row)
    page.problems.scrollToItem(item)
    where = page.problems.visualItemRect(item).center()
    # A double-click reaches a list as a click followed by a double-click event.
    qtbot.mouseClick(page.problems.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(page.problems.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert page.form.reporter["telefon"].hasFocus()


def test_the_problem_list_is_reached_by_keyboard(qtbot, page):
    page.form.kommun.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert page.problems.hasFocus()


def test_a_field_with_a_problem_is_marked_with_a_sign_and_a_description(qtbot, page):
    fill_by_keyboard(qtbot, page, pnr="20150312-9808")
    child = page.form.child_editor(0)
    qtbot.waitUntil(lambda: "kontrollsiffran" in child.personnummer.accessibleDescription())
    label = child.layout().labelForField(child.personnummer)
    assert label.text().startswith("⚠")
    assert "⚠" in page.form.children.tabText(0)
    assert not child.layout().labelForField(child.namn).text().startswith("⚠")
    # Corrected: the sign and the description go away.
    child.personnummer.clear()
    type_into(qtbot, child.personnummer, "20150312-9809")
    qtbot.waitUntil(lambda: child.personnummer.accessibleDescription() == "", timeout=2000)
    assert not label.text().startswith("⚠")
    assert "⚠" not in page.form.children.tabText(0)


def test_fields_outside_form_rows_are_marked_at_their_heading(qtbot, page):
    form = page.form
    qtbot.waitUntil(lambda: form.egna_iakttagelser.accessibleDescription() != "", timeout=2000)
    assert "beskriv vad du själv" in form.egna_iakttagelser.accessibleDescription()
    heading = next(
        label for label in form.findChildren(QLabel) if "själv sett eller hört" in label.text()
    )
    assert heading.text().startswith("⚠")
    assert form.akut.text() == "Akut &fara för barnet"  # no problem, no sign


def test_the_list_grows_to_show_every_problem_of_an_empty_report(qtbot, page):
    from fkstod.ui.orosanmalan.problem_list import MAX_LINES

    page._refresh_preview()
    problems = page.problems
    assert problems.count() > 3
    viewport = problems.viewport().rect()
    line = problems.fontMetrics().lineSpacing()
    if problems.height() < line * MAX_LINES:
        # Every problem is in sight, none behind a scroll bar.
        for i in range(problems.count()):
            assert viewport.contains(problems.visualItemRect(problems.item(i))), i
    assert problems.height() <= line * (MAX_LINES + 1) + 2 * problems.frameWidth()


def test_at_large_text_on_a_laptop_the_list_leaves_the_preview_its_room(qtbot):
    """150 % on 1366×768: twelve lines of problems squeezed the preview to a heading."""
    widget = OrosanmalanPage(FakeDialogs(), reporter={})
    qtbot.addWidget(widget)
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    widget.setFont(font)
    widget.resize(1080, 680)  # the page in the window on a 1366×768 screen
    widget.show()
    qtbot.waitExposed(widget)
    widget._refresh_preview()  # an empty report: a dozen problems
    qtbot.wait(10)
    assert (
        widget.problems.height()
        <= widget.height() // 4 + widget.problems.fontMetrics().lineSpacing()
    )
    assert widget.preview.height() >= widget.problems.height()


def test_the_year_moved_by_an_arrow_key_is_a_problem_of_the_date(qtbot, page):
    fill_by_keyboard(qtbot, page)
    date_edit = page.form.datum
    date_edit.setFocus()
    date_edit.setCurrentSection(date_edit.Section.YearSection)
    qtbot.keyClick(date_edit, Qt.Key.Key_Up)  # one year on: easily done, easily missed
    row = problem_row(qtbot, page, "framtiden")
    assert page.problems.item(row).text().startswith("⚠ Datum")
    texts = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert not any("18 år" in t for t in texts)


def test_a_number_pasted_with_invisible_direction_marks_reads_as_seen(qtbot, page):
    # Mail programs wrap numbers and names in marks the caseworker cannot see; the
    # report takes them out rather than asking to "skriv om texten".
    child = page.form.child_editor(0)
    child.namn.setText("\u202aLo Andersson\u202c")
    page.form.akut_kontakt.setText("Ring \u200e070-123 45 67")
    form = page.form.form()
    assert form.barn[0].namn == "Lo Andersson"
    assert form.akut_kontakt == "Ring 070-123 45 67"
    page._refresh_preview()
    assert "osynligt" not in page.problems.text()
