"""The window's start with a database it cannot use: a Swedish dialog, the file as it was."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from fkstod import app
from tests.ui.fakes import FakeDialogs


class _NoMainLoop:
    """The application, but ``exec`` turns the events until ``quit`` instead of running Qt's loop.

    Run in the test process, Qt's own ``exec`` leaves it unable to serve local sockets
    afterwards (the single-instance tests after this file would time out).
    """

    def __init__(self, real) -> None:
        self._real = real
        self._quit = False

    def __getattr__(self, name):
        return getattr(self._real, name)

    def exec(self) -> int:
        import time

        deadline = time.monotonic() + 20
        while not self._quit and time.monotonic() < deadline:
            self._real.processEvents()
        return 0

    def quit(self) -> None:
        self._quit = True


@pytest.fixture
def started(qapp, monkeypatch):
    """Let ``run_gui`` start and stop in the test process, and undo what it leaves behind."""
    import sys

    from fkstod.ui.main_window import MainWindow

    make = app.make_application
    monkeypatch.setattr(app, "make_application", lambda **kw: _NoMainLoop(make(**kw)))
    monkeypatch.setattr(app, "install_focus_style", lambda _app: None)  # a style for the rest
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_another_programs_database_stops_the_start_and_is_left_untouched(
    data_folder, qapp, monkeypatch
):
    dialogs = FakeDialogs()
    monkeypatch.setattr(app, "QtDialogs", lambda: dialogs)
    conn = sqlite3.connect(data_folder / "fkstod.sqlite3")
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE photos (name TEXT)")
    conn.commit()
    conn.close()
    before = (data_folder / "fkstod.sqlite3").read_bytes()
    assert app.run_gui(data_dir=str(data_folder)) == 1
    ((title, text),) = dialogs.errors
    assert title == "fkstod kan inte starta" and "annat program" in text
    assert (data_folder / "fkstod.sqlite3").read_bytes() == before
    assert sorted(p.name for p in data_folder.iterdir()) == ["fkstod.lock", "fkstod.sqlite3"]


def test_a_database_path_that_is_a_folder_stops_the_start_with_a_message(
    data_folder, qapp, monkeypatch
):
    dialogs = FakeDialogs()
    monkeypatch.setattr(app, "QtDialogs", lambda: dialogs)
    (data_folder / "fkstod.sqlite3").mkdir()
    assert app.run_gui(data_dir=str(data_folder)) == 1
    ((_title, text),) = dialogs.errors
    assert "är en mapp" in text


def test_a_write_protected_database_starts_and_says_what_will_not_be_kept(
    data_folder, started, monkeypatch
):
    # Counts fail without a word during a call (they must not interrupt it): the
    # caseworker is told once, at the start, that nothing will be kept.
    import os

    from fkstod.core import store

    app.build_services(data_folder)[0].db.close()
    path = data_folder / "fkstod.sqlite3"
    path.chmod(0o444)
    if os.geteuid() == 0:  # root writes a 0o444 file all the same: be told it cannot
        real = os.access
        monkeypatch.setattr(
            store.os, "access", lambda p, mode: real(p, mode) and os.fspath(p) != str(path)
        )
    dialogs = FakeDialogs()
    monkeypatch.setattr(app, "QtDialogs", lambda: dialogs)
    try:
        assert app.run_gui(data_dir=str(data_folder), exit_when_ready=True) == 0
    finally:
        path.chmod(0o644)
    assert dialogs.errors == []
    ((title, text),) = dialogs.infos
    assert title == "Databasen är skrivskyddad"
    assert str(path) in text and "sparas inte" in text


def test_a_writable_database_starts_without_a_word(data_folder, started, monkeypatch):
    app.build_services(data_folder)[0].db.close()
    dialogs = FakeDialogs()
    monkeypatch.setattr(app, "QtDialogs", lambda: dialogs)
    assert app.run_gui(data_dir=str(data_folder), exit_when_ready=True) == 0
    assert dialogs.shown == []


def test_a_lock_file_that_is_a_folder_or_a_link_is_named_at_the_start(
    data_folder, tmp_path, qapp, monkeypatch
):
    # Not "the folder cannot be written to", which sends the caseworker to IT for rights
    # they have: the lock file is what is wrong, and the message says so.
    lock = data_folder / "fkstod.lock"
    for make, words in (
        (lock.mkdir, "det är en mapp"),
        (lambda: lock.symlink_to(tmp_path / "brev.txt"), "ingen vanlig fil"),
    ):
        (tmp_path / "brev.txt").write_text("mitt brev", encoding="utf-8")
        make()
        dialogs = FakeDialogs()
        monkeypatch.setattr(app, "QtDialogs", lambda d=dialogs: d)
        assert app.run_gui(data_dir=str(data_folder)) == 1
        ((title, text),) = dialogs.errors
        assert title == "fkstod kan inte starta"
        assert "fkstod.lock" in text and words in text and "skriva till" not in text
        assert (tmp_path / "brev.txt").read_text(encoding="utf-8") == "mitt brev"
        lock.rmdir() if lock.is_dir() and not lock.is_symlink() else lock.unlink()


def test_nothing_is_saved_to_the_database_after_the_window_has_ended(
    data_folder, started, monkeypatch, qtbot
):
    # The loop ended without a close (the benchmark's --exit-when-ready, a session
    # ended): the window's state keeper must not write into the database closed after.
    from fkstod.qt import state_keeper
    from fkstod.ui.main_window import MainWindow

    dialogs = FakeDialogs()
    monkeypatch.setattr(app, "QtDialogs", lambda: dialogs)
    monkeypatch.setattr(state_keeper.StateKeeper.__init__, "__defaults__", (50,))
    assert app.run_gui(data_dir=str(data_folder), exit_when_ready=True) == 0
    (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    window.resize(window.width() - 40, window.height() - 40)  # the keeper's cue
    qtbot.wait(300)  # and the sections not yet built, the directory's reading: timers
    assert dialogs.shown == []
