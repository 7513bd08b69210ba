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
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    assert f"{tmp_path / 'cases' / 'trasig.toml'}:2: TOML-fel" in page.details.text()
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
    page.shutdown()
