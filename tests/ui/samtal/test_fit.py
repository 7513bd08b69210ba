"""Samtalsstöd fits its window: compact mode is narrow, rows wrap, numbers stay whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fkstod.app import build_services, build_window
from fkstod.core.flows import load_library
from fkstod.core.flows.model import DirectoryShortcut, Option, Step
from fkstod.ui.samtal.step_view import FlowStepView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

COMPACT_MAX = 480


@pytest.fixture
def window(qtbot, data_folder):
    services, _notice = build_services(data_folder)
    window = build_window(services)
    window.show()
    qtbot.waitExposed(window)
    for index in range(window.pages.count()):
        window.page(index)  # every section built, as after the first idle moment
    yield window
    window.close()
    window.deleteLater()
    services.db.close()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_compact_mode_makes_the_window_narrow_on_every_step(window):
    page = window.page(0)
    page.start("berattar-om-vald", "sjukpenning")
    page.set_compact(True)
    settle()
    assert window.width() <= COMPACT_MAX
    too_wide = []
    for flow in load_library().flows.values():
        for step in flow.steps:
            page.step_view.show_step(step, flow_title=flow.title, progress=(3, 4), can_go_back=True)
            settle()
            if window.minimumSizeHint().width() > COMPACT_MAX:
                too_wide.append((flow.id, step.id, window.minimumSizeHint().width()))
    assert too_wide == []


def test_compact_summary_fits_and_normal_mode_comes_back(window):
    page = window.page(0)
    window.resize(740, 500)
    settle()
    page.start("underhallsstod-fraga", "underhallsstod")
    page.choose(1)  # not alone: the flow ends at the summary
    page.set_compact(True)
    settle()
    assert page.stack.currentWidget() is page.summary
    assert window.width() <= COMPACT_MAX
    page.set_compact(False)
    settle()
    assert window.width() == 740


def shortcut(n: int) -> DirectoryShortcut:
    return DirectoryShortcut(category="kvinnor", label=f"Stöd nummer {n} med ett långt namn")


def test_five_directory_shortcuts_wrap_instead_of_widening(qtbot):
    view = FlowStepView()
    qtbot.addWidget(view)
    step = Step(
        id="stod",
        kind="info",
        title="Erbjud stöd",
        say="Det finns stöd.",
        directory=tuple(shortcut(n) for n in range(5)),
        orosanmalan=True,
    )
    view.show_step(step, flow_title="Test", progress=(1, 1), can_go_back=False)
    view.resize(600, 500)
    view.show()
    qtbot.waitExposed(view)
    settle()
    assert view.minimumSizeHint().width() < 480
    rows = {b.geometry().top() for b in view.extra_buttons}
    assert len(rows) >= 2
    assert all(b.geometry().right() <= view.width() for b in view.extra_buttons)


def test_a_long_answer_wraps_instead_of_widening(qtbot):
    view = FlowStepView()
    qtbot.addWidget(view)
    label = "Sex mot ersättning, människohandel eller någon som tar pengar eller arbete " * 2
    step = Step(
        id="fraga",
        kind="question",
        title="Fråga",
        options=(Option(label=label, next="a"), Option(label="Nej", next="b")),
        items=(),
    )
    view.show_step(step, flow_title="Test", progress=(1, 1), can_go_back=False)
    assert view.minimumSizeHint().width() < 400
    assert view.option_buttons[0].text().startswith("1  Sex mot ersättning")


def test_wrapped_answers_and_points_get_the_height_of_all_their_lines(qtbot):
    view = FlowStepView()
    qtbot.addWidget(view)
    long = "Plötslig flytt, många adressbyten, kontaktförbud eller skyddade personuppgifter"
    step = Step(id="tecken", kind="checklist", title="Tecken", items=(long, long + " igen"))
    view.show_step(step, flow_title="Test", progress=(1, 1), can_go_back=False)
    view.resize(300, 600)
    view.show()
    qtbot.waitExposed(view)
    settle()
    for box in view.item_boxes:
        assert box.height() >= box.heightForWidth(box.width()) > box.fontMetrics().height() * 2


def test_a_long_step_scrolls_instead_of_cutting_text_off(qtbot):
    view = FlowStepView()
    qtbot.addWidget(view)
    step = Step(
        id="stod",
        kind="question",
        title="Erbjud stöd",
        say="Det finns stöd som är gratis. " * 6,
        guidance="Välj stöd som passar personen och läs numret lugnt. " * 12,
        options=tuple(Option(label=f"Svar {n}", next="x") for n in range(5)),
    )
    view.show_step(step, flow_title="Test", progress=(1, 1), can_go_back=False)
    view.resize(600, 320)
    view.show()
    qtbot.waitExposed(view)
    settle()
    for label in (view.say, view.guidance):
        assert label.height() >= label.heightForWidth(label.width())
    assert view.back_button.isVisibleTo(view)


def test_page_down_scrolls_a_long_step_and_a_new_step_starts_at_the_top(qtbot):
    view = FlowStepView()
    qtbot.addWidget(view)
    step = Step(id="lang", kind="info", title="Lång", guidance="Lång vägledning. " * 80)
    view.show_step(step, flow_title="Test", progress=(1, 1), can_go_back=False)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    settle()
    bar = view.scroll.verticalScrollBar()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    view.show_step(step, flow_title="Test", progress=(2, 1), can_go_back=True)
    assert bar.value() == 0
