"""What the first frame is: the real window, the call page's flow picker, taking keys.

Start-up is measured to this frame (tests/benchmarks/app_probe.py), so it must
be the window a caseworker uses, not a placeholder: the section list, the
menus, and Samtalsstöd with the flow picker, its search field holding the
focus. The other sections are built after it, in pieces, while the app is idle.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fkstod import app as fkapp
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def first_frame(qtbot, data_folder):
    """The real window up to its first paint (its ``ready``), nothing waited for after."""
    fkapp.make_application()
    services, _notice = fkapp.build_services(data_folder)
    window = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    yield window
    window.close()
    services.db.close()


def test_at_the_first_paint_the_flow_picker_shows_and_its_search_field_takes_keys(
    qtbot, first_frame
):
    window = first_frame
    page = window.built_page(0)
    assert page is not None and window.current_section_id() == "samtal"
    assert page.stack.currentWidget() is page.picker and page.picker.isVisible()
    assert [window.built_page(i) for i in range(1, 4)] == [None, None, None]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.picker.filter)
    everything = page.picker.list.count()
    qtbot.keyClicks(QApplication.focusWidget(), "underhåll")
    assert page.picker.filter.text() == "underhåll"
    assert 0 < page.picker.list.count() < everything


def test_the_first_frame_makes_the_picker_only_and_the_step_comes_with_the_first_flow(
    qtbot, first_frame
):
    window = first_frame
    page = window.built_page(0)
    assert page.stack.count() == 1  # the step and the summary are made when first needed
    assert page.may_discard_note()  # closing before any flow makes nothing either
    assert page.stack.count() == 1
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.picker.filter)
    qtbot.keyClicks(page.picker.filter, "underhåll")
    qtbot.keyClick(page.picker.filter, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.step_view and page.step_view.isVisible()
    qtbot.waitUntil(
        lambda: (
            page.step_view.isAncestorOf(QApplication.focusWidget())
            or (QApplication.focusWidget() is page.step_view)
        )
    )


def test_when_idle_the_call_page_makes_the_rest_and_f1_lists_its_keys(qtbot, data_folder):
    from fkstod.ui.shortcuts_dialog import window_keys

    fkapp.make_application()
    services, _notice = fkapp.build_services(data_folder)
    window = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(window)
    window.show()
    page = window.built_page(0)
    assert page.unfinished
    sections = [(s.title, window.page(i)) for i, s in enumerate(window.sections())]
    keys = {(k.where, k.keys) for k in window_keys(window, sections)}
    assert ("Samtalsstöd", "Alt+Vänsterpil") in keys  # the step view's Back, before any flow
    other = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(other)
    other.show()
    assert other.built_page(0).unfinished
    other.build_pending_sections()
    qtbot.waitUntil(lambda: not other.built_page(0).unfinished)
    assert other.built_page(0).stack.count() == 3
    window.close()
    other.close()
    services.db.close()
