"""Every section fits a small screen at large text: nothing out of reach.

At 1366×768 and 1024×768, at 100 % and 150 % text, each section (and each view of
Samtalsstöd) is shown in a window of the screen's size: the window does not grow,
and every visible control lies inside it, or inside a scroll area's content whose
viewport lies inside it (reachable by scrolling).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

from fkstod import app as fkapp
from fkstod.qt.text_scale import apply_text_scale
from tests.ui.fakes import FakeDialogs, real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)
#: The screen's free area: the screen less a taskbar of 40 px.
SCREENS = [(1366, 768 - 40), (1024, 768 - 40)]


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def out_of_reach(window: QWidget) -> list[str]:
    area = window.rect()
    faults = []
    for control in window.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisible():
            continue
        if control.window() is not window:
            continue
        scroll = next(
            (a for a in _ancestors(control) if isinstance(a, QScrollArea) and a.widget()),
            None,
        )
        # Inside a scroll area: reachable when its viewport is in the window.
        shown = _rect_in(window, scroll.viewport()) if scroll else _rect_in(window, control)
        if not area.contains(shown):
            name = control.accessibleName() or getattr(control, "text", lambda: "")()
            faults.append(f"{type(control).__name__} {name!r} at {shown} outside {area}")
    return faults


def _ancestors(widget: QWidget):
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


@pytest.fixture
def window(qtbot, data_folder):
    yield from real_window(qtbot, data_folder)
    apply_text_scale(1.0)


def _views(window):
    """Each section shown, and Samtalsstöd also on a step and on its summary."""
    for index, section in enumerate(window.sections()):
        window.show_section(index)
        yield section.id
        if section.id == "samtal":
            page = window.page(index)
            page.start("berattar-om-vald", "sjukpenning")
            yield "samtal: steg"
            while page.stack.currentWidget() is not page.summary:
                step = page.session.step
                page.choose(0) if step.kind == "question" else page.advance()
            yield "samtal: sammanfattning"
            page.new_conversation()


@pytest.mark.parametrize("scale", [1.0, 1.5], ids=["100%", "150%"])
@pytest.mark.parametrize("size", SCREENS, ids=["1366x768", "1024x768"])
def test_every_section_fits_the_screen(window, size, scale):
    apply_text_scale(scale)
    window.resize(*size)
    settle()
    faults = {}
    for view in _views(window):
        settle()
        if (window.width(), window.height()) != size:
            faults[view] = [f"the window grew to {window.width()}×{window.height()}"]
            window.resize(*size)
            settle()
        found = out_of_reach(window)
        if found:
            faults.setdefault(view, []).extend(found)
    assert not faults, faults


def _inside_the_screen(window) -> bool:
    free = window.screen().availableGeometry()
    return free.width() >= window.width() and free.height() >= window.height()


def test_the_default_size_stays_inside_the_screen(qtbot, data_folder):
    fkapp.make_application()
    services, _notice = fkapp.build_services(data_folder)
    window = fkapp.build_window(services, FakeDialogs())  # no size remembered
    assert _inside_the_screen(window), (window.size(), window.screen().availableGeometry())
    window.close()
    window.deleteLater()
    services.db.close()


def test_a_size_remembered_on_a_bigger_screen_is_made_to_fit(qtbot, data_folder):
    fkapp.make_application()
    services, _notice = fkapp.build_services(data_folder)
    first = fkapp.build_window(services, FakeDialogs())
    free = first.screen().availableGeometry()
    first.resize(free.width() + 600, free.height() + 400)  # as on a 4K screen
    geometry = first.saveGeometry()
    services.settings.set(fkapp.GEOMETRY_KEY, bytes(geometry.toBase64().data()).decode("ascii"))
    window = fkapp.build_window(services, FakeDialogs())
    assert _inside_the_screen(window), (window.size(), free)
    for made in (first, window):
        made.close()
        made.deleteLater()
    services.db.close()


def test_in_compact_mode_the_answers_come_before_the_guidance(window):
    page = window.page(0)
    page.start("sjukpenning-fraga", "sjukpenning")
    page.set_compact(True)
    settle()
    view = page.step_view
    assert view.guidance.isVisible()
    last_answer = view.option_buttons[-1]
    below = view.guidance.mapTo(view, QPoint(0, 0)).y()
    assert below > last_answer.mapTo(view, QPoint(0, 0)).y()
    page.set_compact(False)
    settle()
    assert view.guidance.mapTo(view, QPoint(0, 0)).y() < last_answer.mapTo(view, QPoint(0, 0)).y()


def _cut_sideways(window) -> list[str]:
    """Scroll areas that never scroll sideways whose content is wider than their view."""
    faults = []
    for area in window.findChildren(QScrollArea):
        content = area.widget()
        if not area.isVisible() or content is None:
            continue
        if area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            continue
        if content.width() > area.viewport().width():
            name = area.parentWidget().accessibleName() or type(area.parentWidget()).__name__
            faults.append(f"{name}: {content.width()} px in {area.viewport().width()} px")
    return faults


@pytest.mark.parametrize("scale", [1.0, 1.5], ids=["100%", "150%"])
def test_in_compact_mode_at_large_text_no_step_is_cut_off_at_the_side(window, scale):
    apply_text_scale(scale)
    window.resize(1366, 728)
    settle()
    page = window.page(0)
    page.start("sjukpenning-fraga", "sjukpenning")
    page.choose(0)
    page.advance()  # "Fråga om våld": the longest words the caseworker reads out
    page.set_compact(True)
    settle()
    assert _cut_sideways(window) == []
    page.set_compact(False)
    settle()
