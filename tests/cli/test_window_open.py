"""A writing command while the window holds the data folder says where to do it in the window.

The caseworker keeps fkstod open all day: ``fkstod directory import`` or ``fkstod
usage export`` is refused beside it (one writer per folder), in Swedish, with no
traceback, nothing changed, and the way to do the same in the open window.
"""

from __future__ import annotations

import pytest

from fkstod.core.instance import WINDOW, FolderLock
from tests.conftest import CORE_DATA, run_cli


@pytest.fixture
def window_holds(data_folder):
    lock = FolderLock(data_folder, WINDOW)
    assert lock.try_acquire()
    yield data_folder
    lock.release()


def test_an_import_beside_the_window_names_the_windows_way(window_holds, tmp_path):
    good = CORE_DATA / "directory_files" / "lokala.csv"
    result = run_cli("--data-dir", str(window_holds), "directory", "import", str(good), "--ja")
    assert result.returncode == 1
    assert "fkstod är öppet" in result.stderr and "Traceback" not in result.stderr
    assert "Stödkatalog" in result.stderr and "Importera" in result.stderr
    assert not (window_holds / "fkstod.sqlite3").exists()  # nothing opened beside it


def test_an_export_beside_the_window_names_the_windows_way(window_holds, tmp_path):
    out = tmp_path / "export.json"
    result = run_cli("--data-dir", str(window_holds), "usage", "export", "--out", str(out))
    assert result.returncode == 1
    assert "Statistik" in result.stderr and "Exportera statistik" in result.stderr
    assert not out.exists()
