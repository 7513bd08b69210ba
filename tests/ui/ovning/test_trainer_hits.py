"""What a trainer hit in front of a class, each made a test before it was fixed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fkstod.core.flows import load_library
from fkstod.core.training import cases_folder, load_cases
from fkstod.ui.ovning.page import OvningPage
from tests.ui.fakes import FakeDialogs
from tests.ui.ovning.screens import run_on_screens


@pytest.fixture(scope="module")
def library():
    return load_library()


def broken_cases(tmp_path: Path) -> Path:
    """A cases folder: two good cases, a copy whose id was not changed, and a TOML error."""
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("man-utsatt.toml", "utovar-vald.toml"):
        shutil.copy(cases_folder() / name, folder)
    shutil.copy(cases_folder() / "man-utsatt.toml", folder / "min-kopia.toml")
    (folder / "trasig.toml").write_text('id = "trasig"\ntitle = "Trasig\n', encoding="utf-8")
    return folder


def test_a_broken_case_is_reached_by_keys_and_says_file_line_and_what(qtbot, library, tmp_path):
    dialogs = FakeDialogs()
    page = OvningPage(library, load_cases(library, broken_cases(tmp_path)), dialogs)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.list.setFocus()
    assert page.list.count() == 4
    # The good cases are still offered, nothing else lost.
    assert [page.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)] == [
        "man-utsatt",
        "utovar-vald",
    ]
    qtbot.keyClick(page.list, Qt.Key.Key_End)
    assert page.list.currentRow() == 3, "End reaches the last line of the list"
    qtbot.keyClick(page.list, Qt.Key.Key_Up)
    assert page.list.currentRow() == 2
    details = page.details.text()
    path = str(tmp_path / "cases" / "min-kopia.toml")
    assert f"{path}:1: id 'man-utsatt' ska vara samma som filnamnet" in details
    assert not page.present_button.isEnabled()
    assert not page.diagram.isVisible(), "no diagram of the case chosen before"
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    assert f"{tmp_path / 'cases' / 'trasig.toml'}:2: TOML-fel" in page.details.text()
    # A text not closed on its line (a story of many lines wants """): said so, not
    # "an illegal character" (tomllib's: the line break).
    assert "texten avslutas aldrig med citattecken på samma rad" in page.details.text()
    # Enter on it, as on a good case: it says why it cannot be shown, in a message.
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert page.presenter is None
    [(title, text)] = dialogs.errors
    assert title == "Övningsfallet går inte att visa"
    assert "trasig.toml:2: TOML-fel" in text
    # Öva själv on it does nothing but the same message.
    page.practise()
    assert page.practice is None
    assert len(dialogs.errors) == 2
    qtbot.keyClick(page.list, Qt.Key.Key_Home)
    assert page.diagram.isVisible() and page.present_button.isEnabled()
    page.shutdown()


TWO_SCREENS = """
import json, sys
from PySide6.QtWidgets import QApplication, QWidget, QVBoxLayout
app = QApplication([])
from fkstod.core.flows import load_library
from fkstod.core.training import load_cases
from fkstod.ui.ovning.page import OvningPage
from tests.ui.fakes import FakeDialogs

library = load_library()
window = QWidget()
QVBoxLayout(window)
page = OvningPage(library, load_cases(library), FakeDialogs())
window.layout().addWidget(page)
window.resize(1000, 700)
window.show()
app.processEvents()
page.select("man-utsatt")
presenter = page.present()
for _ in range(20):
    app.processEvents()
audience, console = presenter.audience, presenter.console
free = console.screen().availableGeometry()
out = {
    "screens": [s.name() for s in app.screens()],
    "window": window.screen().name(),
    "audience": audience.screen().name(),
    "audience_full": bool(audience.isFullScreen()),
    "audience_geometry": audience.geometry().getRect(),
    "console": console.screen().name(),
    "console_inside": free.contains(console.frameGeometry()),
    "console_has_keys": console.isActiveWindow(),
    "state": console.audience_state.text(),
}
presenter.audience.toggle_full_screen()
for _ in range(20):
    app.processEvents()
out["after_f5"] = [audience.screen().name(), bool(audience.isFullScreen())]
print(json.dumps(out))
"""


def on_screens(tmp_path: Path, *screens: tuple[str, int, int, int, int]) -> dict:
    """Run TWO_SCREENS with Qt's offscreen plugin given these screens (name, x, y, w, h)."""
    shown = run_on_screens(tmp_path, TWO_SCREENS, screens)
    assert isinstance(shown, dict)
    return shown


def test_with_a_projector_the_audience_window_is_on_it_and_the_console_on_the_laptop(tmp_path):
    seen = on_screens(tmp_path, ("laptop", 0, 0, 1366, 768), ("projektor", 1366, 0, 1920, 1080))
    assert seen["screens"] == ["laptop", "projektor"]
    assert seen["window"] == seen["console"] == "laptop"
    assert seen["console_inside"], "the console fits the laptop's screen"
    assert seen["audience"] == "projektor"
    assert seen["audience_full"], "nothing else to show on the projector: the whole screen"
    assert seen["audience_geometry"] == [1366, 0, 1920, 1080]
    assert "andra skärmen" in seen["state"]
    # F5 gives a window again, still on the projector.
    assert seen["after_f5"] == ["projektor", False]


def test_the_projector_left_of_the_laptop_and_the_console_inside_a_small_screen(tmp_path):
    seen = on_screens(tmp_path, ("projektor", 0, 0, 1280, 720), ("laptop", 1280, 0, 1280, 720))
    # The window opened on the first screen: there the console, the audience on the other.
    assert seen["window"] == seen["console"] == "projektor"
    assert seen["console_inside"]
    assert seen["audience"] == "laptop"


def test_with_one_screen_the_audience_window_is_a_window_beside_the_console(tmp_path):
    seen = on_screens(tmp_path, ("laptop", 0, 0, 1280, 720))
    assert seen["audience"] == seen["console"] == "laptop"
    assert not seen["audience_full"], "F5 puts it on the whole screen when the trainer wants"
    assert seen["console_inside"]
    assert "andra skärmen" not in seen["state"]


@pytest.fixture
def restore_text_size():
    from fkstod.qt.text_scale import apply_text_scale

    apply_text_scale(1.0)
    yield
    apply_text_scale(1.0)


def test_larger_words_are_larger_and_follow_the_text_size(qtbot, library, restore_text_size):
    """Qt's style sheets ignore font-size in em: the caller's line was as small as the rest.

    What is meant to stand out (the caller's words in Öva själv, the step in the
    console, the Övningsläge banner) is larger than the text around it, and stays so
    when the trainer changes the text size with the window open.
    """
    from PySide6.QtWidgets import QApplication

    from fkstod.qt.text_scale import apply_text_scale
    from fkstod.ui.main_window import MainWindow
    from fkstod.ui.ovning.practice import PracticeWindow
    from fkstod.ui.ovning.presenter import Presenter

    case = load_cases(library).get("man-utsatt")
    practice = PracticeWindow(case, library)
    presenter = Presenter(case, library)
    window = MainWindow()
    for widget in (practice, presenter.audience, presenter.console, window):
        qtbot.addWidget(widget)
    window.set_training(True)
    window.show()
    practice.show()
    presenter.show_windows()

    def sizes() -> dict[str, float]:
        QApplication.processEvents()
        base = QApplication.font().pointSizeF()
        return {
            "caller": practice.caller.font().pointSizeF() / base,
            "practice step": practice.step.font().pointSizeF() / base,
            "console": presenter.console.say.font().pointSizeF() / base,
            "console step": presenter.console.step.font().pointSizeF() / base,
            "banner": window.training_banner.font().pointSizeF() / base,
        }

    wanted = {
        "caller": 1.2,
        "practice step": 1.2,
        "console": 1.2,
        "console step": 1.2 * 1.4,
        "banner": 1.3,
    }
    assert sizes() == pytest.approx(wanted, rel=0.02)
    assert practice.step.font().bold() and presenter.console.step.font().bold()
    assert window.training_banner.font().bold()
    apply_text_scale(1.5)
    assert sizes() == pytest.approx(wanted, rel=0.02), "as much larger at 150 %"
    presenter.close()
    practice.close()


def test_no_style_sheet_sizes_text_in_em():
    """The class: a style sheet's font-size in em is ignored by Qt (keep_relative_size)."""
    import re

    from tests.conftest import REPO

    found = [
        f"{path.relative_to(REPO)}:{n}"
        for path in sorted((REPO / "fkstod").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"font-size:\s*[\d.]+\s*em\b", line)
    ]
    assert found == []


def test_the_diagram_shows_when_it_has_the_keys(qtbot, library):
    """Tab reaches the page's diagram (+, −, arrows): a focus frame says so, as elsewhere."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from fkstod.qt.focus_style import focus_colour
    from fkstod.ui.ovning.diagram_view import DiagramView

    holder = QWidget()
    other = QLineEdit()
    view = DiagramView(library.get("sjukpenning-fraga"), library)
    layout = QVBoxLayout(holder)
    layout.addWidget(other)
    layout.addWidget(view)
    qtbot.addWidget(holder)
    holder.resize(600, 400)
    holder.show()
    qtbot.waitExposed(holder)
    frame = focus_colour(view.palette())

    def edge_colours() -> set[str]:
        image = view.grab().toImage()
        h, w = image.height(), image.width()
        points = [(0, h // 2), (w - 1, h // 2), (w // 2, 0), (w // 2, h - 1)]
        return {image.pixelColor(x, y).name() for x, y in points}

    other.setFocus()
    qtbot.waitUntil(lambda: other.hasFocus())
    assert frame.name() not in edge_colours()
    view.setFocus()
    qtbot.waitUntil(lambda: view.hasFocus())
    assert edge_colours() == {frame.name()}


def test_the_step_shown_stands_out_in_the_diagram_and_the_legend_says_how(qapp, library):
    """The console's diagram: the step shown had a hairline frame among thick and dashed ones."""
    from PySide6.QtGui import QColor, QImage, QPainter

    from fkstod.qt.diagram import INK, Marks, Picture, diagram_for, paint_picture

    flow = library.get("sjukpenning-fraga")
    node = flow_node = diagram_for(flow).nodes[1]
    assert flow_node.id

    def ring_pixels(current: str) -> tuple[int, list[str]]:
        picture = Picture(diagram_for(flow))
        picture.marks = Marks(current=current)
        image = QImage(int(picture.width) + 1, int(picture.height) + 1, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        paint_picture(painter, picture)
        painter.end()
        top = picture.legend_height
        dark = 0
        # Left of the box, from 5 to 12 units out, along its middle third.
        for y in range(int(top + node.y + node.h / 3), int(top + node.y + 2 * node.h / 3)):
            for x in range(int(node.x - 12), int(node.x - 4)):
                colour = image.pixelColor(x, y)
                if abs(colour.red() - INK.red()) < 60 and colour.blue() < 120:
                    dark += 1
        rows = int(node.h / 3)
        return dark // max(1, rows), picture.legend()

    width, legend = ring_pixels(node.id)
    plain_width, plain_legend = ring_pixels("")
    assert plain_width == 0
    assert width >= 3, "a frame at least 3 units wide around the step shown"
    assert "steget som visas" in legend[-1]
    assert "steget som visas" not in plain_legend[-1], "a file of the diagram shows no step"


def test_a_remotes_start_stop_button_f5_then_esc_leaves_the_whole_screen_not_the_case(
    qtbot, library
):
    """A remote's start/stop button sends F5, then Esc: Esc must not end the demonstration.

    It closed both windows: the step reached and the clock were lost in front of the
    class. Esc now first brings the audience window back from the whole screen; Esc
    with the audience window as a window closes both, as before.
    """
    page = OvningPage(library, load_cases(library), FakeDialogs())
    qtbot.addWidget(page)
    page.show()
    page.select("man-utsatt")
    presenter = page.present()
    qtbot.addWidget(presenter.audience)
    qtbot.addWidget(presenter.console)
    qtbot.keyClick(presenter.console, Qt.Key.Key_PageDown)
    qtbot.keyClick(presenter.console, Qt.Key.Key_F5)
    assert presenter.audience.isFullScreen()
    qtbot.keyClick(presenter.audience, Qt.Key.Key_Escape)
    assert page.presenter is presenter and presenter.console.isVisible()
    assert not presenter.audience.isFullScreen() and presenter.audience.isVisible()
    assert presenter.frame().index == 1, "still at the step reached"
    assert "Esc" in presenter.console.keys.text()
    qtbot.keyClick(presenter.console, Qt.Key.Key_Escape)
    assert page.presenter is None
    assert not presenter.console.isVisible() and not presenter.audience.isVisible()


def test_a_long_choice_wraps_under_its_own_words_not_under_its_number(qtbot, library):
    """On the projector "4  Personen har skyddade / personuppgifter – läs först" read as
    two lines, the second one without a number. Each choice's words are now a column of
    their own beside the number: a wrapped line starts under the words."""
    from PySide6.QtGui import QTextDocument

    from fkstod.ui.ovning.presenter import Presenter

    presenter = Presenter(load_cases(library).get("man-utsatt"), library)
    audience = presenter.audience
    qtbot.addWidget(audience)
    qtbot.addWidget(presenter.console)
    audience.resize(1024, 640)
    audience.show()
    qtbot.waitExposed(audience)
    audience.fit_text()
    step = presenter.frame().step
    assert step.kind == "question"
    doc = QTextDocument()
    doc.setDefaultFont(audience.text.font())
    doc.setHtml(audience.text.text())
    doc.setTextWidth(audience.text.width())
    lefts: dict[str, float] = {}
    block = doc.begin()
    while block.isValid():
        lefts[block.text().strip()] = doc.documentLayout().blockBoundingRect(block).left()
        block = block.next()
    for n, option in enumerate(step.options, start=1):
        assert option.label in lefts, f"choice {n} is not a block of its own"
        assert lefts[option.label] > lefts[str(n)] + audience.text.fontMetrics().horizontalAdvance(
            "9"
        )
    # Markup in a flow's text stays text.
    assert "<" not in "".join(lefts), "no markup shown as text"
    presenter.close()


def test_the_audience_window_shows_a_flows_markup_as_text(qtbot, library):
    from PySide6.QtCore import Qt as QtCore_Qt

    from fkstod.core.flows.model import Option, Step
    from fkstod.ui.ovning.presenter import Presenter

    presenter = Presenter(load_cases(library).get("man-utsatt"), library)
    qtbot.addWidget(presenter.audience)
    qtbot.addWidget(presenter.console)
    hostile = "<h1>X</h1><img src=file:///x> & 1 < 2"
    step = Step(
        id="s",
        kind="question",
        title="t",
        say=hostile,
        options=(Option(label=hostile, next="x"),),
    )
    presenter.audience.show_step(step)
    assert presenter.audience.shown_text() == f"{hostile}\n\n1  {hostile}"
    assert presenter.audience.text.textFormat() == QtCore_Qt.TextFormat.RichText
    assert "<h1>" not in presenter.audience.text.text()
    assert "&lt;h1&gt;X&lt;/h1&gt;" in presenter.audience.text.text()
    presenter.close()


def test_following_a_step_scrolls_sideways_only_as_far_as_needed(qtbot, library):
    """The console's diagram centred every step: at the first one the legend's words
    were cut at the left ("råga om våld", "lobala hopp"). A step in view without
    scrolling sideways keeps the left edge; one further right is still brought in."""
    from fkstod.ui.ovning.diagram_view import FOLLOW_MARGIN, DiagramView

    view = DiagramView(library.get("sjukpenning-fraga"), library)
    qtbot.addWidget(view)
    view.resize(1078, 300)  # the console's diagram on a 1366×768 laptop
    view.show()
    qtbot.waitExposed(view)
    diagram = view.picture.diagram
    for node in diagram.nodes:
        view.follow(node.id, zoom=1.5)
        left = view.offset.x() + node.x * view.zoom
        right = view.offset.x() + (node.x + node.w) * view.zoom
        assert left >= 0 and right <= view.width(), f"{node.id} in view sideways"
        if (node.x + node.w + FOLLOW_MARGIN) * view.zoom <= view.width():
            assert view.offset.x() == 0, f"{node.id}: no need to scroll sideways"
    first = diagram.nodes[0]
    view.follow(first.id, zoom=1.5)
    assert view.offset.x() == 0
