"""The directory page, driven like a user: type, filter, copy, edit, import."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

from fkstod.core.directory import Directory
from fkstod.ui.katalog.page import DirectoryPage
from tests.conftest import CORE_DATA, REPO
from tests.ui.fakes import FakeDialogs

# The offscreen platform says this once per top-level window; it is not our fault.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FILES = CORE_DATA / "directory_files"
MONDAY_10 = datetime(2026, 11, 23, 10, 0)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def directory(memory_db) -> Directory:
    d = Directory(memory_db)
    d.apply_import(d.plan_import(FILES / "lokala.csv"))
    return d


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def page(qtbot, directory, dialogs) -> DirectoryPage:
    page = DirectoryPage(directory, dialogs)
    page.clock = lambda: MONDAY_10
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def as_typed(shown: str) -> str:
    """Return a displayed number as stored: plain spaces, no word joiners."""
    return shown.replace("\u00a0", " ").replace("\u2060", "")


def test_typing_without_swedish_letters_finds_the_line(qtbot, page):
    qtbot.keyClicks(page.search_box, "stodlinjen for man")
    assert page.visible_titles() == ["Stödlinjen för män – Utsatta för våld"]
    assert as_typed(page.view.number.text()) == "020-80 80 80"


def test_swedish_letters_typed_rank_the_swedish_spelling_first(qtbot, page):
    # QTest can only synthesise ASCII keys; å, ä, ö arrive as text input instead.
    page.search_box.insert("våld")
    assert "Stödlinjen för män – Utsatta för våld" in page.visible_titles()


def test_each_keystroke_narrows_the_rows(qtbot, page):
    everything = page.results.count()
    qtbot.keyClicks(page.search_box, "kvinno")
    assert 0 < page.results.count() < everything
    assert page.visible_titles()[0].startswith("Kvinno")
    qtbot.keyClicks(page.search_box, "zzz")
    assert page.results.count() == 0
    assert page.count.text() == "Inga träffar"


def test_the_best_row_is_shown_with_number_hours_and_open_state(qtbot, page):
    qtbot.keyClicks(page.search_box, "kvinnojouren")
    assert as_typed(page.view.number.text()) == "040-628 04 01"
    assert "öppet nu" in page.view.details.text()
    assert "öppet nu" in page.results.item(0).text()


def test_arrow_down_moves_to_the_next_result(qtbot, page):
    qtbot.keyClicks(page.search_box, "jour")
    page.results.setFocus()
    first = page.view.title.text()
    qtbot.keyClick(page.results, Qt.Key.Key_Down)
    assert page.view.title.text() != first


def test_a_phone_number_never_breaks_across_lines(qtbot, page, directory):
    from fkstod.ui.katalog.entry_view import DirectoryEntryView

    entry = directory.search("kvinnofridslinjen").entries[0]
    view = DirectoryEntryView()
    qtbot.addWidget(view)
    view.show_entry(entry, True)
    view.resize(view.fontMetrics().averageCharWidth() * 6, 600)  # far too narrow
    view.show()
    qtbot.waitExposed(view)
    shown = view.number.text()
    assert " " not in shown and "-\u2060" in shown
    assert view.number.height() < 2 * view.number.fontMetrics().lineSpacing()
    # Only what is shown changes: the stored number and the copied one stay plain.
    assert entry.telefon == "020-50 50 50"
    qtbot.keyClicks(page.search_box, "kvinnofridslinjen")
    assert page.results.item(0).text().split("\n")[1].startswith(shown + "  ·  ")
    qtbot.keyClick(page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "020-50 50 50"


def test_old_entries_are_flagged_in_words(qtbot, page):
    qtbot.keyClicks(page.search_box, "socialtjansten mottagningen")
    assert "⚠" in page.view.stale.text() and "12 månader" in page.view.stale.text()


def test_unverified_lines_say_so_and_varying_hours_claim_no_state(qtbot, page):
    qtbot.keyClicks(page.search_box, "terrafem")
    assert page.view.entry.id == "nat-terrafem"
    assert page.view.stale.text().startswith("⚠ Inte verifierad")
    details = page.view.details.text()
    assert "varierar – se webbplats" in details and "stängt just nu" not in details
    assert page.results.item(0).text().endswith("öppettider varierar")
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, "ratt att valja")
    assert page.view.entry.id == "nat-ratt-att-valja"
    assert page.view.stale.text().startswith("⚠ Senast verifierad 2024-06-03")


def test_copy_puts_the_number_on_the_clipboard_and_counts_the_category(qtbot, page):
    qtbot.keyClicks(page.search_box, "bris")
    with qtbot.waitSignal(page.referral_shown) as shown:
        qtbot.keyClick(page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "116 111"
    assert shown.args == ["barn_unga"]
    # Out of the system's clipboard history: which line was copied tells what the call was about.
    formats = QGuiApplication.clipboard().mimeData().formats()
    assert any("ExcludeClipboardContentFromMonitorProcessing" in f for f in formats), formats


def test_show_filtered_puts_the_need_first_in_the_kommun_and_counts_only_the_category(qtbot, page):
    qtbot.keyClicks(page.search_box, "hemlig text")
    with qtbot.waitSignal(page.referral_shown) as shown:
        page.show_filtered("kvinnor", "1280")
    assert shown.args == ["kvinnor"]
    assert page.search_box.text() == ""
    assert page.kommun.currentData() == "1280"
    first = page.directory.get(page.results.item(0).data(Qt.ItemDataRole.UserRole))
    assert first.kategori == "kvinnor" and first.kommuner == ("1280",)
    assert "Mansjouren Exempelby" not in page.visible_titles()


def test_filters_open_now_and_language(qtbot, page):
    page.language.setCurrentIndex(page.language.findData("arabiska"))
    assert page.visible_titles() == ["Kvinnojouren Exempelstaden – Jourtelefon"]
    page.language.setCurrentIndex(0)
    qtbot.mouseClick(page.open_now, Qt.MouseButton.LeftButton)
    assert "Mansjouren Exempelby" not in page.visible_titles()
    assert "Kvinnofridslinjen – Stödtelefon" in page.visible_titles()


def test_shipped_entries_cannot_be_edited_or_removed(qtbot, page):
    qtbot.keyClicks(page.search_box, "112")
    assert not page.edit_button.isEnabled() and not page.remove_button.isEnabled()


def test_remove_asks_first(qtbot, page, dialogs):
    qtbot.keyClicks(page.search_box, "mansjouren")
    dialogs.answer = False
    qtbot.keyClick(page, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert page.visible_titles() == ["Mansjouren Exempelby"]
    dialogs.answer = True
    qtbot.keyClick(page, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert page.visible_titles() == []


def test_editor_shows_every_problem_and_saves_when_fixed(qtbot, page, directory):
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

    dialog = DirectoryEntryDialog(directory.save)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.fields["organisation"], "Tjejjouren Testby")
    qtbot.keyClicks(dialog.fields["telefon"], "12")
    dialog.try_save()
    assert "Telefon" in dialog.errors.text() and "Kategori" in dialog.errors.text()
    assert dialog.saved is None
    dialog.fields["telefon"].clear()
    qtbot.keyClicks(dialog.fields["telefon"], "040-628 04 09")
    dialog.fields["kategori"].set_value("kvinnor")
    qtbot.keyClicks(dialog.fields["senast_verifierad"], "2026-11-01")
    dialog.try_save()
    assert dialog.saved is not None
    assert directory.search("tjejjouren").entries[0].telefon == "040-628 04 09"


def test_the_editor_lists_problems_in_the_form_s_order_and_goes_to_the_first(qtbot, directory):
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

    dialog = DirectoryEntryDialog(directory.save)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.fields["organisation"], "Tjejjouren Testby")
    qtbot.keyClicks(dialog.fields["telefon"], "12")
    dialog.try_save()
    listed = [
        dialog.errors.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.errors.count())
    ]
    form = list(dialog.fields)
    assert listed == sorted(listed, key=form.index)  # top to bottom, as the form reads
    assert dialog.focusWidget() is dialog.fields[listed[0]]


def test_import_with_errors_lists_every_row_and_changes_nothing(qtbot, page, directory):
    before = directory.local_entries()
    page.transfer.choose_import_path = lambda: str(FILES / "bad" / "okand_kommunkod.csv")
    qtbot.keyClick(page, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert page.problems.isVisible()
    assert "okand_kommunkod.csv:3: Kommuner: okänd kommunkod" in page.problems.text()
    assert directory.local_entries() == before


def _show_import_problems(qtbot, page):
    page.transfer.choose_import_path = lambda: str(FILES / "bad" / "okand_kommunkod.csv")
    qtbot.keyClick(page, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert page.problems.isVisible()


def test_the_import_problems_close_with_their_button_shortcut(qtbot, page):
    _show_import_problems(qtbot, page)
    assert page.problems.close_button.accessibleName() == "Stäng listan med fel"
    assert "Alt+G" in page.problems.close_button.toolTip()
    qtbot.keyClick(page.problems, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    # A mnemonic "animates" the click: the button fires a moment later.
    qtbot.waitUntil(lambda: not page.problems.isVisible())
    assert page.transfer.import_button.hasFocus()


def test_the_import_problems_close_with_escape_while_they_have_focus(qtbot, page):
    _show_import_problems(qtbot, page)
    assert page.problems.view.hasFocus()
    qtbot.keyClick(page.problems.view, Qt.Key.Key_Escape)
    assert not page.problems.isVisible()
    page.search_box.setFocus()
    _show_import_problems(qtbot, page)
    qtbot.mouseClick(page.problems.close_button, Qt.MouseButton.LeftButton)
    assert not page.problems.isVisible()


def test_import_shows_the_preview_and_asks_before_applying(qtbot, page, dialogs, tmp_path):
    out = tmp_path / "lokala.csv"
    page.directory.export(out, include_shipped=False)
    text = out.read_text(encoding="utf-8-sig").replace("tis 18-21", "tis 18-22")
    out.write_text(text, encoding="utf-8-sig")
    page.transfer.choose_import_path = lambda: str(out)
    dialogs.answer = False
    page.transfer.import_file()
    assert dialogs.confirms[-1][1].startswith("0 nya, 1 ändrad, 0 borttagna")
    assert page.directory.get("lokal-gbg-man").telefontider == "tis 18-21"
    dialogs.answer = True
    page.transfer.import_file()
    assert page.directory.get("lokal-gbg-man").telefontider == "tis 18-22"


def test_binary_file_gets_a_clear_message(qtbot, page, dialogs):
    page.transfer.choose_import_path = lambda: str(FILES / "bad" / "binar.csv")
    page.transfer.import_file()
    assert "binära data" in dialogs.shown[-1][2]


def test_export_writes_where_the_user_chose(qtbot, page, dialogs, tmp_path):
    page.transfer.choose_export_path = lambda fmt: str(tmp_path / "ut.csv")
    page.transfer.export_file()
    assert (tmp_path / "ut.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "poster sparade" in dialogs.shown[-1][2]


def test_export_offers_excel_first_then_csv_and_hsds(page):
    menu = page.transfer.export_button.menu()
    assert [a.text().replace("&", "") for a in menu.actions()] == [
        "Som Excel-arbetsbok (.xlsx)…\tCtrl+Skift+B",
        "Som CSV-fil…\tCtrl+Skift+S",
        "Som HSDS-paket (Open Referral), en mapp…\tCtrl+Skift+H",
    ]


def test_each_format_has_its_key_where_the_focus_is_in_the_page(qtbot, page):
    page.show()
    qtbot.waitExposed(page)
    asked = []
    page.transfer.export_file = asked.append
    for key in (Qt.Key.Key_B, Qt.Key.Key_S, Qt.Key.Key_H):
        page.results.setFocus()
        qtbot.keyClick(
            page.results,
            key,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert asked == ["xlsx", "csv", "hsds"]


# A popup asks the offscreen platform for things it cannot do; not our fault either.
@pytest.mark.qt_log_ignore("propagateSizeHints", "support raise", "grabbing the keyboard")
def test_ctrl_shift_x_opens_the_format_choice(qtbot, page):
    from PySide6.QtCore import QTimer

    menu = page.transfer.export_button.menu()
    seen = []
    # Look at the menu once it is up, then close it as Esc would.
    QTimer.singleShot(50, lambda: (seen.append(menu.isVisible()), menu.close()))
    qtbot.keyClick(page.search_box, Qt.Key.Key_X, CTRL_SHIFT)
    qtbot.waitUntil(lambda: seen == [True])
    assert not menu.isVisible()


def test_export_as_hsds_writes_a_package_into_the_chosen_folder(qtbot, page, dialogs, tmp_path):
    asked = []
    page.transfer.choose_export_path = lambda fmt: asked.append(fmt) or str(tmp_path / "paket")
    page.transfer.export_hsds_action.trigger()
    assert asked == ["hsds"]
    assert (tmp_path / "paket" / "datapackage.json").is_file()
    assert (tmp_path / "paket" / "service.csv").is_file()
    assert "HSDS" in dialogs.shown[-1][2] and "poster sparade" in dialogs.shown[-1][2]


def test_export_as_hsds_refuses_a_folder_with_other_files(qtbot, page, dialogs, tmp_path):
    (tmp_path / "brev.txt").write_text("mitt", encoding="utf-8")
    page.transfer.choose_export_path = lambda fmt: str(tmp_path)
    page.transfer.export_hsds_action.trigger()
    assert "tom mapp" in dialogs.shown[-1][2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brev.txt"]


def test_every_control_has_an_accessible_name(page):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListWidget, QTabBar

    controls = [
        w
        for kind in (QAbstractButton, QComboBox, QLineEdit, QListWidget, QTabBar)
        for w in page.findChildren(kind)
    ]
    for widget in controls:
        # A line edit's clear button is Qt's own part, reached by mouse only; the
        # line edit of an editable combo box has the focus, so it needs the name.
        if isinstance(widget.parent(), QLineEdit):
            continue
        assert widget.accessibleName(), widget
    assert page.kommun.lineEdit().accessibleName() == "Kommun"


def test_the_window_wires_the_page_to_the_usage_counts(qtbot, data_folder):
    from fkstod.app import build_services, build_window

    services, _notice = build_services(data_folder)
    window = build_window(services, FakeDialogs())  # closed below, before the database
    flow_page = window.page(0)
    flow_page.directory_requested.emit("man", "1480")  # a flow's directory shortcut
    page = window.page(window.current_section())
    assert isinstance(page, DirectoryPage)
    qtbot.waitUntil(lambda: not page.loading)  # the entries are read in slices
    assert page.results.item(0).text().startswith("Stödlinjen för män")
    assert [(c.metric, dict(c.labels)) for c in services.usage.counts()] == [
        ("referral_shown", {"category": "man"})
    ]
    window.close()  # saves the window state, so before the database closes
    window.deleteLater()
    services.db.close()


def test_each_directory_widget_file_is_small_and_holds_one_widget():
    import ast

    for path in REPO.glob("fkstod/ui/katalog/*.py"):
        if path.name == "__init__.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 400, path
        classes = [n for n in ast.parse(text).body if isinstance(n, ast.ClassDef)]
        assert len(classes) == 1, path


def _at_text_scale(qtbot, page, scale: float, width: int = 860) -> None:
    # What apply_text_scale does to the application font, for this page only.
    font = page.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    page.setFont(font)
    page.resize(width, 700)
    qtbot.wait(10)  # let the layouts settle


def _edit_field_width(combo) -> int:
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return (
        combo.style()
        .subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        .width()
    )


@pytest.mark.parametrize(("scale", "width"), [(1.0, 860), (1.6, 860), (1.5, 914), (1.5, 1000)])
def test_every_filter_shows_its_whole_choice_at_large_text(qtbot, page, scale, width):
    # 914: the page's width in the window at 150 % on a 1366×768 screen (seen cut there).
    _at_text_scale(qtbot, page, scale, width)
    page.need.setCurrentIndex(page.need.findText("Inget särskilt behov"))
    for combo in (page.kommun, page.lan, page.need, page.group, page.form, page.language):
        needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert _edit_field_width(combo) >= needed, combo.accessibleName()


@pytest.mark.parametrize("scale", [1.0, 1.6])
def test_the_details_fit_beside_the_list_at_large_text(qtbot, page, scale):
    _at_text_scale(qtbot, page, scale)
    qtbot.keyClicks(page.search_box, "kvinnofridslinjen")
    qtbot.wait(10)
    assert not page.details_area.horizontalScrollBar().isVisible()
    assert page.view.width() <= page.details_area.viewport().width()


def test_a_long_title_is_shortened_so_the_number_line_stays_in_its_row(qtbot, page):
    # Rows share one height (fast painting); a title that wrapped to a second
    # line would push the number and open state out of its row.
    _at_text_scale(qtbot, page, 1.6, width=700)
    qtbot.keyClicks(page.search_box, "kvinnojouren")
    assert not page.results.wordWrap()
    assert page.results.textElideMode() == Qt.TextElideMode.ElideRight
    item = page.results.item(0)
    assert item.toolTip() == "Kvinnojouren Exempelstaden – Jourtelefon"
    assert item.text().split("\n")[0] == item.toolTip()  # screen readers get it whole


# The completer's popup: the offscreen platform cannot raise it or grab the keyboard.
@pytest.mark.qt_log_ignore("propagateSizeHints", r"raise\(\)", "grabbing the keyboard")
def test_a_local_need_without_a_kommun_asks_for_the_kommun_instead_of_a_list(qtbot, page):
    # A flow's "Socialtjänsten i barnets kommun" shortcut before any kommun is picked.
    page.search_box.setFocus()
    page.show_filtered("socialtjanst", "")
    assert page.results.count() == 0
    assert page.notice.isVisible()
    assert page.notice.text() == "Välj kommun för att se socialtjänsten"
    assert page.kommun.lineEdit().hasFocus()
    qtbot.keyClicks(page.kommun.lineEdit(), "1280")
    popup = page.kommun.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=1000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert page.kommun.currentData() == "1280"
    assert page.visible_titles()[0] == "Malmö stad – Socialtjänsten, mottagningen"
    assert not page.notice.isVisible()


def test_a_local_need_still_finds_what_is_typed(qtbot, page):
    page.show_filtered("socialtjanst", "")
    qtbot.keyClicks(page.search_box, "bris")
    assert page.visible_titles()[0].startswith("BRIS")
    assert not page.notice.isVisible()


def test_a_shortcut_from_a_flow_clears_filters_left_from_an_earlier_search(page):
    page.lan.setCurrentIndex(page.lan.findData("01"))  # Stockholms län
    page.open_now.setChecked(True)
    page.show_filtered("man", "1480")
    assert page.lan.currentIndex() == 0
    assert not page.open_now.isChecked()
    shown = [page.results.item(i).text() for i in range(page.results.count())]
    assert any(text.startswith("Stödlinjen för män") for text in shown)


def test_the_entry_editor_does_not_stay_behind_as_a_child_of_the_page(qtbot, page, monkeypatch):
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

    monkeypatch.setattr(DirectoryEntryDialog, "exec", lambda self: 0)
    before = len(page.findChildren(DirectoryEntryDialog))
    page.add_entry()
    qtbot.waitUntil(lambda: len(page.findChildren(DirectoryEntryDialog)) == before)


def test_a_line_out_of_date_shows_its_hours_without_saying_open_now(qtbot, page):
    """Rätt att välja, last verified 2024-06-03, on a Monday at 10 within its hours."""
    qtbot.keyClicks(page.search_box, "ratt att valja")
    assert page.view.entry.id == "nat-ratt-att-valja"
    details = page.view.details.text()
    assert page.view.entry.telefontider in details
    assert "öppet nu" not in details and "stängt just nu" not in details
    assert page.results.item(0).text().endswith("öppettider ej kontrollerade")


def test_ctrl_k_copies_from_the_search_field_and_says_which_number(qtbot, page):
    qtbot.keyClicks(page.search_box, "bris")
    page.search_box.setFocus()
    qtbot.keyClick(page.search_box, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "116 111"
    assert page.search_box.text() == "bris"  # not cut by the line edit's own Ctrl+K
    button = page.view.copy_button
    assert button.text().replace("\u00a0", " ") == "Ko&pierat ✓ 116 111"
    assert page.view.copied_timer.isActive()


def test_kopierat_goes_when_the_entry_changes_and_after_a_few_seconds(qtbot, page):
    qtbot.keyClicks(page.search_box, "bris")
    qtbot.keyClick(page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    button = page.view.copy_button
    assert "Kopierat" in button.text().replace("&", "")
    page.view.copied_timer.timeout.emit()  # the few seconds have passed
    assert button.text() == "Ko&piera numret"
    qtbot.keyClick(page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, "kvinnofridslinjen")
    assert button.text() == "Ko&piera numret"  # another entry: nothing copied of it
    assert not page.view.copied_timer.isActive()
    qtbot.keyClick(page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "020-50 50 50"
    # The mnemonic stays while it says Kopierat (offscreen Qt does not run mnemonics).
    assert QKeySequence.mnemonic(button.text()) == QKeySequence("Alt+P")


def test_a_kommun_without_a_local_office_says_what_to_do_instead(qtbot, page):
    page.show_filtered("socialtjanst", "0380")  # Uppsala: no local entry in the test file
    assert page.notice.isVisibleTo(page)
    text = page.notice.text()
    assert "ingen socialtjänst för Uppsala" in text
    assert "112" in text and "samordnare" in text
    assert page.visible_titles() == []  # not a national list headed by 112
    page.show_filtered("socialtjanst", "1280")  # Malmö has one
    assert not page.notice.isVisibleTo(page)
    assert page.directory.get(page.results.entry_id(0)).kategori == "socialtjanst"


def test_the_editor_picks_codes_by_swedish_name_and_keeps_the_form_whole(qtbot, directory):
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

    dialog = DirectoryEntryDialog(directory.save, languages=directory.languages())
    qtbot.addWidget(dialog)
    dialog.show()
    kategori = dialog.fields["kategori"]
    assert kategori.itemText(kategori.findData("kvinnor")) == "Stöd för kvinnor"
    groups = dialog.fields["malgrupper"]
    assert [groups.item(i).text() for i in range(3)] == ["Alla", "Kvinnor", "Män"]
    # By keyboard: arrow to a row, Space ticks it.
    groups.setFocus()
    qtbot.keyClick(groups, Qt.Key.Key_Home)  # Alla
    qtbot.keyClick(groups, Qt.Key.Key_Down)  # Kvinnor
    qtbot.keyClick(groups, Qt.Key.Key_Space)
    qtbot.keyClick(groups, Qt.Key.Key_Down)  # Män
    qtbot.keyClick(groups, Qt.Key.Key_Space)
    assert dialog.values()["malgrupper"] == "kvinnor, man"
    kategori.setFocus()
    qtbot.keyClick(kategori, Qt.Key.Key_S)  # "Stöd för kvinnor" is the first with S
    assert dialog.values()["kategori"].startswith(("kvinnor", "man", "hbtqi", "barn", "socialt"))
    # Many problems: a list of its own that scrolls; the fields keep their size
    # (the form scrolls instead of being squeezed).
    sizes = {name: w.height() for name, w in dialog.fields.items()}
    dialog.try_save()
    qtbot.wait(10)
    assert dialog.errors.isVisible() and dialog.errors.count() >= 3
    assert dialog.errors.height() < 6 * dialog.errors.fontMetrics().lineSpacing()
    assert {name: w.height() for name, w in dialog.fields.items()} == sizes


def test_the_editor_keeps_an_old_entrys_values_and_saves_them_unchanged(qtbot, directory):
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

    entry = next(e for e in directory.local_entries() if e.sprak)
    dialog = DirectoryEntryDialog(directory.save, entry, languages=directory.languages())
    qtbot.addWidget(dialog)
    values = dialog.values()
    assert values["kategori"] == entry.kategori
    assert values["malgrupper"].split(", ") == [
        c for c in dialog.fields["malgrupper"].codes() if c in entry.malgrupper
    ]
    assert set(values["sprak"].split(", ")) == set(entry.sprak)
    dialog.try_save()
    assert dialog.saved is not None and dialog.saved.content() == entry.content()


def test_a_shortcut_from_a_call_leaves_no_clear_button_in_the_empty_search(qtbot, page):
    from PySide6.QtWidgets import QToolButton

    qtbot.keyClicks(page.search_box, "kvinno")
    page.show_filtered("socialtjanst", "0380")
    assert page.search_box.text() == ""
    clear = page.search_box.findChildren(QToolButton)
    qtbot.waitUntil(lambda: not any(b.isVisible() for b in clear))


def test_the_arrow_keys_in_the_search_box_choose_the_row(qtbot, page):
    # As the empty details say: type in the search box, choose a row with the arrows.
    qtbot.keyClicks(page.search_box, "linje")
    assert page.results.count() > 2
    first = page.view.title.text()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert page.results.currentRow() == 1 and page.view.title.text() != first
    assert page.search_box.hasFocus() or not page.isActiveWindow()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Up)
    assert page.results.currentRow() == 0 and page.view.title.text() == first
    qtbot.keyClick(page.search_box, Qt.Key.Key_Up)
    assert page.results.currentRow() == 0  # stays on the first row
    assert page.search_box.text() == "linje"
