"""Starting the app as a process: ready, corrupt database, second start."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.conftest import REPO, run_fkstod


def test_the_app_starts_and_exits_when_ready(data_folder):
    result = run_fkstod("--data-dir", str(data_folder), "--exit-when-ready")
    assert result.returncode == 0, result.stderr
    assert (data_folder / "fkstod.sqlite3").exists()


def test_a_corrupt_database_is_quarantined_at_start_and_the_app_still_opens(data_folder):
    (data_folder / "fkstod.sqlite3").write_bytes(b"\x00garbage" * 1000)
    result = run_fkstod("--data-dir", str(data_folder), "--exit-when-ready")
    assert result.returncode == 0, result.stderr
    (moved,) = (data_folder / "quarantine").glob("*/fkstod.sqlite3")
    assert moved.read_bytes() == b"\x00garbage" * 1000


def test_a_second_start_hands_over_to_the_first_and_exits(data_folder):
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    first = subprocess.Popen(
        [sys.executable, "-m", "fkstod", "--data-dir", str(data_folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not (data_folder / "fkstod.sqlite3").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        second = run_fkstod("--data-dir", str(data_folder))
        assert second.returncode == 0
        assert "körs redan" in second.stderr
        assert first.poll() is None  # the first instance is still running
    finally:
        first.terminate()
        first.wait(10)
