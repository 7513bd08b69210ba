"""The command line does not write while the window owns the data folder."""

import os
import subprocess
import sys
from pathlib import Path

from fkstod.core.instance import window_owns
from tests.conftest import run_fkstod

GOOD = Path(__file__).parent / "directory_files" / "lokala.csv"


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def write_lock(folder: Path, pid: int) -> None:
    (folder / "fkstod.lock").write_text(f"{pid}\nfkstod\nhost\n", encoding="utf-8")


def test_no_lock_file_means_no_window(data_folder):
    assert not window_owns(data_folder)


def test_a_lock_left_by_a_dead_process_does_not_count(data_folder):
    write_lock(data_folder, dead_pid())
    assert not window_owns(data_folder)


def test_import_is_refused_while_the_window_holds_the_folder(data_folder):
    write_lock(data_folder, os.getpid())  # a live process stands in for the window
    result = run_fkstod("directory", "import", str(GOOD), env={"FKSTOD_DATA_DIR": str(data_folder)})
    assert result.returncode == 1
    assert "fkstod är öppet" in result.stderr
    (data_folder / "fkstod.lock").unlink()
    listed = run_fkstod(
        "directory",
        "search",
        "mansjour",
        "--kommun",
        "1480",
        "--json",
        env={"FKSTOD_DATA_DIR": str(data_folder)},
    )
    assert "lokal-gbg-man" not in listed.stdout  # nothing was imported


def test_a_dry_run_is_allowed_while_the_window_runs(data_folder):
    write_lock(data_folder, os.getpid())
    result = run_fkstod(
        "directory", "import", str(GOOD), "--dry-run", env={"FKSTOD_DATA_DIR": str(data_folder)}
    )
    assert result.returncode == 0, result.stderr
