"""What a screen reader hears where text changes and the keys do not move.

A window that keeps the keys itself (Öva själv; the trainer's console, for the
presenter's remote) is one Tab stop: NVDA says its name and, asked, its description,
never its labels. Each such window has what it shows as its description, and a key
that changes the step has the new text announced. A status line the user's action
changes is announced as well.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel

from fkstod.core.flows import load_library
from fkstod.core.training import load_cases
from fkstod.qt.speech import QUIET
from fkstod.ui.ovning.page import OvningPage
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CASE = "man-utsatt"


@pytest.fixture
def said(monkeypatch) -> list[str]:
    """What is announced to a screen reader, as it is sent."""
    heard: list[str] = []
    send = QAccessible.updateAccessibility

    def record(event) -> None:
        if event.type() == QAccessible.Event.Announcement:
            heard.append(event.message())
        send(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(record))
    return heard


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture
def page(qtbot, library):
    widget = OvningPage(library, load_cases(library), FakeDialogs())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.select(CASE)
    yield widget
    widget.shutdown()


def _plain(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() != Qt.TextFormat.PlainText and "<" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&", "").strip()


def _unsaid(window) -> list[str]:
    told = window.accessibleDescription()
    return [
        _plain(label)
        for label in window.findChildren(QLabel)
        if label.isVisibleTo(window)
        and _plain(label)
        and not label.property(QUIET)
        and _plain(label) not in told
    ]


def _windows(page, qtbot):
    practice = page.practise()
    qtbot.addWidget(practice)
    yield "Öva själv", practice, Qt.Key.Key_1
    practice.close()
    presenter = page.present()
    qtbot.addWidget(presenter.audience)
    qtbot.addWidget(presenter.console)
    yield "tränarvy", presenter.console, Qt.Key.Key_PageDown
    presenter.close()


def test_a_window_that_keeps_the_keys_has_what_it_shows_as_its_description(qtbot, page, said):
    faults = {}
    for name, window, key in _windows(page, qtbot):
        qtbot.waitExposed(window)
        QApplication.processEvents()
        assert QApplication.focusWidget() is window, name  # the one stop: the window
        before = _unsaid(window)
        del said[:]
        qtbot.keyClick(window, key)
        QApplication.processEvents()
        after = _unsaid(window)
        if before or after:
            faults[name] = {"at the start": before, "after a key": after}
        elif not said:
            faults[name] = "the new step was not announced"
        else:
            step = window.step.text()
            assert any(step in line for line in said), (name, said)
    assert not faults, faults


def test_the_consoles_clock_is_not_announced_every_second(qtbot, page, said):
    presenter = page.present()
    qtbot.addWidget(presenter.audience)
    qtbot.addWidget(presenter.console)
    del said[:]
    presenter.console.show_elapsed(61)
    assert presenter.console.clock.text() == "Tid: 1:01"
    assert not said
    presenter.close()


@pytest.fixture
def window(qtbot, data_folder):
    from tests.ui.fakes import real_window

    yield from real_window(qtbot, data_folder, shutdown=True)


def _to_summary(window):
    window.show_section(window.index_of("samtal"))
    page = window.page(window.index_of("samtal"))
    page.start("berattar-om-vald", "sjukpenning")
    while page.stack.currentWidget() is not page.summary:
        step = page.session.step
        page.choose(0) if step.kind == "question" else page.advance()
    QApplication.processEvents()
    return page


def _copy_the_note(qtbot, window):
    page = _to_summary(window)
    page.summary.copy_button.setFocus()
    qtbot.keyClick(page.summary.copy_button, Qt.Key.Key_Space)
    return "Anteckningen är kopierad"


def _search_the_directory(qtbot, window):
    window.show_section(window.index_of("katalog"))
    page = window.page(window.index_of("katalog"))
    qtbot.waitUntil(lambda: page.count.text() != "")
    page.search_box.setFocus()
    qtbot.keyClicks(page.search_box, "kvinno")
    qtbot.waitUntil(lambda: page.count.text() not in ("", "13 träffar"))
    return page.count.text()


@pytest.mark.parametrize("act", [_copy_the_note, _search_the_directory], ids=["copy", "search"])
def test_a_status_the_user_causes_is_announced(qtbot, window, said, act):
    del said[:]
    status = act(qtbot, window)
    qtbot.waitUntil(lambda: any(status in line for line in said), timeout=2000)
    # Said once, when it has settled: not once per key typed.
    assert len([line for line in said if "träff" in line or "kopierad" in line]) == 1, said


def test_a_step_of_samtalsstod_is_said_with_its_words_also_after_a_key(qtbot, window, said):
    window.show_section(window.index_of("samtal"))
    page = window.page(window.index_of("samtal"))
    page.start("berattar-om-vald", "sjukpenning")
    QApplication.processEvents()
    view = QApplication.focusWidget()
    assert view.accessibleName() == "Steg i flödet"
    step = page.session.step
    described = view.accessibleDescription()
    assert step.title in described and step.say[:30] in described, described
    del said[:]
    qtbot.keyClick(view, Qt.Key.Key_1)  # the keys stay on the step: no new focus to say it
    QApplication.processEvents()
    assert QApplication.focusWidget() is view
    after = page.session.step
    assert after.title != step.title
    assert after.title in view.accessibleDescription()
    assert any(after.title in line for line in said), said


def test_the_field_a_failed_save_goes_to_says_what_is_wrong(qtbot):
    from fkstod.core.problems import FieldProblem
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

    problems = [
        FieldProblem("telefon", "Telefonnumret har för få siffror."),
        FieldProblem("organisation", "Organisation behöver fyllas i."),
    ]
    answers = [problems, [problems[0]]]
    dialog = DirectoryEntryDialog(lambda values, entry_id: answers.pop(0), None, None, [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.try_save()
    first = dialog.focusWidget()
    assert first is dialog.fields["organisation"]  # the first in the form's order
    assert "Organisation behöver fyllas i." in first.accessibleDescription()
    assert "för få siffror" in dialog.fields["telefon"].accessibleDescription()
    dialog.try_save()  # the name mended: its field says nothing of it any more
    assert "fyllas i" not in dialog.fields["organisation"].accessibleDescription()
    assert "för få siffror" in dialog.fields["telefon"].accessibleDescription()


@pytest.mark.parametrize(
    ("box", "warning", "owner"),
    [
        ("skyddade", "Viktigt", "skyddade"),
        ("akut", "Ring först", "akut"),
        ("vald_i_familjen", "Berätta inte för vårdnadshavarna", "vardnadshavare_kanner_till"),
    ],
)
def test_a_warning_that_appears_with_a_choice_is_announced(
    qtbot, window, said, box, warning, owner
):
    window.show_section(window.index_of("orosanmalan"))
    form = window.page(window.index_of("orosanmalan")).form
    check = form.oro[box] if box in form.oro else getattr(form, box)
    check.setFocus()
    del said[:]
    qtbot.keyClick(check, Qt.Key.Key_Space)
    QApplication.processEvents()
    assert check.isChecked()
    assert any(warning in line for line in said), said
    assert warning in getattr(form, owner).accessibleDescription()
    qtbot.keyClick(check, Qt.Key.Key_Space)  # taken back: the warning goes, and its word
    assert warning not in getattr(form, owner).accessibleDescription()


def test_the_kommuns_socialtjanst_is_said_where_enter_goes_from_the_kommun(qtbot):
    from fkstod.ui.orosanmalan.page import OrosanmalanPage
    from tests.ui.orosanmalan.helpers import type_keys
    from tests.ui.test_kommun_routes import activate

    page = OrosanmalanPage(FakeDialogs(), lookup_socialtjanst=lambda code: "Kiruna socialtjänst")
    qtbot.addWidget(page)
    activate(qtbot, page)
    page.form.kommun.setFocus(Qt.FocusReason.ShortcutFocusReason)
    type_keys(qtbot, QApplication.focusWidget(), "Kiruna")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    button = QApplication.focusWidget()
    assert button is page.form.show_directory
    assert "Kiruna socialtjänst" in button.accessibleDescription()
    label = page.form.socialtjanst
    # Not selectable by keys that never reach it (Qt gives such a label a click only).
    keys = label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert not keys or label.focusPolicy() & Qt.FocusPolicy.TabFocus
