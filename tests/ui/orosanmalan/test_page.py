"""The orosanmälan page, driven by keyboard like a caseworker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.ui.fakes import FakeDialogs
from tests.ui.orosanmalan.helpers import (
    REPORTER,
    fill_by_keyboard,
    type_into,
    type_keys,
)


@pytest.fixture
def dialogs():
    return FakeDialogs()


@pytest.fixture
def saved(tmp_path):
    return {"asks": [], "files": [], "path": str(tmp_path / "anmalan.pdf")}


@pytest.fixture
def page(qtbot, dialogs, saved):
    def asker(parent, suggested):
        saved["asks"].append(suggested)
        return saved["path"], "PDF (*.pdf)"

    def save_file(path, data):
        saved["files"].append(path)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    widget = OrosanmalanPage(
        dialogs,
        reporter={},
        save_asker=asker,
        printer_asker=lambda parent: None,
        save_file=save_file,
        clipboard_clear_ms=50,
    )
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def preview_text(qtbot, page, must_contain: str) -> str:
    qtbot.waitUntil(lambda: must_contain in page.preview.toPlainText(), timeout=2000)
    return page.preview.toPlainText()


def test_filling_the_form_by_keyboard_shows_the_report(qtbot, page):
    fill_by_keyboard(qtbot, page)
    text = preview_text(qtbot, page, "Saga Exempelsson")
    assert "Socialnämnden i Uppsala kommun" in text
    assert "Jag hörde ett barn gråta." in text
    assert "Påhittade gatan 1, 752 00 Uppsala" in text
    qtbot.waitUntil(lambda: "Allt som behövs är ifyllt" in page.problems.text())


def test_copy_puts_plain_text_on_the_clipboard_counts_once_and_clears_later(qtbot, page):
    page.start("sjukpenning")
    fill_by_keyboard(qtbot, page)
    with qtbot.waitSignal(page.report_created) as created:
        qtbot.keyClick(
            page.form.child_editor(0).namn,
            Qt.Key.Key_C,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert created.args == ["sjukpenning"]
    clip = QGuiApplication.clipboard().text()
    # Violence in the family: the warning for social services comes first, then the report.
    assert clip.startswith("!!! VIKTIGT: DEN SOM BERÄTTADE KAN VARA I FARA !!!")
    assert "\nOROSANMÄLAN – ANMÄLAN OM ORO FÖR BARN\n" in clip and "Saga Exempelsson" in clip
    with qtbot.assertNotEmitted(page.report_created):
        page.copy_text()  # the same child's report is one report
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=2000)


def test_hostile_text_shows_literally(qtbot, page):
    hostile = "{{ 7*7 }} {% for x in y %} <script>alert(1)</script> <b>fet</b>"
    fill_by_keyboard(qtbot, page, seen=hostile)
    text = preview_text(qtbot, page, "alert(1)")
    assert hostile in text
    assert "49" not in text
    page.copy_text()
    assert hostile in QGuiApplication.clipboard().text()


def test_an_ampersand_in_a_childs_name_shows_in_its_tab_and_takes_no_key(qtbot, page):
    # "&" in a tab's text marks its Alt key: "Saga &Elis" would show "Saga Elis" and
    # take Alt+E from the form.
    fill_by_keyboard(qtbot, page, name="Saga &Elis & Co")
    tabs = page.form.children
    qtbot.waitUntil(lambda: "Elis" in tabs.tabText(0), timeout=2000)
    assert tabs.tabText(0).endswith("Saga &&Elis && Co")
    assert tabs.tabText(0).startswith("&1 ")  # the child's own number key stays


def test_a_wrong_personnummer_is_named_keeps_the_text_and_takes_the_focus(qtbot, page, dialogs):
    fill_by_keyboard(qtbot, page, pnr="20150312-9808")
    with qtbot.assertNotEmitted(page.report_created):
        page.copy_text()
    assert len(dialogs.errors) == 1
    assert (
        "Barn 1, personnummer eller födelsedatum: kontrollsiffran stämmer inte"
        in dialogs.errors[0][1]
    )
    child = page.form.child_editor(0)
    assert child.personnummer.text() == "20150312-9808"
    assert child.personnummer.hasFocus()
    assert "kontrollsiffran" in page.problems.text()


def test_protected_data_disables_the_fields_left_out_and_names_them(qtbot, page):
    fill_by_keyboard(qtbot, page)
    form = page.form
    child = form.child_editor(0)
    type_into(qtbot, child.vistelse, "Hos mormor")
    left_out = (
        child.adress,
        child.skola,
        child.vistelse,
        *(edit for g in form.guardians for edit in (g.adress, g.telefon)),
    )
    kept = (child.namn, child.personnummer, form.guardians[0].namn, form.guardians[0].relation)
    assert not form.skyddade_note.isVisible()
    form.skyddade.setFocus()
    qtbot.keyClick(form.skyddade, Qt.Key.Key_Space)
    assert form.skyddade.isChecked()
    note = form.skyddade_note.text()
    assert form.skyddade_note.isVisible() and "e-tjänst" in note
    for words in (
        "barnets adress",
        "skola eller förskola",
        "var barnet är nu",
        "vårdnadshavarnas adress",
        "vårdnadshavarnas telefon",
    ):
        assert words in note
    for edit in left_out:
        # Still on screen, so the caseworker sees what is left out; not editable, and named so.
        assert edit.isVisible() and not edit.isEnabled()
        assert "tas inte med" in edit.accessibleName()
        assert edit.placeholderText() == "Tas inte med: skyddade personuppgifter"
    assert all(edit.isEnabled() for edit in kept)
    text = preview_text(qtbot, page, "SKYDDADE PERSONUPPGIFTER")
    for word in ("Påhittade gatan", "Exempelskolan", "070-000 00 01", "Hos mormor"):
        assert word not in text
    # Switching back loses nothing that was typed, and gives the fields their names back.
    qtbot.keyClick(form.skyddade, Qt.Key.Key_Space)
    assert all(edit.isEnabled() for edit in left_out)
    assert child.adress.text().startswith("Påhittade gatan")
    assert child.adress.accessibleName() == "Barnets adress"
    assert child.adress.placeholderText() == "Gata, postnummer, ort"
    assert "Hos mormor" in preview_text(qtbot, page, "Hos mormor")


def test_violence_in_the_family_says_guardians_are_not_told(qtbot, page):
    form = page.form
    assert not form.inte_informera_note.isVisible()
    form.oro["hedersrelaterat"].setFocus()
    qtbot.keyClick(form.oro["hedersrelaterat"], Qt.Key.Key_Space)
    assert form.inte_informera_note.isVisible()
    assert form.vardnadshavare_kanner_till.currentData() == "nej"


def test_acute_danger_tells_to_phone_first(qtbot, page):
    form = page.form
    assert not form.akut_note.isVisible()
    form.akut.setFocus()
    qtbot.keyClick(form.akut, Qt.Key.Key_Space)
    assert form.akut_note.isVisible() and "112" in form.akut_note.text()
    type_into(qtbot, form.akut_kontakt, "Socialjouren 14.10")
    assert "Socialjouren 14.10" in preview_text(qtbot, page, "Socialjouren")


def test_two_children_give_two_reports(qtbot, page):
    fill_by_keyboard(qtbot, page)
    qtbot.keyClick(page.form.add_child_button, Qt.Key.Key_Space)
    second = page.form.child_editor(1)
    assert second.namn.hasFocus()
    type_keys(qtbot, second.namn, "Elis Exempelsson")
    type_into(qtbot, second.personnummer, "2019-08-30")
    text = preview_text(qtbot, page, "Namn: Elis Exempelsson")
    assert "Saga Exempelsson, 20150312-9809 (egen anmälan)" in text
    assert page.child_choice.count() == 2
    page.child_choice.setCurrentIndex(0)
    assert "Namn: Saga Exempelsson" in preview_text(qtbot, page, "Namn: Saga")


def test_save_as_writes_only_where_chosen_and_counts(qtbot, page, saved, tmp_path):
    fill_by_keyboard(qtbot, page)
    with qtbot.waitSignal(page.report_created):
        qtbot.keyClick(
            page.form.child_editor(0).namn, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
    assert saved["asks"] and saved["asks"][0].endswith("-barn1.pdf")
    assert [p.name for p in saved["files"]] == ["anmalan.pdf"]
    assert (tmp_path / "anmalan.pdf").read_bytes().startswith(b"%PDF")


def test_new_report_asks_and_then_clears_but_keeps_the_reporter(qtbot, page, dialogs):
    fill_by_keyboard(qtbot, page)
    dialogs.answer = False
    page.new_report()
    assert page.form.child_editor(0).namn.text() == "Saga Exempelsson"
    dialogs.answer = True
    qtbot.keyClick(
        page.form.child_editor(0).namn,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(dialogs.confirms) == 2
    assert page.form.child_editor(0).namn.text() == ""
    assert page.form.egna_iakttagelser.toPlainText() == ""
    assert page.form.kommun.currentData() == ""
    assert page.form.reporter["namn"].text() == REPORTER["namn"]
    assert "Saga" not in page.preview.toPlainText()


def test_an_empty_form_is_discarded_without_asking(page, dialogs):
    assert page.confirm_discard()
    page.start("underhallsstod")
    assert dialogs.confirms == []


def test_reporter_details_are_offered_for_storage(qtbot, page):
    with qtbot.waitSignal(page.reporter_changed) as changed:
        type_into(qtbot, page.form.reporter["namn"], "Kim")
        qtbot.keyClick(page.form.reporter["namn"], Qt.Key.Key_Tab)
    assert changed.args[0]["namn"] == "Kim"


def test_socialtjanst_lookup_shows_when_there_is_an_entry(qtbot, dialogs):
    page = OrosanmalanPage(
        dialogs,
        lookup_socialtjanst=lambda code: "Socialjour 018-00 00 00" if code == "0380" else None,
    )
    qtbot.addWidget(page)
    page.show()
    page.form.kommun.lineEdit().selectAll()  # what focusing it does
    qtbot.keyClicks(page.form.kommun, "Uppsala")
    qtbot.keyClick(page.form.kommun, Qt.Key.Key_Return)
    assert "Socialjour 018-00 00 00" in page.form.socialtjanst.text()
    with qtbot.waitSignal(page.directory_requested) as asked:
        page.form.show_directory.click()
    assert asked.args == ["socialtjanst", "0380"]
    page.form.kommun.lineEdit().clear()  # the kommun erased: none
    qtbot.keyClick(page.form.kommun, Qt.Key.Key_Return)
    assert not page.form.show_directory.isVisible()


def test_every_input_has_an_accessible_name(page):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    for kind in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton):
        for widget in page.findChildren(kind):
            if (
                widget.parent() is not None
                and type(widget).__name__.startswith("Q")
                and widget.isVisibleTo(page)
            ):
                if widget.objectName().startswith("qt_"):
                    continue
                assert widget.accessibleName(), widget


def test_save_as_text_when_the_caseworker_picks_txt(qtbot, page, saved, tmp_path):
    saved["path"] = str(tmp_path / "anmalan.txt")
    fill_by_keyboard(qtbot, page)
    page.save_as()
    text = (tmp_path / "anmalan.txt").read_text(encoding="utf-8")
    assert text.startswith("!!! VIKTIGT") and "\nOROSANMÄLAN" in text and "Saga Exempelsson" in text


def test_print_paints_the_report_on_the_chosen_printer(qtbot, dialogs, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    out = tmp_path / "utskrift.pdf"

    def printer_asker(parent):
        # A printer that prints to a file stands in for the print dialog in a test.
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    page = OrosanmalanPage(dialogs, printer_asker=printer_asker)
    qtbot.addWidget(page)
    page.show()
    fill_by_keyboard(qtbot, page)
    page.print_button.setFocus()
    with qtbot.waitSignal(page.report_created):
        qtbot.keyClick(page.print_button, Qt.Key.Key_Space)
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Saga Exempelsson" in text and "Sida 1 av" in text


def test_a_file_that_cannot_be_written_is_reported_and_the_report_stays(qtbot, dialogs):
    def failing_save(path, data):
        raise PermissionError(13, "Åtkomst nekad")

    page = OrosanmalanPage(
        dialogs, save_asker=lambda p, s: ("/nowhere/x.pdf", ""), save_file=failing_save
    )
    qtbot.addWidget(page)
    page.show()
    fill_by_keyboard(qtbot, page)
    with qtbot.assertNotEmitted(page.report_created):
        page.save_as()
    assert "du saknar behörighet" in dialogs.errors[0][1]  # the reason, in Swedish
    assert page.form.child_editor(0).namn.text() == "Saga Exempelsson"


def test_the_informant_question_follows_the_concern_until_answered(qtbot, page):
    form = page.form
    box = form.uppgiftslamnare_i_fara
    assert box.accessibleName() == (
        "Den som berättade kan vara i fara om uppgifterna når den andra parten"
    )
    assert not box.isChecked()
    for code in ("exploatering", "sexuella_overgrepp"):
        form.oro[code].setFocus()
        qtbot.keyClick(form.oro[code], Qt.Key.Key_Space)
        assert box.isChecked(), code  # yes where the guardians are not told either
        qtbot.keyClick(form.oro[code], Qt.Key.Key_Space)
        assert not box.isChecked(), code
    form.oro["omsorgsbrist"].setFocus()
    qtbot.keyClick(form.oro["omsorgsbrist"], Qt.Key.Key_Space)
    assert not box.isChecked()
    # The caseworker answers by keyboard: Alt+Ä ticks the box (as Alt does for every
    # check box); from then on the concern decides nothing.
    qtbot.keyClick(page, Qt.Key.Key_Adiaeresis, Qt.KeyboardModifier.AltModifier)
    assert box.hasFocus()
    qtbot.waitUntil(box.isChecked, timeout=1000)
    assert page.form.form().uppgiftslamnare_i_fara is True
    qtbot.keyClick(form.oro["vald_i_familjen"], Qt.Key.Key_Space)
    assert box.isChecked()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert not box.isChecked()
    qtbot.keyClick(form.oro["hedersrelaterat"], Qt.Key.Key_Space)
    assert not box.isChecked() and page.form.form().uppgiftslamnare_i_fara is False
    # Advice, not a block: the caseworker may know better.
    qtbot.waitUntil(lambda: "den som berättade vara i fara" in page.problems.text())
    assert "Råd:" in page.problems.text()


def test_the_informant_warning_shows_first_in_the_preview(qtbot, page):
    fill_by_keyboard(qtbot, page)  # violence in the family
    text = preview_text(qtbot, page, "DEN SOM BERÄTTADE KAN VARA I FARA")
    assert text.index("DEN SOM BERÄTTADE") < text.index("Orosanmälan – anmälan om oro för barn")
    page.form.uppgiftslamnare_i_fara.click()
    qtbot.waitUntil(lambda: "KAN VARA I FARA" not in page.preview.toPlainText())


def test_a_new_report_lets_the_concern_decide_again(qtbot, page):
    form = page.form
    form.uppgiftslamnare_i_fara.click()
    page.new_report()
    assert not form.uppgiftslamnare_i_fara.isChecked()
    form.oro["vald_i_familjen"].click()
    assert form.uppgiftslamnare_i_fara.isChecked()


def test_ticking_a_concern_alone_updates_the_preview(qtbot, page):
    fill_by_keyboard(qtbot, page)
    preview_text(qtbot, page, "Saga Exempelsson")
    page.form.oro["omsorgsbrist"].setFocus()
    qtbot.keyClick(page.form.oro["omsorgsbrist"], Qt.Key.Key_Space)
    preview_text(qtbot, page, "Brister i omsorgen om barnet")


def test_a_long_concern_shows_whole_on_two_lines_and_is_named_on_one(page):
    box = page.form.oro["exploatering"]
    assert box.text() == "Exploatering, prostitution\neller människohandel"
    assert box.accessibleName() == "Exploatering, prostitution eller människohandel"
    assert page.form.oro["annat"].text() == "Annat"


def test_the_report_date_comes_from_the_clock_given_and_a_new_report_asks_it_again(qtbot):
    from datetime import date

    days = [date(2026, 2, 27)]
    page = OrosanmalanPage(FakeDialogs(), today=lambda: days[0])
    qtbot.addWidget(page)
    assert page.form.datum.date().toPython() == date(2026, 2, 27)
    days[0] = date(2026, 3, 2)
    page.form.clear()
    assert page.form.datum.date().toPython() == date(2026, 3, 2)


def test_a_kommun_typed_but_not_taken_is_taken_by_copy_save_and_print(qtbot, page):
    page.form.kommun.setFocus()
    page.form.kommun.lineEdit().selectAll()
    qtbot.keyClicks(page.form.kommun.lineEdit(), "Lund")
    assert page.form.kommun.code() == ""  # not yet taken
    page.copy_text()  # Ctrl+Shift+C with the focus still in the field
    assert page.form.kommun.code() == "1281"
