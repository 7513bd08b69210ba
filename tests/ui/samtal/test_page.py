"""The Samtalsstöd page, driven by keyboard like a caseworker on the phone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from fkstod.core.flows import load_library
from fkstod.core.kommuner import kommuner
from fkstod.core.usage import UsageRecorder
from fkstod.ui.samtal.page import FlowPage
from tests.core.flows.test_flows_session import LIBRARY as FIXTURE_LIBRARY
from tests.ui.fakes import FakeDialogs

# The offscreen platform cannot resize a shown window to its size hint and says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def usage(memory_db):
    recorder = UsageRecorder(memory_db)
    recorder.set_content_ids("flow", FIXTURE_LIBRARY.ids())
    return recorder


@pytest.fixture
def page(qtbot, usage):
    widget = FlowPage(FIXTURE_LIBRARY, usage, FakeDialogs(), kommuner())
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def press(qtbot, page: FlowPage, *keys) -> None:
    for key in keys:
        target = page.stack.currentWidget()
        if isinstance(key, str):
            qtbot.keyClicks(page.picker.filter, key)
        else:
            qtbot.keyClick(target, key)


def start(qtbot, page: FlowPage, words: str) -> None:
    page.picker.filter.setFocus()
    qtbot.keyClicks(page.picker.filter, words)
    qtbot.keyClick(page.picker.filter, Qt.Key.Key_Return)


def test_typing_filters_the_list_and_enter_starts_the_flow(qtbot, page):
    qtbot.keyClicks(page.picker.filter, "underhåll")
    assert page.picker.list.count() == 1
    qtbot.keyClick(page.picker.filter, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.step_view
    assert "Är du ensam" in page.step_view.say.text()


def test_the_benefit_narrows_the_list(qtbot, page):
    page.picker.benefit.setCurrentIndex(page.picker.benefit.findData("underhallsstod"))
    listed = [page.picker.list.item(i).text() for i in range(page.picker.list.count())]
    conversations = [t for t in listed if not t.startswith("Ämne: ")]
    assert len(conversations) == 1 and conversations[0].startswith("Hot och våld")


def test_keys_answer_go_back_and_the_summary_shows_the_note(qtbot, page):
    start(qtbot, page, "sjukpenning")
    view = page.step_view
    qtbot.keyClick(view, Qt.Key.Key_1)  # alone: yes
    assert "alla som har sjukpenning" in view.say.text()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_2)  # told about violence
    assert view.step_title.text() == "<h2>Lyssna och bekräfta</h2>"
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert "(förra svaret)" in view.option_buttons[1].text()
    qtbot.keyClick(view, Qt.Key.Key_1)  # no
    assert page.stack.currentWidget() is page.summary
    note = page.summary.note.toPlainText()
    assert "Frågan om våld ställdes. Personen berättade inte om våld." in note
    assert "berättade om våld." not in note


def test_alt_left_goes_back_too(qtbot, page):
    start(qtbot, page, "sjukpenning")
    qtbot.keyClick(page.step_view, Qt.Key.Key_1)
    qtbot.keyClick(page.step_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert "ensam just nu" in page.step_view.say.text()


def test_a_digit_without_such_an_answer_does_nothing(qtbot, page):
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_9)
    assert page.session.step.id == "fore"


def test_akut_fara_jumps_and_enter_returns(qtbot, page):
    start(qtbot, page, "underhåll")
    page.jumps.buttons["akut-fara"].click()  # the window owns F5: see test_flow_window
    assert page.session.flow.id == "akut-fara"
    assert page.step_view.flow_title.text() == "↳ Akut fara"
    qtbot.keyClick(page.step_view, Qt.Key.Key_3)
    # The way back names the step it goes back to.
    back = page.step_view.continue_button
    assert back.text() == "Tillbaka till: Kan personen prata fritt? (Enter) →"
    assert back.accessibleName() == "Tillbaka till: Kan personen prata fritt?"
    assert "minst 0" not in page.step_view.progress_text.text()
    # Not "sista steget": the call goes on after the way back.
    assert page.step_view.progress_text.text() == "Steg 3 · minst 2 kvar"
    qtbot.keyClick(page.step_view, Qt.Key.Key_Return)
    assert (page.session.flow.id, page.session.step.id) == ("underhallsstod-fraga", "fore")
    assert page.session.step.title == "Kan personen prata fritt?"


def test_every_jump_button_has_a_name_and_a_key(page):
    assert [b.accessibleName() for b in page.jumps.buttons.values()] == [
        "Akut fara",
        "Barn berörs",
        "Berättar om våld",
        "Kan inte prata nu",
    ]
    keys = [b.accessibleDescription() for b in page.jumps.buttons.values()]
    assert keys == [f"Snabbtangent F{n}" for n in (5, 6, 7, 8)]


def test_every_control_has_an_accessible_name(qtbot, page):
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_1)
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)  # the checklist
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit)
    nameless = [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, kinds)
        and not w.accessibleName()
        and w.isVisibleTo(page)
        and w.parent() is not None
        and not isinstance(w.parent(), QComboBox)
    ]
    assert nameless == []


def test_esc_asks_before_leaving_and_counts_abandoned(qtbot, page, usage):
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_Escape)
    assert page.dialogs.confirm_titles() == ["Lämna flödet?"]
    assert page.stack.currentWidget() is page.picker
    metrics = {c.metric for c in usage.counts()}
    assert {"flow_started", "flow_abandoned"} <= metrics


def test_esc_answered_no_stays_in_the_flow(qtbot, page):
    page.dialogs.answer = False
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.step_view


def test_copy_note_puts_the_edited_note_on_the_clipboard(qtbot, page):
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)  # not alone: ends at once
    page.summary.note.setPlainText("Redigerad anteckning.")
    qtbot.keyClick(
        page.summary,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QGuiApplication.clipboard().text() == "Redigerad anteckning."
    assert "kopierad" in page.summary.copied.text()


def test_directory_shortcut_emits_category_and_picked_kommun(qtbot, page):
    start(qtbot, page, "underhåll")
    page.kommun.setCurrentIndex(page.kommun.findData("0180"))
    qtbot.keyClick(page.step_view, Qt.Key.Key_1)
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)
    qtbot.keyClick(page.step_view, Qt.Key.Key_Return)  # past the checklist
    with qtbot.waitSignal(page.directory_requested) as blocker:
        page.step_view.extra_buttons[1].click()  # socialtjänst in the person's kommun
    assert blocker.args == ["socialtjanst", "0180"]
    with qtbot.waitSignal(page.directory_requested) as blocker:
        page.step_view.extra_buttons[0].click()
    assert blocker.args == ["kvinnor", "0180"]  # the call's kommun stays in the filter


def test_orosanmalan_hand_off_emits_the_benefit(qtbot, page):
    start(qtbot, page, "underhåll")
    page.jumps.buttons["barn-berors"].click()
    with qtbot.waitSignal(page.orosanmalan_requested) as blocker:
        page.step_view.extra_buttons[-1].click()
    assert blocker.args == ["underhallsstod", ""]


def test_a_jump_from_the_list_starts_the_jump_flow_on_its_own(qtbot, page):
    page.jumps.buttons["kan-inte-prata"].click()
    assert page.session.flow_id == "kan-inte-prata"


def test_compact_mode_puts_guidance_below_and_tells_the_window(qtbot, page):
    with qtbot.waitSignal(page.compact_changed) as blocker:
        qtbot.keyClick(
            page,
            Qt.Key.Key_K,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert blocker.args == [True]
    assert page.step_view.texts.direction().name == "TopToBottom"


def test_a_broken_flow_is_listed_and_explains_itself(qtbot, tmp_path, usage):
    import shutil

    from tests.core.flows.test_flows_lint import FIXTURE

    folder = tmp_path / "flows"
    folder.mkdir()
    shutil.copy(FIXTURE / "underhallsstod-fraga.toml", folder)
    (folder / "trasig.toml").write_text(
        'id = "trasig"\ntitle = "Trasigt flöde"\n', encoding="utf-8"
    )
    dialogs = FakeDialogs()
    page = FlowPage(load_library(folder), usage, dialogs)
    qtbot.addWidget(page)
    page.show()
    texts = [page.picker.list.item(i).text() for i in range(page.picker.list.count())]
    assert texts[-1].startswith("Ej tillgängligt: Trasigt flöde")
    page.picker.list.setCurrentRow(len(texts) - 1)
    qtbot.keyClick(page.picker.filter, Qt.Key.Key_Return)
    assert dialogs.errors and "trasig.toml:" in dialogs.errors[0][1]
    assert page.session is None


def test_topic_flows_are_listed_after_the_conversations_and_start_from_the_list(qtbot, page):
    qtbot.keyClicks(page.picker.filter, "akut")
    assert page.picker.list.count() == 1
    assert page.picker.list.item(0).text().startswith("Ämne: Akut fara")
    qtbot.keyClick(page.picker.filter, Qt.Key_Return)
    assert page.session.flow.id == "akut-fara"


def ctrl_shift(key):
    return key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_shift_c_copies_the_note_as_typed_with_focus_in_the_note(qtbot, page):
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)  # not alone: ends at once
    note = page.summary.note
    qtbot.keyClick(note, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # open it for writing
    note.moveCursor(note.textCursor().MoveOperation.End)
    qtbot.keyClicks(note, " Tillagg.")
    qtbot.keyClick(note, *ctrl_shift(Qt.Key.Key_C))
    assert QGuiApplication.clipboard().text().endswith(" Tillagg.")
    assert QGuiApplication.clipboard().text() == note.toPlainText()


def test_new_conversation_asks_before_discarding_an_edited_note(qtbot, page):
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)
    note = page.summary.note
    qtbot.keyClick(note, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # open it for writing
    qtbot.keyClicks(note, "Egen rad. ")
    page.dialogs.answer = False
    qtbot.keyClick(note, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialogs.confirm_titles() == ["Kasta anteckningen?"]
    assert page.stack.currentWidget() is page.summary
    assert note.toPlainText().startswith("Egen rad. ")
    page.dialogs.answer = True
    qtbot.keyClick(note, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.stack.currentWidget() is page.picker


def test_new_conversation_does_not_ask_when_the_note_is_unchanged(qtbot, page):
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)
    qtbot.keyClick(page.summary, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialogs.confirm_titles() == []
    assert page.stack.currentWidget() is page.picker


def test_new_conversation_does_not_ask_once_the_edited_note_is_copied(qtbot, page):
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)
    note = page.summary.note
    qtbot.keyClick(note, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # open it for writing
    qtbot.keyClicks(note, "Egen rad. ")
    qtbot.keyClick(note, *ctrl_shift(Qt.Key.Key_C))
    qtbot.keyClick(note, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialogs.confirm_titles() == []
    assert page.stack.currentWidget() is page.picker


def test_compact_mode_gives_the_kommun_a_row_of_its_own(qtbot, page):
    page.set_compact(True)
    qtbot.wait(1)
    assert page.compact_button.geometry().top() > page.kommun.geometry().bottom()
    page.set_compact(False)
    qtbot.wait(1)
    assert page.compact_button.geometry().top() < page.kommun.geometry().bottom()


def test_esc_inside_a_jump_returns_to_the_step_it_was_made_from(qtbot, page):
    start(qtbot, page, "underhåll")
    page.jump("akut-fara")
    assert page.session.in_jump
    qtbot.keyClick(page.step_view, Qt.Key.Key_Escape)
    assert page.dialogs.confirm_titles() == []
    assert page.stack.currentWidget() is page.step_view
    assert (page.session.flow.id, page.session.step.id) == ("underhallsstod-fraga", "fore")
    qtbot.keyClick(page.step_view, Qt.Key.Key_Escape)  # the main flow: asks as before
    assert page.dialogs.confirm_titles() == ["Lämna flödet?"]


def test_alt_t_goes_to_the_note_and_alt_a_is_left_to_the_arkiv_menu(qtbot, page):
    import re

    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)  # not alone: ends at once
    from PySide6.QtWidgets import QAbstractButton, QLabel

    keys = [
        m.group(1).lower()
        for w in page.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton) and w.isVisibleTo(page)
        for m in [re.search(r"&([^&])", w.text())]
        if m
    ]
    assert not {"a", "v", "h"} & set(keys)
    qtbot.keyClick(page.summary.copy_button, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert page.summary.note.hasFocus()


def test_the_outcomes_after_the_colon_are_in_lower_case(qtbot, page):
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)  # not alone: ends at once
    text = page.summary.path.text()
    outcomes = text.split("Utfall:</b> ", 1)[1]
    items = outcomes.split("</p>")[0].split(", ")
    # After a colon Swedish goes on in lower case, like the rest of the list.
    assert items[0] == "frågan om våld ställdes inte"
    assert all(item[0].islower() or item[0].isdigit() for item in items)


def test_key_names_are_swedish_in_texts_and_tooltips(qtbot, page):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    start(qtbot, page, "underhåll")
    texts = [
        t
        for w in page.findChildren(QWidget)
        for t in (w.toolTip(), w.text() if isinstance(w, QLabel | QAbstractButton) else "")
    ]
    assert not [t for t in texts if "Shift" in t]
    assert "Ctrl+Skift+K" in page.compact_button.toolTip()


ALT = Qt.KeyboardModifier.AltModifier


def to_support_step(qtbot, page):
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_1)
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)
    qtbot.keyClick(page.step_view, Qt.Key.Key_Return)  # past the checklist


def test_alt_digits_open_the_directory_shortcuts_and_show_their_keys(qtbot, page):
    to_support_step(qtbot, page)
    assert [b.text().rsplit(" (", 1)[1] for b in page.step_view.extra_buttons[:2]] == [
        "Alt+1)",
        "Alt+2)",
    ]
    assert "Alt+1" in page.step_view.extra_buttons[0].toolTip()
    with qtbot.waitSignal(page.directory_requested) as blocker:
        qtbot.keyClick(page.step_view, Qt.Key.Key_1, ALT)
    assert blocker.args == ["kvinnor", ""]
    assert page.step_view.hasFocus()  # the keys go on answering


def test_alt_r_opens_the_orosanmalan_from_a_step(qtbot, page):
    start(qtbot, page, "underhåll")
    page.jumps.buttons["barn-berors"].click()
    button = page.step_view.extra_buttons[-1]
    assert "Alt+R" in button.text() and "Alt+R" in button.toolTip()
    with qtbot.waitSignal(page.orosanmalan_requested) as blocker:
        qtbot.keyClick(page.step_view, Qt.Key.Key_R, ALT)
    assert blocker.args == ["underhallsstod", ""]


def test_a_shortcut_for_the_persons_kommun_asks_for_the_kommun_first(qtbot, page):
    to_support_step(qtbot, page)
    with qtbot.assertNotEmitted(page.directory_requested):
        qtbot.keyClick(page.step_view, Qt.Key.Key_2, ALT)  # socialtjänst in the kommun
    assert page.kommun.hasFocus() or page.kommun.lineEdit().hasFocus()
    assert page.notice.isVisibleTo(page) and "kommun" in page.notice.text()
    page.kommun.setCurrentIndex(page.kommun.findData("0180"))
    assert not page.notice.isVisibleTo(page)
    with qtbot.waitSignal(page.directory_requested) as blocker:
        qtbot.keyClick(page.kommun, Qt.Key.Key_2, ALT)
    assert blocker.args == ["socialtjanst", "0180"]


def test_the_step_shows_that_it_has_the_keys(qtbot, page):
    start(qtbot, page, "sjukpenning")
    view = page.step_view
    assert view.hasFocus()
    assert view.key_hint.text() == "Svara med 1–3"
    marked = view.grab().toImage()
    page.kommun.setFocus()
    assert view.key_hint.text() == ""
    unmarked = view.grab().toImage()
    edge = (1, view.height() // 2)  # the frame is drawn at the edge, not only in colour
    assert marked.pixel(*edge) != unmarked.pixel(*edge)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert view.key_hint.text() == "Enter går vidare"


def test_an_edited_note_survives_a_jump_from_the_end_and_back(qtbot, page):
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)  # not alone: ends at once
    note = page.summary.note
    qtbot.keyClick(note, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # open it for writing
    note.moveCursor(note.textCursor().MoveOperation.End)
    qtbot.keyClicks(note, " Egen rad.")
    edited = note.toPlainText()
    page.jump("akut-fara")  # F5 from the end of the call
    assert page.stack.currentWidget() is page.step_view
    page.choose(0)
    page.advance()  # the jump ends: back at the end of the call
    assert page.stack.currentWidget() is page.summary
    assert note.toPlainText() == edited
    assert page.summary.is_edited()


def test_a_new_conversation_forgets_the_callers_kommun(qtbot, page):
    page.kommun.setCurrentIndex(page.kommun.findData("1280"))
    start(qtbot, page, "underhåll")
    qtbot.keyClick(page.step_view, Qt.Key.Key_2)
    page.new_conversation()
    assert page.kommun.currentData() == ""
    assert page.summary.note.toPlainText() == ""


def test_the_kommun_field_does_not_repeat_its_label(qtbot, page):
    # Beside "Kommun:", the field said "Kommun: ej vald".
    assert not page.kommun.currentText().lower().startswith("kommun")
    assert page.kommun.currentText() == "Ej vald"


def test_a_kommun_typed_but_not_taken_goes_with_a_shortcut_pressed_at_once(qtbot, page):
    """Lund typed, Alt+N at once (no Enter, the field keeps the focus): Lund, not none."""
    start(qtbot, page, "sjukpenning")
    asked = []
    page.directory_requested.connect(lambda category, kommun: asked.append((category, kommun)))
    page.kommun.setFocus()
    page.kommun.lineEdit().selectAll()
    qtbot.keyClicks(page.kommun.lineEdit(), "Lund")
    page.step_view.directory_clicked.emit("socialtjanst", "")  # what a step's Alt+N does
    assert asked == [("socialtjanst", "1281")]
