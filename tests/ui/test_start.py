"""Starting the app as a process: ready, corrupt database, second start."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

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


CLOSE_PROBE = r"""
import sys
from pathlib import Path
from fkstod import cli
from fkstod.qt.single_instance import SingleInstance

folder = Path(sys.argv[1])
seen = []
real_release = SingleInstance.release

def release(self):
    # What is on disk when the window lets go of the folder.
    seen.append(sorted(p.name for p in folder.iterdir() if p.name.startswith("fkstod.sqlite3")))
    real_release(self)

SingleInstance.release = release
code = cli.main(["--data-dir", str(folder), "--exit-when-ready"])
print("SEEN", seen)
sys.exit(code)
"""


def test_the_window_closes_its_database_before_it_lets_go_of_the_folder(data_folder):
    from tests.conftest import run_window_probe

    # Closing writes: the last checkpoint into the file and the clean close's mark. A
    # command that takes the folder the moment the window lets go of it must find
    # them done, not written beside its own writes (one writer per folder).
    done = run_window_probe(CLOSE_PROBE, data_folder)
    assert "SEEN [['fkstod.sqlite3', 'fkstod.sqlite3-closed']]" in done.stdout, done.stdout


SIGNAL_PROBE = r"""
import os, subprocess, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from fkstod import app as fkapp, cli

real_build = fkapp.build_window

def build_window(*args, **kwargs):
    window = real_build(*args, **kwargs)

    def signal_from_outside():
        # Sent by another process while this one waits in Qt's event loop, as a
        # logout's is: no Python code of ours is running when it arrives.
        subprocess.Popen(["/bin/sh", "-c", f"sleep 1.5; kill -{SIGNAL} {os.getpid()}"])
        print("READY", flush=True)

    window.ready.connect(lambda: QTimer.singleShot(0, signal_from_outside))
    window.closing.connect(lambda: print("CLOSING", flush=True))
    return window

fkapp.build_window = build_window
sys.exit(cli.main(["--data-dir", sys.argv[1]]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM from outside on Windows")
@pytest.mark.parametrize("name", ["TERM", "INT"])
def test_sigterm_and_sigint_close_the_window_as_avsluta_does(data_folder, name):
    from fkstod.core.instance import read_holder
    from tests.conftest import run_window_probe

    done = run_window_probe(SIGNAL_PROBE.replace("{SIGNAL}", name), data_folder, timeout=60)
    assert done.stdout.split() == ["READY", "CLOSING"], done.stdout
    # The clean close ran: the database closed with its mark, the folder let go of.
    assert (data_folder / "fkstod.sqlite3-closed").exists()
    assert read_holder(data_folder / "fkstod.lock") is None
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr
