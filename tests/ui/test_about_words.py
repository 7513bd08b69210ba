"""Om fkstod says where the program's files come from in Swedish, not the code's word."""

from __future__ import annotations

import pytest

from fkstod.ui.about_dialog import AboutDialog


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("frozen", "installerat program"),
        ("wheel", "installerat Python-paket"),
        ("checkout", "källkod (utvecklarversion)"),
    ],
)
def test_the_kind_of_installation_is_said_in_swedish(qtbot, tmp_path, mode, said):
    dialog = AboutDialog(tmp_path, mode)
    qtbot.addWidget(dialog)
    text = dialog.label.text()
    assert f"Programfiler: {said}" in text
    assert f"Programfiler: {mode}" not in text
