"""A second start brings the first window forward instead of opening a second writer.

The window and the commands share one lock: a window does not start beside a
command that writes, and a command does not write beside the window.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from fkstod import app
from fkstod.core import instance as folder_lock
from fkstod.core.instance import COMMAND, WINDOW, FolderLock, window_owns
from fkstod.qt.single_instance import SingleInstance
from tests.conftest import REPO, run_fkstod
from tests.ui.fakes import FakeDialogs

HOLD = """
import sys, time
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from fkstod.core.instance import FolderLock
lock = FolderLock(Path(sys.argv[1]), "command")
assert lock.acquire(30)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def a_command_holds(folder: Path, seconds: float) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout.readline().strip() == "held"
    return child


def stop(child: subprocess.Popen) -> None:
    child.kill()
    child.wait()
    child.stdout.close()


def test_the_second_claim_fails_and_reaches_the_owner(qtbot, data_folder):
    first = SingleInstance(data_folder)
    assert first.claim()
    first.listen()
    second = SingleInstance(data_folder)
    try:
        assert not second.claim()
        assert second.folder_is_writable()
        # In one thread the owner reads the request only after the asker has given up
        # waiting for its answer (another process answers: the tests below).
        with qtbot.waitSignal(first.activation_requested, timeout=3000):
            assert not second.ask_owner_to_activate(timeout_ms=300)
    finally:
        first.release()


def test_the_folder_is_free_again_after_release(data_folder):
    first = SingleInstance(data_folder)
    assert first.claim()
    first.release()
    second = SingleInstance(data_folder)
    assert second.claim()
    second.release()


def test_different_data_folders_do_not_block_each_other(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    assert a.claim() and b.claim()
    a.release()
    b.release()


def test_a_start_that_finds_no_listener_gives_up(data_folder):
    first = SingleInstance(data_folder)
    assert first.claim()  # holds the lock but never listens: hung or still starting
    try:
        second = SingleInstance(data_folder)
        assert not second.claim()
        assert not second.ask_owner_to_activate(timeout_ms=300)
    finally:
        first.release()


def test_the_real_window_lock_is_recognised(qtbot, data_folder):
    instance = SingleInstance(data_folder)
    assert instance.claim()
    try:
        assert window_owns(data_folder)
    finally:
        instance.release()
    assert not window_owns(data_folder)


def test_the_window_and_the_commands_take_the_same_lock(data_folder):
    window = SingleInstance(data_folder)
    assert window.claim()
    try:
        command = FolderLock(data_folder, COMMAND)
        assert not command.try_acquire()
        assert command.holder().role == WINDOW
    finally:
        window.release()
    command = FolderLock(data_folder, COMMAND)
    assert command.try_acquire()
    try:
        window = SingleInstance(data_folder)
        assert not window.claim()
        assert window.folder_is_writable()
        assert window.holder().role == COMMAND
    finally:
        command.release()


def test_a_command_cannot_write_while_a_real_window_holds_the_folder(data_folder):
    good = REPO / "tests" / "core" / "directory_files" / "lokala.csv"
    window = SingleInstance(data_folder)
    assert window.claim()
    try:
        result = run_fkstod(
            "directory", "import", str(good), env={"FKSTOD_DATA_DIR": str(data_folder)}
        )
    finally:
        window.release()
    assert result.returncode == 1
    assert "fkstod är öppet" in result.stderr and "Traceback" not in result.stderr


def test_a_starting_window_waits_for_a_command_then_opens(data_folder):
    command = a_command_holds(data_folder, 1.5)
    try:
        result = run_fkstod("--data-dir", str(data_folder), "--exit-when-ready")
    finally:
        command.wait()
        command.stdout.close()
    assert result.returncode == 0, result.stderr
    assert "Ett fkstod-kommando ändrar i datamappen just nu" in result.stderr


def test_a_starting_window_refuses_while_a_command_keeps_writing(data_folder, qapp, monkeypatch):
    dialogs = FakeDialogs()
    monkeypatch.setattr(app, "QtDialogs", lambda: dialogs)
    monkeypatch.setattr(folder_lock, "WAIT_SECONDS", 0.5)
    command = a_command_holds(data_folder, 60)
    try:
        started = time.monotonic()
        code = app.run_gui(data_dir=str(data_folder))
        took = time.monotonic() - started
    finally:
        stop(command)
        # The waiting box is deleted by the event loop, which run_gui never reached:
        # delete it now, or it stays the active window for the tests after this one.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert code == 1
    ((title, text),) = dialogs.errors
    assert title == "fkstod kan inte starta" and "fkstod-kommando" in text
    assert 0.5 <= took < 5  # waited, briefly, and did not ask a command to show a window
    assert not (data_folder / "fkstod.sqlite3").exists()  # nothing opened beside it


OWNER = """
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from fkstod.qt.single_instance import SingleInstance

app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
assert instance.claim()
if sys.argv[2] == "older":  # a window of a version before the answer: reads, says nothing
    from PySide6.QtNetwork import QLocalServer

    server = QLocalServer()
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    QLocalServer.removeServer(instance._name)
    server.listen(instance._name)

    def read():
        while (socket := server.nextPendingConnection()) is not None:
            socket.waitForReadyRead(1000)
            print("asked", bytes(socket.readAll().data()).strip().decode(), flush=True)
            socket.abort()

    server.newConnection.connect(read)
else:
    instance.listen()
    instance.activation_requested.connect(lambda: print("asked activate", flush=True))
print("listening", flush=True)
app.exec()
"""


def a_window_owns(folder: Path, kind: str = "current") -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(folder), kind],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout.readline().strip() == "listening"
    return child


# A window of this version answers; one of an older version reads the request and
# closes without a word: both came forward.
@pytest.mark.parametrize("kind", ["current", "older"])
def test_a_window_in_another_process_comes_forward(data_folder, kind):
    owner = a_window_owns(data_folder, kind)
    try:
        second = SingleInstance(data_folder)
        assert not second.claim()
        assert second.ask_owner_to_activate(timeout_ms=5000)
        assert owner.stdout.readline().strip() == "asked activate"
    finally:
        stop(owner)


def test_a_hung_window_is_not_taken_for_one_that_came_forward(data_folder):
    # The kernel accepts the connection and the bytes of a stopped process: only
    # its answer tells that it read them.
    owner = a_window_owns(data_folder)
    os.kill(owner.pid, signal.SIGSTOP)
    try:
        second = SingleInstance(data_folder)
        assert not second.claim()
        started = time.monotonic()
        assert not second.ask_owner_to_activate(timeout_ms=1500)
        assert time.monotonic() - started < 5
    finally:
        os.kill(owner.pid, signal.SIGCONT)
        stop(owner)


def test_a_second_start_beside_a_hung_window_says_so_and_ends(data_folder, qapp, monkeypatch):
    dialogs = FakeDialogs()
    monkeypatch.setattr(app, "QtDialogs", lambda: dialogs)
    owner = a_window_owns(data_folder)
    os.kill(owner.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        code = app.run_gui(data_dir=str(data_folder))
        took = time.monotonic() - started
    finally:
        os.kill(owner.pid, signal.SIGCONT)
        stop(owner)
    assert code == 1
    ((title, text),) = dialogs.errors
    assert title == "fkstod körs redan" and "svarar inte" in text
    assert took < 10
    assert not (data_folder / "fkstod.sqlite3").exists()  # no second writer


def test_after_a_window_killed_the_next_start_owns_the_folder_and_its_socket(qtbot, data_folder):
    owner = a_window_owns(data_folder)
    owner.kill()  # kill -9: its socket file stays behind, its lock goes with it
    owner.wait()
    owner.stdout.close()
    second = SingleInstance(data_folder)
    assert second.claim()
    try:
        second.listen()  # over the socket the killed one left
        third = SingleInstance(data_folder)
        assert not third.claim()
        with qtbot.waitSignal(second.activation_requested, timeout=3000):
            third.ask_owner_to_activate(timeout_ms=300)
    finally:
        second.release()
