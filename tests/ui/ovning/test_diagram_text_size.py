"""Övning's diagram starts readable at the text size chosen, and as wide as its view.

At 150 % text the overview was fitted whole into the page: its arrows' labels
read at 8 pixels beside 18-pixel words, until zoomed with +. It starts now with
its smallest text (an arrow's label) at least as large as the window's text,
the whole flow when it fits so, else the width of its view (read further down
by scrolling), and follows a change of the text size.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from fkstod.core.flows import load_library
from fkstod.core.training import load_cases
from fkstod.qt.diagram import label_font
from fkstod.qt.text_scale import apply_text_scale
from fkstod.ui.ovning.page import OvningPage
from tests.ui.fakes import FakeDialogs


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def cases(library):
    return load_cases(library)


def _smallest_text_pixels(view) -> float:
    """The arrows' labels as painted on the device: their font's pixels times zoom and ratio."""
    small = label_font(view.picture.font)
    return small.pixelSize() * view.zoom * view.devicePixelRatioF()


def _ui_pixels(widget) -> float:
    """The window's text in device pixels: the application font's points at the screen's dpi."""
    font = QApplication.font()
    return font.pointSizeF() * widget.logicalDpiY() / 72 * widget.devicePixelRatioF()


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_overview_diagram_reads_as_large_as_the_window_text(qtbot, library, cases, scale):
    apply_text_scale(scale)
    try:
        page = OvningPage(library, cases, FakeDialogs())
        qtbot.addWidget(page)
        page.resize(1280, 720)  # a laptop's window
        page.show()
        qtbot.waitExposed(page)
        for case in cases.listed():
            page.select(case.id)
            qtbot.wait(1)
            view = page.diagram
            assert view is not None and view.isVisible()
            assert _smallest_text_pixels(view) >= _ui_pixels(view) - 1e-6, (case.id, view.zoom)
            first = view.picture.diagram.nodes[0]  # the first step in view, wide flow or not
            left = view.offset.x() + first.x * view.zoom
            assert left >= 0 and left + first.w * view.zoom <= view.width(), case.id
            wide = view.picture.width * view.zoom
            if view.picture.width * view.readable_zoom() <= view.width():
                assert wide <= view.width() + 1e-6, case.id  # no sideways scrolling
            tall = view.picture.height * view.zoom
            if tall > view.height():  # too tall to show whole: as wide as the view
                assert wide == pytest.approx(view.width(), abs=1) or view.zoom == pytest.approx(
                    max(1.5, view.readable_zoom())
                ), case.id
        page.shutdown()
    finally:
        apply_text_scale(1.0)


def test_the_overview_follows_a_change_of_the_text_size(qtbot, library, cases):
    page = OvningPage(library, cases, FakeDialogs())
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    page.select(cases.listed()[0].id)
    view = page.diagram
    try:
        apply_text_scale(1.5)
        qtbot.waitUntil(lambda: _smallest_text_pixels(view) >= _ui_pixels(view) - 1e-6)
    finally:
        apply_text_scale(1.0)
    page.shutdown()


def test_scrolled_sideways_the_legend_still_reads_from_its_start(qtbot, library):
    from PySide6.QtCore import QPointF, QRect

    from fkstod.ui.ovning.diagram_view import DiagramView

    apply_text_scale(1.5)
    try:
        view = DiagramView(library.get("aktivitetsersattning-indikation"), library)
        qtbot.addWidget(view)
        view.resize(900, 300)
        view.show()
        qtbot.waitExposed(view)
        assert view.offset.x() < 0, "a wide flow starts at its first step"
        band = QRect(0, 0, view.width(), int(view.picture.legend_height * view.zoom) - 2)
        sideways = view.grab(band).toImage()
        view.offset = QPointF(0, 0)
        assert view.grab(band).toImage() == sideways
    finally:
        apply_text_scale(1.0)
