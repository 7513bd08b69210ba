"""One writer per data folder: the window and every command take the same lock."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fkstod.core import instance
from fkstod.core.instance import COMMAND, WINDOW, FolderLock, holder, window_owns
from tests.conftest import REPO, run_fkstod

GOOD = Path(__file__).parent / "directory_files" / "lokala.csv"

# Holds the lock as ROLE until killed, or for SECONDS, then exits.
HOLD = """
import sys, time
from pathlib import Path
from fkstod.core.instance import FolderLock
lock = FolderLock(Path(sys.argv[1]), sys.argv[2])
assert lock.acquire(30)
print("held", flush=True)
time.sleep(float(sys.argv[3]))
"""

# Takes and lets go of the lock ROUNDS times, logging each start and end.
TAKE_TURNS = """
import os, sys, time
from pathlib import Path
from fkstod.core.instance import FolderLock
lock = FolderLock(Path(sys.argv[1]), "command")
log = sys.argv[2]
for _ in range(int(sys.argv[3])):
    assert lock.acquire(60, poll=0.005)
    with open(log, "a") as f:
        f.write(f"start {os.getpid()}\\n")
    time.sleep(0.01)
    with open(log, "a") as f:
        f.write(f"end {os.getpid()}\\n")
    lock.release()
"""

ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def hold(folder: Path, role: str, seconds: float = 60) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder), role, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert child.stdout.readline().strip() == "held"
    return child


def stop(child: subprocess.Popen) -> None:
    child.kill()
    child.wait()
    child.stdout.close()


def data_env(folder: Path) -> dict:
    return {"FKSTOD_DATA_DIR": str(folder)}


def imported(folder: Path) -> set[str]:
    conn = sqlite3.connect(folder / "fkstod.sqlite3")
    try:
        return {r[0] for r in conn.execute("SELECT id FROM directory_entries")}
    finally:
        conn.close()


def test_no_one_holds_a_new_folder(data_folder):
    assert holder(data_folder) is None
    assert not window_owns(data_folder)


def test_a_second_lock_in_the_same_process_is_refused_until_released(data_folder):
    first = FolderLock(data_folder, WINDOW)
    assert first.try_acquire()
    second = FolderLock(data_folder, COMMAND)
    assert not second.try_acquire()
    assert second.holder().role == WINDOW and second.holder().pid == os.getpid()
    first.release()
    assert second.try_acquire()
    second.release()


def test_processes_taking_turns_never_hold_the_lock_at_once(data_folder, tmp_path):
    log = tmp_path / "turns.log"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", TAKE_TURNS, str(data_folder), str(log), "15"], env=ENV
        )
        for _ in range(3)
    ]
    for child in children:
        assert child.wait(120) == 0
    lines = log.read_text().splitlines()
    assert len(lines) == 3 * 15 * 2
    for start, end in zip(lines[::2], lines[1::2], strict=True):
        assert start.startswith("start ") and end == "end " + start.split()[1]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_the_lock_of_a_killed_process_is_taken_over(data_folder):
    child = hold(data_folder, COMMAND)
    assert holder(data_folder).pid == child.pid
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert (data_folder / "fkstod.lock").exists()  # left behind, and harmless
    assert holder(data_folder) is None
    result = run_fkstod("directory", "import", str(GOOD), env=data_env(data_folder))
    assert result.returncode == 0, result.stderr
    assert "lokal-malmo-jour" in imported(data_folder)


def test_a_lock_file_naming_a_live_process_is_not_a_lock(data_folder):
    # What Qt's lock file of an older fkstod looked like: only the system's lock counts.
    (data_folder / "fkstod.lock").write_text(f"{os.getpid()}\nfkstod\nhost\n", encoding="utf-8")
    assert holder(data_folder) is None
    lock = FolderLock(data_folder, COMMAND)
    assert lock.try_acquire()
    lock.release()


def test_import_is_refused_at_once_while_the_window_holds_the_folder(data_folder):
    run_fkstod("usage", "show", env=data_env(data_folder))  # the window would have made it
    window = hold(data_folder, WINDOW)
    try:
        assert window_owns(data_folder)
        started = time.monotonic()
        result = run_fkstod("directory", "import", str(GOOD), env=data_env(data_folder))
        took = time.monotonic() - started
    finally:
        stop(window)
    assert result.returncode == 1
    assert "fkstod är öppet" in result.stderr and "Traceback" not in result.stderr
    assert took < instance.WAIT_SECONDS + 5  # no long wait for a window that stays open
    assert "lokal-malmo-jour" not in imported(data_folder)


def test_a_dry_run_and_a_search_work_while_the_window_runs(data_folder):
    run_fkstod("usage", "show", env=data_env(data_folder))
    window = hold(data_folder, WINDOW)
    try:
        dry = run_fkstod("directory", "import", str(GOOD), "--dry-run", env=data_env(data_folder))
        found = run_fkstod("directory", "search", "jour", env=data_env(data_folder))
        shown = run_fkstod("usage", "show", env=data_env(data_folder))
    finally:
        stop(window)
    assert dry.returncode == 0, dry.stderr
    assert found.returncode == 0, found.stderr
    assert shown.returncode == 0, shown.stderr


def test_a_second_writing_command_waits_then_gives_up_in_swedish(data_folder):
    run_fkstod("usage", "show", env=data_env(data_folder))
    first = hold(data_folder, COMMAND)
    try:
        started = time.monotonic()
        result = run_fkstod("directory", "import", str(GOOD), env=data_env(data_folder))
        took = time.monotonic() - started
    finally:
        stop(first)
    assert result.returncode == 1
    assert "väntar" in result.stderr and "ett annat fkstod-kommando" in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert took >= instance.WAIT_SECONDS
    assert "lokal-malmo-jour" not in imported(data_folder)


def test_a_second_writing_command_goes_ahead_when_the_first_is_done(data_folder):
    first = hold(data_folder, COMMAND, seconds=1.0)
    try:
        result = run_fkstod("directory", "import", str(GOOD), env=data_env(data_folder))
    finally:
        first.wait()
        first.stdout.close()
    assert result.returncode == 0, result.stderr
    assert "väntar" in result.stderr
    assert "lokal-malmo-jour" in imported(data_folder)


def test_two_imports_started_together_both_finish_and_the_database_is_whole(data_folder):
    def start() -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "fkstod", "directory", "import", str(GOOD), "--ja"],
            env={**ENV, **data_env(data_folder)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    racers = [start(), start()]
    outputs = [r.communicate(120) for r in racers]
    for racer, (_out, err) in zip(racers, outputs, strict=True):
        assert racer.returncode == 0, err
        assert "Traceback" not in err
    conn = sqlite3.connect(data_folder / "fkstod.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert "lokal-malmo-jour" in imported(data_folder)
