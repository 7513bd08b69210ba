"""Sammanställning names the files of the folder it did not read (not .json)."""

import pytest

from tests.ui.statistik.test_statistik import make_exports, merged_panel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_panel_names_an_export_renamed_to_xlsx(qtbot, window, dialogs, tmp_path):
    folder = make_exports(tmp_path, 6)
    (folder / "e05.json").rename(folder / "e05.xlsx")
    panel = merged_panel(qtbot, window, dialogs, folder)
    assert "5 exporter räknade" in panel.status.text()
    assert "1 fil i mappen lästes inte (inte .json)" in panel.status.text()
    assert panel.skipped.isVisibleTo(panel)
    assert f"{folder / 'e05.xlsx'}: lästes inte" in panel.skipped.text()
    assert "zz-trasig.json" in panel.skipped.text()  # the bad file is still named
