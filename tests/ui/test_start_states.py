"""The window's start with a database it cannot use: a Swedish dialog, the file as it was."""

from __future__ import annotations

import sqlite3

from fkstod import app
from tests.ui.fakes import FakeDialogs


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
