"""Focus you can see and never lose: a solid frame, and focus back after every dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fkstod import app as fkapp
from fkstod.qt.focus_style import FocusFrameStyle, contrast, focus_colour
from fkstod.ui.dialogs import QtDialogs
from tests.ui.fakes import real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_application_has_the_focus_frame():
    app = fkapp.make_application()
    assert isinstance(app.style(), FocusFrameStyle)


@pytest.mark.parametrize("kind", [QPushButton, QCheckBox, QLineEdit, QPlainTextEdit])
def test_a_focused_control_has_a_solid_frame_in_the_focus_colour(qtbot, kind):
    fkapp.make_application()
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    control = kind("Kopiera anteckning")
    other = QPushButton("Annat")
    layout.addWidget(control)
    layout.addWidget(other)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    control.setFocus()
    qtbot.waitUntil(control.hasFocus)
    want = focus_colour(control.palette())
    image = control.grab().toImage()
    y = image.height() // 2
    edge = [QColor(image.pixel(x, y)) for x in range(3)]
    assert want in edge[:2], [c.name() for c in edge]
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    image = control.grab().toImage()
    assert QColor(image.pixel(0, y)) != want or QColor(image.pixel(1, y)) != want


def test_the_frame_colour_stands_out_even_when_the_highlight_is_faint():
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#e0e8f0"))  # a pale theme
    assert contrast(focus_colour(palette), palette.color(QPalette.ColorRole.Window)) >= 3
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#303840"))
    assert contrast(focus_colour(palette), palette.color(QPalette.ColorRole.Window)) >= 3


def _close_the_dialog_soon() -> None:
    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close)
            return
        dialog.reject()

    QTimer.singleShot(20, close)


@pytest.fixture
def window(qtbot, data_folder):
    yield from real_window(qtbot, data_folder, QtDialogs())


@pytest.mark.parametrize(
    "ask",
    [
        lambda d: d.info("Titel", "Text"),
        lambda d: d.confirm("Titel", "Fråga?"),
        lambda d: d.choose_printer(),
        lambda d: d.save_file("Spara", "anmalan.pdf", "PDF (*.pdf)"),
    ],
    ids=["info", "confirm", "print", "save"],
)
def test_focus_comes_back_to_the_step_after_a_dialog(qtbot, window, ask):
    page = window.page(0)
    page.start("sjukpenning-fraga", "sjukpenning")
    qtbot.waitUntil(page.step_view.hasFocus)
    dialogs = page.dialogs
    _close_the_dialog_soon()
    ask(dialogs)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.step_view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)  # the keys answer the step again
    assert page.session.step.id != "fore"


@pytest.mark.parametrize("kind", [QLineEdit, QPlainTextEdit, QListWidget])
def test_the_frame_is_two_pixels_wide_also_around_a_text_box_or_a_list(qtbot, kind):
    # The style's own 1 px highlight has the same colour: one pixel proves nothing.
    fkapp.make_application()
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    control = kind()
    if isinstance(control, QListWidget):
        control.addItems(["Kvinnofridslinjen", "Terrafem"])
    layout.addWidget(control)
    layout.addWidget(QPushButton("Annat"))
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    control.setFocus()
    qtbot.waitUntil(control.hasFocus)
    want = focus_colour(control.palette())
    image = control.grab().toImage()
    y = image.height() - 6  # below the list's rows
    edge = [QColor(image.pixel(x, y)).name() for x in range(3)]
    assert edge[:2] == [want.name()] * 2, edge


@pytest.mark.parametrize("compact", [True, False], ids=["into compact", "out of compact"])
def test_the_step_keeps_the_keys_when_compact_mode_changes(qtbot, window, compact):
    # Changing the window's stay-on-top flag hides and shows it again: without being made
    # active again, no widget has the focus, the step draws no frame and says no keys.
    page = window.page(0)
    page.start("sjukpenning-fraga", "sjukpenning")
    qtbot.waitUntil(page.step_view.hasFocus)
    if not compact:
        page.set_compact(True)
        qtbot.waitUntil(page.step_view.hasFocus)
    page.set_compact(compact)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(page.step_view.hasFocus)
    assert page.step_view.key_hint.text() == "Svara med 1–5"
    page.set_compact(False)


START_PROBE = r"""
import sys
from fkstod import app, cli

seen = []
real_build = app.build_window

def build(services, dialogs=None):
    from fkstod.qt.focus_style import FocusFrameStyle
    window = real_build(services, dialogs)
    style = lambda: isinstance(app.QApplication.instance().style(), FocusFrameStyle)
    window.ready.connect(lambda: seen.append(style()))
    app.QApplication.instance().aboutToQuit.connect(lambda: seen.append(style()))
    return window

app.build_window = build
code = cli.main(["--data-dir", sys.argv[1], "--exit-when-ready"])
print("SEEN", seen)
sys.exit(code)
"""


def test_the_window_start_gives_the_focus_frame_right_after_its_first_frame(data_folder):
    from tests.conftest import run_window_probe

    # The start leaves the frame out of its first frame (its style classes cost
    # milliseconds there) and gives it on the next turn of the event loop, before
    # anything else the window does.
    done = run_window_probe(START_PROBE, data_folder)
    # At the first frame not yet; when the window had been shown and answered keys, there.
    assert "SEEN [False, True]" in done.stdout, done.stdout


EARLY_BOX_PROBE = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from fkstod import cli
from fkstod.qt.focus_style import FocusFrameStyle

folder = Path(sys.argv[1])
state = STATE
if state == "start refused":  # the database is a folder: "fkstod kan inte starta"
    (folder / "fkstod.sqlite3").mkdir()
else:  # not a database: moved away, "Databasen har återskapats"
    (folder / "fkstod.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"x" * 4096)
seen = []
real_exec = QMessageBox.exec

def exec_(box):
    seen.append((box.windowTitle(), isinstance(box.style(), FocusFrameStyle)))
    QTimer.singleShot(0, box.reject)
    if state != "start refused":
        QTimer.singleShot(100, QApplication.quit)
    return real_exec(box)

QMessageBox.exec = exec_
cli.main(["--data-dir", str(folder)])
print("SEEN", seen)
"""


@pytest.mark.parametrize("state", ["start refused", "database recreated"])
def test_a_message_shown_before_the_first_frame_has_the_focus_frame(data_folder, state):
    from tests.conftest import run_window_probe

    # The window gives the frame after its first frame; a message box can come before
    # it (the start refused, the notice that the database was recreated), and its
    # buttons are reached by Tab like any other.
    done = run_window_probe(EARLY_BOX_PROBE.replace("STATE", repr(state)), data_folder)
    title = "fkstod kan inte starta" if state == "start refused" else "Databasen har återskapats"
    assert f"SEEN [('{title}', True)]" in done.stdout, done.stdout
