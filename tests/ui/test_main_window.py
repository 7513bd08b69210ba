"""The main window as a caseworker uses it: keyboard, text size, remembered geometry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from fkstod import app as fkapp
from fkstod.ui.main_window import KEY_SEPARATOR
from fkstod.ui.widgets.accent_room import AccentRoom
from tests.ui.fakes import FakeDialogs


@pytest.fixture
def window(qtbot, services):
    fkapp.make_application()
    window = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    fkapp.apply_text_scale(1.0)


def test_the_window_has_a_swedish_title_and_four_sections(window):
    assert "våld i nära relationer" in window.windowTitle()
    nav = window.navigation
    titles = [nav.item(i).text().split(KEY_SEPARATOR)[0] for i in range(nav.count())]
    assert titles == ["Samtalsstöd", "Stödkatalog", "Orosanmälan", "Statistik", "Övning"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Arkiv", "Sa&mtal", "&Visa", "&Hjälp"]


@pytest.mark.parametrize(
    "stored, shown",
    [(1000, 2.5), (-5, 0.8), (0, 0.8), (1e308, 2.5), (float("nan"), 1.0), (float("inf"), 1.0)],
)
def test_a_stored_text_size_out_of_range_starts_within_range(qtbot, services, stored, shown):
    # The database is the user's file: a text size no key could make (written by hand,
    # or by a fault) must not start the window with text too large to find Ctrl+0.
    from tests.ui.fakes import close_window

    services.settings.set(fkapp.TEXT_SCALE_KEY, stored)
    fkapp.make_application()
    base = QApplication.font().pointSizeF()
    window = fkapp.build_window(services, FakeDialogs())
    try:
        assert window.text_scale == pytest.approx(shown)
        assert QApplication.font().pointSizeF() == pytest.approx(base * shown)
    finally:
        close_window(window)
        fkapp.apply_text_scale(1.0)


@pytest.mark.parametrize("key, index", [(Qt.Key_1, 0), (Qt.Key_2, 1), (Qt.Key_3, 2), (Qt.Key_4, 3)])
def test_ctrl_number_shows_the_section(qtbot, window, key, index):
    window.show_section(3 - index)
    qtbot.keyClick(window, key, Qt.ControlModifier)
    assert window.current_section() == index
    assert window.navigation.currentRow() == index


def test_ctrl_plus_and_minus_scale_the_text_and_it_is_remembered(qtbot, window, services):
    base = QApplication.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key_Plus, Qt.ControlModifier)
    qtbot.keyClick(window, Qt.Key_Plus, Qt.ControlModifier)
    assert window.text_scale == pytest.approx(1.2)
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.2)
    assert services.settings.get(fkapp.TEXT_SCALE_KEY) == pytest.approx(1.2)
    qtbot.keyClick(window, Qt.Key_Minus, Qt.ControlModifier)
    assert window.text_scale == pytest.approx(1.1)
    qtbot.keyClick(window, Qt.Key_0, Qt.ControlModifier)
    assert window.text_scale == 1.0
    assert QApplication.font().pointSizeF() == pytest.approx(base)


def test_size_position_and_section_are_remembered_after_closing(qtbot, services):
    first = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 520)  # above the window's least width (the lists' 3 px focus frame)
    first.show_section(2)
    first.close()
    second = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (760, 520)
    assert second.current_section() == 2


def test_every_control_has_an_accessible_name(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit

    for index in range(window.pages.count()):
        window.page(index)  # build every section, not only the one shown first
    for kind in (QAbstractButton, QAbstractItemView, QLineEdit):
        for widget in window.findChildren(kind):
            if widget.isVisibleTo(window):
                assert widget.accessibleName(), widget


def test_qt_dialogs_speak_swedish(window):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"


def test_about_shows_version_and_data_folder(qtbot, services, monkeypatch):
    from fkstod import __version__
    from fkstod.ui.about_dialog import AboutDialog

    dialog = AboutDialog(services.data_folder, "checkout")
    qtbot.addWidget(dialog)
    text = dialog.label.text()
    assert __version__ in text and str(services.data_folder) in text


def test_an_unexpected_error_is_shown_in_swedish_and_the_app_goes_on(monkeypatch):
    import sys

    dialogs = FakeDialogs()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    fkapp.install_excepthook(dialogs)
    try:
        raise ValueError("Anna Andersson")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    kind, _title, text = dialogs.shown[-1]
    assert kind == "error" and "finns kvar" in text
    assert "Anna" not in text  # what the user typed is not repeated in the dialog


def test_the_keyboard_starts_in_the_section_so_typing_filters_at_once(qtbot, window):
    window.activateWindow()
    focus = QApplication.focusWidget()
    assert focus is not None and window.page(window.current_section()).isAncestorOf(focus)


def test_only_the_first_section_is_built_at_start_and_the_rest_when_idle(qtbot, window):
    assert window.built_page(0) is not None
    assert window.built_page(2) is None
    window.build_pending_sections()
    qtbot.waitUntil(lambda: all(window.built_page(i) for i in range(window.pages.count())))


def test_a_flows_hand_off_opens_the_report_with_the_flows_benefit(qtbot, window):
    window.page(0).orosanmalan_requested.emit("sjukpenning", "")
    assert window.current_section() == 2
    assert window.page(2)._benefit == "sjukpenning"


def test_the_report_opens_with_the_calls_kommun(qtbot, window):
    window.page(0).orosanmalan_requested.emit("underhallsstod", "0180")
    report = window.page(2)
    assert report._benefit == "underhallsstod"
    assert report.form.kommun.currentData() == "0180"


def test_statistik_shows_the_counts_when_opened(qtbot, window, services):
    flow = "underhallsstod-fraga"
    services.usage.record("flow_started", flow=flow, benefit="underhallsstod")
    services.usage.record("call_ended", benefit="underhallsstod")
    qtbot.keyClick(window, Qt.Key_4, Qt.ControlModifier)
    page = window.page(3)
    [text] = page.counts.texts()
    assert "Underhållsstöd" in text
    assert "1 samtal med stöd av fkstod" in text
    services.usage.record("call_ended", benefit="underhallsstod")
    qtbot.keyClick(window, Qt.Key_1, Qt.ControlModifier)
    qtbot.keyClick(window, Qt.Key_4, Qt.ControlModifier)
    assert "2 samtal med stöd av fkstod" in page.counts.texts()[0]


def test_about_shows_a_folder_name_with_markup_literally(qtbot, tmp_path):
    from fkstod.ui.about_dialog import AboutDialog

    folder = tmp_path / "<b>fet</b> & co"
    dialog = AboutDialog(folder, "checkout")
    qtbot.addWidget(dialog)
    assert "&lt;b&gt;fet&lt;/b&gt; &amp; co" in dialog.label.text()


def test_a_failed_save_shows_its_swedish_reason(monkeypatch):
    import sys

    from fkstod.core.store import StoreError

    dialogs = FakeDialogs()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    fkapp.install_excepthook(dialogs)
    try:
        raise StoreError("Det gick inte att spara (databasen är skrivskyddad).")
    except StoreError:
        sys.excepthook(*sys.exc_info())
    assert dialogs.errors[-1] == (
        "Det gick inte att spara",
        "Det gick inte att spara (databasen är skrivskyddad).",
    )


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_closing_in_compact_mode_remembers_the_normal_size(qtbot, services):
    first = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 600)  # within the offscreen screen of 800 × 800
    first.page(0).set_compact(True)
    assert first.width() < 600
    first.close()
    second = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (760, 600)
    assert not second.navigation.isHidden()


def test_a_size_and_place_that_cannot_be_kept_do_not_stop_the_close(
    qtbot, services, monkeypatch, capsys
):
    # A full disk at closing time: the window's size is no reason for a dialog that
    # says "nothing of the change was saved" while the caseworker quits.
    from fkstod.core.store import StoreError

    dialogs = FakeDialogs()
    window = fkapp.build_window(services, dialogs)
    qtbot.addWidget(window)
    window.show()

    def full(key, value):
        raise StoreError("Det gick inte att spara i databasen x (disken är full).")

    monkeypatch.setattr(services.settings, "set", full)
    qtbot.keyClick(window, Qt.Key_Plus, Qt.ControlModifier)
    window.close()
    assert dialogs.shown == []
    err = capsys.readouterr().err
    assert "textstorleken kunde inte sparas" in err and "disken är full" in err
    assert "fönstrets storlek och läge kunde inte sparas" in err


def test_the_section_names_fit_the_list_at_every_text_size(qtbot, window):
    nav = window.navigation
    for _ in range(12):
        qtbot.keyClick(window, Qt.Key_Plus, Qt.ControlModifier)
        qtbot.wait(1)
        metrics = nav.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(line)
            for i in range(nav.count())
            for line in nav.item(i).text().split(KEY_SEPARATOR)
        )
        assert nav.viewport().width() >= widest + 2 * metrics.averageCharWidth(), window.text_scale
        assert not nav.horizontalScrollBar().isVisible()
    assert window.text_scale == pytest.approx(2.2)


def test_expert_support_shows_the_configured_mailbox_or_says_none_is_set(
    qtbot, services, monkeypatch
):
    from fkstod.core import config

    dialogs = FakeDialogs()
    window = fkapp.build_window(services, dialogs)
    qtbot.addWidget(window)
    monkeypatch.setattr(config, "config", lambda: {"internt_stod": {"funktionsbrevlada": ""}})
    window.expert_action.trigger()
    assert dialogs.infos[-1][0] == "Internt expertstöd"
    assert "Ingen adress" in dialogs.infos[-1][1]
    monkeypatch.setattr(
        config, "config", lambda: {"internt_stod": {"funktionsbrevlada": "vald@exempel.invalid"}}
    )
    window.expert_action.trigger()
    assert "vald@exempel.invalid" in dialogs.infos[-1][1]
    assert "skickar ingenting" in dialogs.infos[-1][1]
    assert window.expert_action.shortcut().toString() == "Ctrl+Shift+E"


def test_closing_with_an_edited_note_asks_first(qtbot, services):
    dialogs = FakeDialogs(answer=False)
    window = fkapp.build_window(services, dialogs)
    qtbot.addWidget(window)
    window.show()
    flows = window.page(0)
    flows.start("kan-inte-prata", "ovriga")  # a short flow: one step, then the end
    for _ in range(20):
        if flows.stack.currentWidget() is flows.summary:
            break
        if flows.session.step.kind == "question":
            flows.choose(0)
        else:
            flows.advance()
    assert flows.stack.currentWidget() is flows.summary
    flows.summary.note.setPlainText("Egen anteckning.")
    assert not window.close()  # answered no: the window stays
    assert dialogs.confirm_titles() == ["Kasta anteckningen?"]
    dialogs.answer = True
    assert window.close()


def _first_line_cut_off(view, row: int) -> bool:
    # Qt centres a row's lines in it: do the marks over its first line's capitals
    # (Ö's dots, Å's ring) start above the row's top?
    index = view.model().index(row, 0)
    rect = view.visualRect(index)
    lines = (
        index.data(Qt.ItemDataRole.DisplayRole).replace("\n", KEY_SEPARATOR).split(KEY_SEPARATOR)
    )
    metrics = view.fontMetrics()
    first_baseline = rect.top() + (rect.height() - len(lines) * metrics.lineSpacing()) / 2
    first_baseline += metrics.ascent()
    return first_baseline + metrics.tightBoundingRect(lines[0]).top() < rect.top()


def test_no_list_cuts_off_the_dots_over_a_capital_o(qtbot, window):
    # "Övning" read "Ovning" in the section list, "Ämne: …" lost a pixel of its dots
    # in the flow list: the marks reach above the font's ascent. Every list of
    # every section, at three text sizes, with a row that starts with them.
    from PySide6.QtWidgets import QListWidget

    for i in range(window.pages.count()):
        window.show_section(i)
    lists = window.findChildren(QListWidget)
    assert window.navigation in lists and len(lists) >= 4
    assert all(isinstance(view.itemDelegate(), AccentRoom) for view in lists)
    for _ in range(3):
        for view in lists:
            view.addItem(f"Övning{KEY_SEPARATOR}Ärende")
            view.doItemsLayout()
            assert not _first_line_cut_off(view, view.count() - 1), view.accessibleName()
            view.takeItem(view.count() - 1)
        assert not any(_first_line_cut_off(window.navigation, r) for r in range(5))
        qtbot.keyClick(window, Qt.Key_Plus, Qt.ControlModifier)
