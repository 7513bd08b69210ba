"""The page fits large text: nothing of the form is cut off and every button shows whole."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from fkstod.qt.text_scale import apply_text_scale
from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.ui.fakes import FakeDialogs

#: The room the page gets in a 1024 px wide window beside the section list.
NARROW = (790, 640)


@pytest.mark.parametrize("scale", [1.0, 1.6])
def test_the_form_and_the_buttons_fit_a_narrow_page(qtbot, qapp, scale):
    apply_text_scale(scale)
    try:
        page = OrosanmalanPage(FakeDialogs())
        qtbot.addWidget(page)
        page.resize(*NARROW)
        page.show()
        qtbot.waitExposed(page)
        qapp.processEvents()
        form_room = page.scroll.viewport().width()
        assert form_room >= page.form.minimumSizeHint().width()
        assert not page.scroll.horizontalScrollBar().isVisible()
        for button in page.findChildren(QPushButton):
            if button.isVisibleTo(page):
                assert button.width() >= button.minimumSizeHint().width(), button.text()
                assert button.mapTo(page, button.rect().topRight()).x() <= page.width()
    finally:
        apply_text_scale(1.0)


def test_the_form_keeps_its_room_when_the_text_grows_while_open(qtbot, qapp):
    page = OrosanmalanPage(FakeDialogs())
    qtbot.addWidget(page)
    page.resize(*NARROW)
    page.show()
    qtbot.waitExposed(page)
    apply_text_scale(1.6)
    try:
        qapp.processEvents()
        qtbot.waitUntil(
            lambda: page.scroll.viewport().width() >= page.form.minimumSizeHint().width(),
            timeout=2000,
        )
    finally:
        apply_text_scale(1.0)
