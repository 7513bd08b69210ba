"""The acute step looks different from every other: frame, "AKUT", 112 large, said aloud."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fkstod.core.flows import load_library
from fkstod.core.kommuner import kommuner
from fkstod.core.usage import UsageRecorder
from fkstod.ui.samtal.page import FlowPage
from fkstod.ui.samtal.step_view import ACUTE_COLOUR, FlowStepView
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LIBRARY = load_library()


@pytest.fixture
def page(qtbot, memory_db):
    usage = UsageRecorder(memory_db)
    usage.set_content_ids("flow", LIBRARY.ids())
    widget = FlowPage(LIBRARY, usage, FakeDialogs(), kommuner())
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def edge_colour(view: FlowStepView):
    view.repaint()
    image = view.grab().toImage()
    return image.pixelColor(1, image.height() // 2)


def test_the_acute_jump_shows_its_frame_word_and_number_and_a_normal_step_does_not(qtbot, page):
    conversation = LIBRARY.conversations()[0]
    page.start(conversation.id, conversation.benefits[0])
    view = page.step_view
    assert page.stack.currentWidget() is view
    assert not view.acute_banner.isVisible()
    assert "akut" not in view.accessibleName().lower()
    assert "112" not in view.accessibleDescription()
    assert edge_colour(view) != ACUTE_COLOUR

    page.jump("akut-fara")  # F5
    assert view.acute_banner.isVisible()
    assert view.acute_banner.label.text() == "AKUT"
    assert view.acute_banner.number.text() == "112"
    # The number is large: well above the step text's size, not only a colour apart.
    assert view.acute_banner.number.font().pointSizeF() >= 2 * view.font().pointSizeF()
    assert "akut" in view.accessibleName().lower()
    assert "ring 112" in view.accessibleDescription()
    assert edge_colour(view) == ACUTE_COLOUR

    qtbot.keyClick(view, Qt.Key.Key_1)
    assert view.acute_banner.isVisible()  # every step of the jump is acute


def test_the_acute_mark_fits_at_large_text(qtbot, page):
    font = QApplication.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    page.setFont(font)
    page.resize(1366, 700)
    page.jump("akut-fara")
    view = page.step_view
    qtbot.wait(10)
    banner = view.acute_banner
    assert banner.number.width() >= banner.number.sizeHint().width()
    assert banner.height() < view.height() / 3
    assert not view.scroll.horizontalScrollBar().isVisible()
