"""A call in Övningsläge, through the window as a caseworker drives it: its note says it
is a practice note, and what the call starts is counted as the call was."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from fkstod.core.flows.note_rule import HEADING, TRAINING_MARK
from fkstod.core.flows.session import FlowSession
from tests.ui.fakes import real_window
from tests.ui.orosanmalan.helpers import fill_by_keyboard

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, data_folder, services, dialogs):
    yield from real_window(qtbot, data_folder, dialogs, services, shutdown=True)


def key(qtbot, k, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), k, mods)


def training_key(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)


def sjukpenning_to_the_summary(qtbot, window):
    """Sjukpenning, alone, asked, nothing told: the summary with its note."""
    page = window.show_section_id("samtal").build()
    qtbot.keyClicks(QApplication.focusWidget(), "sjukpenning")
    key(qtbot, Qt.Key.Key_Return)
    for _ in range(20):
        if page.stack.currentWidget() is page.summary:
            return page
        step = page.session.step
        key(qtbot, Qt.Key.Key_1 if step.kind == "question" else Qt.Key.Key_Return)
    raise AssertionError("the flow never ended")


def copy_by_key(qtbot) -> str:
    key(qtbot, Qt.Key.Key_C, CTRL_SHIFT)
    return QGuiApplication.clipboard().text()


def real_note(page) -> str:
    """The note the same path gives outside Övningsläge."""
    s = page.session
    again = FlowSession(s.library, s.flow_id, s.benefit)
    for entry in s.trail[:-1]:
        again.choose(entry.left_by) if entry.left_by >= 0 else again.advance()
    return again.note()


def test_a_note_copied_in_training_mode_says_so_first(qtbot, window):
    training_key(qtbot, window)
    page = sjukpenning_to_the_summary(qtbot, window)
    copied = copy_by_key(qtbot)
    first, rest = copied.split("\n", 1)
    assert first == TRAINING_MARK
    assert rest == real_note(page)  # the mark, then the note as it would be
    assert page.summary.note.toPlainText().startswith(TRAINING_MARK + "\n")
    assert page.summary.training_mark.isVisible()
    assert page.summary.training_mark.text().startswith("ÖVNING")


def test_the_mark_names_nothing_but_the_exercise(qtbot):
    assert TRAINING_MARK.startswith("ÖVNING – fiktivt fall")
    assert len(TRAINING_MARK.splitlines()) == 1


def test_a_real_calls_note_is_unchanged_and_unmarked(qtbot, window):
    page = sjukpenning_to_the_summary(qtbot, window)
    copied = copy_by_key(qtbot)
    assert copied == real_note(page)
    assert copied.splitlines()[0] == f"{HEADING} {date.today().isoformat()}"
    assert "ÖVNING" not in copied
    assert not page.summary.training_mark.isVisible()


def test_a_demonstrations_note_stays_marked_when_the_mode_is_switched_off(qtbot, window):
    # The trainer leaves Övningsläge at the summary: the note is still a practice note.
    training_key(qtbot, window)
    page = sjukpenning_to_the_summary(qtbot, window)
    training_key(qtbot, window)
    assert not window.training_banner.isVisible()
    assert copy_by_key(qtbot).startswith(TRAINING_MARK + "\n")
    assert page.summary.training_mark.isVisible()


def test_a_practice_note_copied_without_its_mark_gets_it_back(qtbot, window):
    # The trainee deletes the first line: what reaches the clipboard is marked all the same.
    training_key(qtbot, window)
    page = sjukpenning_to_the_summary(qtbot, window)
    note = page.summary.note
    note.setPlainText(note.toPlainText().split("\n", 1)[1])
    copied = copy_by_key(qtbot)
    assert copied.startswith(TRAINING_MARK + "\n" + HEADING)
    assert note.toPlainText() == copied


@pytest.mark.parametrize("what", ["all", "a line"])
def test_a_practice_note_copied_with_ctrl_c_in_the_note_is_marked_too(qtbot, window, what):
    # The note's own copy (Ctrl+C, its menu, a drag) is a way out of it as well: a
    # trainee who deleted the mark and copied with Ctrl+C had a practice note unmarked.
    training_key(qtbot, window)
    page = sjukpenning_to_the_summary(qtbot, window)
    note = page.summary.note
    key(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # open it for writing
    note.setPlainText(note.toPlainText().split("\n", 1)[1])
    if what == "all":
        key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    else:
        key(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        key(qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    QGuiApplication.clipboard().clear()
    key(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(TRAINING_MARK + "\n" + HEADING)
    # Kept out of clipboard history as the copy button's is.
    formats = QGuiApplication.clipboard().mimeData().formats()
    assert any("CanIncludeInClipboardHistory" in f for f in formats)


def test_a_real_note_copied_with_ctrl_c_is_not_marked(qtbot, window):
    page = sjukpenning_to_the_summary(qtbot, window)
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == page.summary.note.toPlainText()
    assert not QGuiApplication.clipboard().text().startswith(TRAINING_MARK)


# -- what a call starts is counted as the call was -------------------------------------------

ALT = Qt.KeyboardModifier.AltModifier


def metric_rows(services, metric):
    return [(c.labels, c.count) for c in services.usage.counts() if c.metric == metric]


def answer_until(qtbot, page, done) -> None:
    """Answer 1 (or go on) until ``done()``."""
    for _ in range(30):
        if done():
            return
        key(qtbot, Qt.Key.Key_1 if page.session.step.kind == "question" else Qt.Key.Key_Return)
    raise AssertionError("never got there")


def number_from_the_call(qtbot, window, services, meanwhile=lambda: None) -> None:
    """In a sjukpenning call the person tells (F7); a support number is copied (Alt+1).

    ``meanwhile`` runs once the call has begun (the trainer switches the mode).
    """
    page = window.show_section_id("samtal").build()
    qtbot.keyClicks(QApplication.focusWidget(), "sjukpenning")
    key(qtbot, Qt.Key.Key_Return)
    meanwhile()
    key(qtbot, Qt.Key.Key_F7)  # Berättar om våld
    # The first step with a shortcut that needs no kommun (Stöd för kvinnor, …).
    answer_until(qtbot, page, lambda: any(not d.kommun for d in page.session.step.directory))
    n = next(i for i, d in enumerate(page.session.step.directory) if not d.kommun)
    key(qtbot, Qt.Key(Qt.Key.Key_1 + n), ALT)
    assert window.current_section_id() == "katalog"
    copy_a_number(qtbot, window, services)


def copy_a_number(qtbot, window, services) -> None:
    katalog = window.page(window.index_of("katalog"))
    qtbot.waitUntil(lambda: katalog.directory is not None)  # read in slices
    entry = next(e for e in services.directory.entries() if e.telefon)
    katalog.copy_number(entry.id)


def report_from_the_call(qtbot, window, meanwhile=lambda: None) -> None:
    """Underhållsstöd, children concerned (F6): Alt+R at the summary, a report copied."""
    page = window.show_section_id("samtal").build()
    qtbot.keyClicks(QApplication.focusWidget(), "underhåll")
    key(qtbot, Qt.Key.Key_Return)
    meanwhile()
    key(qtbot, Qt.Key.Key_F6)  # Barn berörs
    key(qtbot, Qt.Key.Key_1)  # the person can talk freely
    key(qtbot, Qt.Key.Key_1)  # yes, or cannot be ruled out
    answer_until(qtbot, page, lambda: page.stack.currentWidget() is page.summary)
    key(qtbot, Qt.Key.Key_R, ALT)
    assert window.current_section_id() == "orosanmalan"
    report = window.page(window.index_of("orosanmalan"))
    fill_by_keyboard(qtbot, report)
    report.copy_text()
    return report


def in_call_metrics(services) -> set[str]:
    # What is counted of the call itself when it closes is not at stake here.
    return {c.metric for c in services.usage.counts()} & {
        "support_offered_in_call",
        "orosanmalan_created",
    }


def test_a_number_copied_in_a_demonstration_is_not_counted_after_the_mode_is_off(
    qtbot, window, services
):
    training_key(qtbot, window)
    number_from_the_call(qtbot, window, services, lambda: training_key(qtbot, window))
    assert not window.training_banner.isVisible()
    assert services.usage.counts() == []


def test_a_number_copied_in_a_real_call_is_counted_after_the_mode_is_on(qtbot, window, services):
    number_from_the_call(qtbot, window, services, lambda: training_key(qtbot, window))
    assert window.training_banner.isVisible()
    assert in_call_metrics(services) == {"support_offered_in_call"}


def test_a_number_copied_in_a_real_call_is_counted(qtbot, window, services):
    number_from_the_call(qtbot, window, services)
    assert metric_rows(services, "support_offered_in_call")[0][1] == 1


def test_a_report_written_from_a_demonstration_is_not_counted_after_the_mode_is_off(
    qtbot, window, services
):
    training_key(qtbot, window)
    report = report_from_the_call(qtbot, window, lambda: training_key(qtbot, window))
    assert not window.training_banner.isVisible()
    assert services.usage.counts() == []
    # A report begun in a demonstration is an exercise: it says so, as the call's note does.
    assert report.preview.toPlainText().strip().startswith("ÖVNING – fiktivt fall")
    assert QGuiApplication.clipboard().text().startswith("*** ÖVNING – fiktivt fall ***")


def test_a_report_written_from_a_real_call_is_counted_after_the_mode_is_on(qtbot, window, services):
    report_from_the_call(qtbot, window, lambda: training_key(qtbot, window))
    assert in_call_metrics(services) == {"orosanmalan_created"}
    assert metric_rows(services, "orosanmalan_created") == [({"benefit": "underhallsstod"}, 1)]


def test_a_report_begun_on_its_own_counts_as_the_mode_is(qtbot, window, services):
    # Not from a call: Ny anmälan in the section follows the mode as before.
    report = window.show_section_id("orosanmalan").build()
    training_key(qtbot, window)
    fill_by_keyboard(qtbot, report)
    report.copy_text()
    assert services.usage.counts() == []
    training_key(qtbot, window)
    report._created.clear()
    report.copy_text()
    assert metric_rows(services, "orosanmalan_created") == [({"benefit": "other"}, 1)]


def test_a_new_report_after_a_demonstrations_report_is_a_real_one(qtbot, window, services):
    # After the demonstration, Ny anmälan (Ctrl+Skift+N) in the section begins a report
    # of its own: counted and marked as the mode is now, not as the demonstration was.
    training_key(qtbot, window)
    report = report_from_the_call(qtbot, window, lambda: training_key(qtbot, window))
    qtbot.keyClick(report, Qt.Key.Key_N, CTRL_SHIFT)  # the fake dialogs let the last one go
    assert report.form.form().is_empty()
    fill_by_keyboard(qtbot, report)
    report.copy_text()
    assert "ÖVNING" not in QGuiApplication.clipboard().text()
    assert [n for _labels, n in metric_rows(services, "orosanmalan_created")] == [1]
