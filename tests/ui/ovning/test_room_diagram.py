"""The flow as a diagram for the room: D in the presenter shows it in the audience window.

A trainer wants to put the flow on the projector ("here we are, F7 takes you
there") and back to the words with one key; it had no way to. The diagram is
the console's painting, marked the same way (a thick dark frame round the step
shown, the legend says so), large enough to read from the back of the room,
following the step, and covered by blanking like the words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from fkstod.core.flows import load_library
from fkstod.core.flows.layout import path_marks
from fkstod.core.training import load_cases
from fkstod.qt.diagram import INK, describe
from fkstod.ui.ovning.page import OvningPage
from fkstod.ui.ovning.presenter import PRESENTER_KEYS, Presenter
from fkstod.ui.ovning.room_diagram import readable_pixels
from tests.ui.fakes import FakeDialogs
from tests.ui.ovning.screens import run_on_screens


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture
def presenter(qtbot, library):
    presenter = Presenter(load_cases(library).get("man-utsatt"), library)
    qtbot.addWidget(presenter.audience)
    qtbot.addWidget(presenter.console)
    presenter.audience.resize(1280, 720)
    presenter.audience.show()
    presenter.console.show()
    qtbot.waitExposed(presenter.audience)
    yield presenter
    presenter.close()


def dark_frame_width(presenter: Presenter, step_id: str) -> float:
    """Return how many dark pixels wide the frame left of ``step_id``'s box is, as painted."""
    view = presenter.audience.diagram
    image = view.grab().toImage()
    ratio = image.devicePixelRatio()
    rect = view.step_rect(step_id)
    box = rect.adjusted(*(v * view.zoom for v in (11, 11, -11, -11)))
    dark = []
    for y in range(int(box.top() + box.height() / 3), int(box.top() + 2 * box.height() / 3)):
        run = 0
        for x in range(int(rect.left()), int(box.left())):
            colour: QColor = image.pixelColor(int(x * ratio), int(y * ratio))
            if abs(colour.red() - INK.red()) < 60 and colour.blue() < 120:
                run += 1
        dark.append(run)
    return sum(dark) / max(1, len(dark))


def test_d_shows_the_flow_to_the_room_and_d_again_the_words(qtbot, presenter):
    audience, console = presenter.audience, presenter.console
    assert audience.shown() == "words" and audience.text.isVisible()
    assert not audience.diagram.isVisible()
    qtbot.keyClick(console, Qt.Key.Key_D)
    assert audience.shown() == "diagram"
    assert audience.diagram.isVisible() and not audience.text.isVisible()
    assert console.diagram_button.isChecked()
    assert "diagram" in console.audience_state.text()
    # From the audience window too (the trainer clicked it), and back to the words.
    qtbot.keyClick(audience, Qt.Key.Key_D)
    assert audience.shown() == "words" and audience.text.isVisible()
    assert not audience.diagram.isVisible() and not console.diagram_button.isChecked()
    # The console's button does the same, and says its key.
    assert "(D)" in console.diagram_button.text()
    assert console.diagram_button.accessibleName()
    console.diagram_button.click()
    assert audience.shown() == "diagram"
    # The keys of the remote still work: the button never takes the keyboard.
    assert console.diagram_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.keyClick(console, Qt.Key.Key_Space)
    assert presenter.frame().index == 1


def test_the_step_shown_is_framed_and_followed_as_the_trainer_goes_on(qtbot, presenter):
    audience, console = presenter.audience, presenter.console
    qtbot.keyClick(console, Qt.Key.Key_D)
    qtbot.wait(10)
    view = audience.diagram
    seen = set()
    while True:
        frame = presenter.frame()
        if view.flow.id == frame.flow.id:
            step = frame.step.id
            assert view.picture.marks.current == step
            # The path so far, as in the console; the plan is the trainer's (like the cue).
            taken = path_marks(presenter.replay.session.trail, frame.flow)
            assert view.picture.marks.taken_steps == frozenset(taken[0])
            assert not view.picture.marks.planned_steps
            rect = view.step_rect(step)
            assert rect.top() >= view.band_height(), f"{step} below the legend"
            assert rect.left() >= 0 and rect.right() <= view.width(), f"{step} in view"
            assert rect.bottom() <= view.height(), f"{step} in view"
            assert dark_frame_width(presenter, step) >= 2.5 * view.zoom, step
            seen.add(step)
        if not presenter.forward():
            break
    assert len(seen) >= 3
    assert any("steget som visas" in line for line in view.picture.legend())
    assert not any("planerad" in line for line in view.picture.legend()), "no plan drawn"


def test_blanking_covers_the_diagram_and_lights_it_again(qtbot, presenter):
    audience, console = presenter.audience, presenter.console
    qtbot.keyClick(console, Qt.Key.Key_D)
    qtbot.keyClick(console, Qt.Key.Key_B)
    assert audience.shown() == "blank" and not audience.diagram.isVisible()
    image = audience.grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert colours == {"#000000"}, "nothing but black while blanked"
    qtbot.keyClick(console, Qt.Key.Key_D)  # to the words while blanked: still black
    assert audience.shown() == "blank" and audience.shown_text() == ""
    qtbot.keyClick(console, Qt.Key.Key_D)
    qtbot.keyClick(console, Qt.Key.Key_Period)
    assert audience.shown() == "diagram" and audience.diagram.isVisible()


def test_the_room_sees_only_the_fictional_flow_and_the_training_window_title(qtbot, presenter):
    audience = presenter.audience
    qtbot.keyClick(presenter.console, Qt.Key.Key_D)
    view = audience.diagram
    assert view.accessibleDescription() == describe(view.picture.diagram)
    assert view.flow.id == presenter.case.flow
    assert audience.windowTitle().startswith("Övning")
    # Nothing of the trainer's: the notes and the case's story are not in the picture.
    words = "\n".join(view.picture.legend()) + describe(view.picture.diagram)
    assert presenter.case.trainer_notes not in words and presenter.case.story not in words


ON_A_SCREEN = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from fkstod.core.flows import load_library
from fkstod.core.training import load_cases
from fkstod.ui.ovning.presenter import Presenter

library = load_library()
sizes = []
for case in load_cases(library).listed():
    presenter = Presenter(case, library)
    presenter.audience.showFullScreen()
    presenter.toggle_diagram()
    while True:
        for _ in range(5):
            app.processEvents()
        view = presenter.audience.diagram
        title, label = view.text_pixels()
        sizes.append([case.id, presenter.frame().step.id, title, label,
                      view.legend_zoom() * view.picture.font.pixelSize(),
                      presenter.audience.width(), presenter.audience.height()])
        if not presenter.forward():
            break
    presenter.close()
print(json.dumps(sizes))
"""


def sizes_on_screen(tmp_path: Path, width: int, height: int) -> list:
    sizes = run_on_screens(tmp_path, ON_A_SCREEN, [("p", 0, 0, width, height)], timeout=300)
    assert isinstance(sizes, list)
    return sizes


@pytest.mark.parametrize(("width", "height", "smallest"), [(1920, 1080, 36), (1280, 720, 24)])
def test_the_text_is_readable_from_the_back_at_every_step_of_every_case(
    tmp_path, width, height, smallest
):
    assert readable_pixels(height) == smallest
    sizes = sizes_on_screen(tmp_path, width, height)
    assert sizes
    for case, step, title, label, _legend, w, h in sizes:
        assert (w, h) == (width, height), "the whole screen"
        assert label >= smallest - 0.01, f"{case} {step}: labels {label:.1f} px"
        assert title >= label, f"{case} {step}"


@pytest.fixture
def window(qtbot, data_folder):
    from tests.ui.fakes import real_window

    yield from real_window(qtbot, data_folder, FakeDialogs())


def test_the_presenters_keys_do_not_clash_and_f1_lists_them(qtbot, window, monkeypatch):
    from fkstod import app as fkapp
    from fkstod.ui.shortcuts_dialog import ShortcutsDialog

    used: set[int] = set()
    for keys, _names, _what, _do in PRESENTER_KEYS:
        assert not used & keys, "one key, one thing"
        used |= keys
    assert Qt.Key.Key_D in used
    # The console's diagram keeps its own keys (+, −, 0, the arrows) to the diagram.
    assert not {Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_0} & used
    shown = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: shown.append(self.text.toPlainText()))
    fkapp.show_shortcuts(window)
    [text] = shown
    assert "Övning: tränarvy och publikfönster" in text
    lines = text.splitlines()
    for _keys, names, what, _do in PRESENTER_KEYS:
        assert any(
            line.startswith(names) and line.lower().endswith(what.lower()) for line in lines
        ), names
    assert any(line.startswith("D ") and "diagram" in line for line in lines)


def test_the_console_lists_the_same_keys(qtbot, library):
    page = OvningPage(library, load_cases(library), FakeDialogs())
    qtbot.addWidget(page)
    for _keys, names, what, _do in PRESENTER_KEYS:
        given = [(n, w.lower()) for _where, n, w in page.keys_of_other_windows()]
        assert (names, what.lower()) in given
    presenter = Presenter(load_cases(library).get("man-utsatt"), library)
    qtbot.addWidget(presenter.audience)
    qtbot.addWidget(presenter.console)
    for _keys, names, _what, _do in PRESENTER_KEYS:
        assert names in presenter.console.keys.text()
    presenter.close()


def test_a_flow_that_reads_whole_is_shown_whole_in_the_middle(qtbot, library):
    """Not followed at a fixed size when the whole flow is readable: whole, centred."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from fkstod.ui.ovning.room_diagram import RoomDiagram

    window = QWidget()
    qtbot.addWidget(window)
    QVBoxLayout(window).setContentsMargins(0, 0, 0, 0)
    view = RoomDiagram(library.get("kan-inte-prata"), library)
    window.layout().addWidget(view)
    window.resize(1800, 600)  # a wide window, low: readable is 20 px
    window.show()
    qtbot.waitExposed(window)
    step = view.steps()[1]
    view.follow(step)
    assert view._fitted, "the whole flow, readable"
    title, label = view.text_pixels()
    assert label >= readable_pixels(600) and title > label
    drawn_left = view.offset.x()
    drawn_right = view.width() - (view.offset.x() + view.picture.width * view.zoom)
    assert abs(drawn_left - drawn_right) <= 1, "in the middle"
    assert view.band_height() == 0, "its own legend, with the rest"
    # Made higher, the same flow no longer reads whole: it follows the step, readable.
    window.resize(1000, 1000)
    qtbot.waitUntil(lambda: not view._fitted)
    assert view.text_pixels()[1] >= readable_pixels(1000) - 0.01
    rect = view.step_rect(step)
    assert rect.top() >= view.band_height() and rect.bottom() <= view.height()
