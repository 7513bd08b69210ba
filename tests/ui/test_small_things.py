"""Small things: OK not Ok, one window title, readable placeholders."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from fkstod import app as fkapp
from fkstod.qt.contrast import MIN_CONTRAST, contrast, shown_over


@pytest.fixture
def app(qapp):
    return fkapp.make_application()


def test_ok_is_written_ok_in_every_standard_button(app):
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    assert [b.text() for b in box.buttons()] == ["OK", "Avbryt"]  # not qtbase_sv's "Ok"
    message = QMessageBox()
    message.setStandardButtons(QMessageBox.StandardButton.Ok)
    assert [b.text() for b in message.buttons()] == ["OK"]
    # The other buttons still come from qtbase_sv.
    save = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
    assert save.buttons()[0].text() == "Spara"


def test_the_window_title_appears_once(app, monkeypatch):
    # Qt appends the application display name to every window title that does not
    # end with it (QPlatformWindow::formatWindowTitle): fkstod sets none.
    calls = []
    monkeypatch.setattr(QApplication, "setApplicationDisplayName", lambda *a: calls.append(a))
    monkeypatch.setattr(app, "setApplicationDisplayName", lambda *a: calls.append(a))
    fkapp.make_application()
    assert calls == []
    from fkstod.ui.main_window import MainWindow

    window = MainWindow()
    assert window.windowTitle().count("fkstod") == 1


def test_placeholders_that_carry_a_format_are_readable(app):
    palette = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        base = palette.color(group, QPalette.ColorRole.Base)
        shown = shown_over(palette.color(group, QPalette.ColorRole.PlaceholderText), base)
        assert contrast(shown, base) >= MIN_CONTRAST
        # Still a hint: lighter than what the caseworker types.
        text = palette.color(group, QPalette.ColorRole.Text)
        assert contrast(shown, base) < contrast(text, base)
