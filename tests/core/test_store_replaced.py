"""The database file replaced, moved or removed by another program while fkstod runs.

The open connection would go on writing into the old file, which no start reads
again: every later edit would vanish. A write is refused instead, in Swedish,
saying what happened and what to do, and the file now in the place is not touched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.settings import Settings
from fkstod.core.store import DatabaseReplacedError, Db, open_store
from fkstod.core.usage import UsageRecorder
from tests.conftest import REPLACES_OPEN_FILES


def db_file(folder: Path) -> Path:
    return folder / "fkstod.sqlite3"


def another_file(folder: Path, tmp_path: Path) -> Path:
    """A database of fkstod's own, with one setting, ready to be put in the place."""
    opened = open_store(db_file(folder), MIGRATION_SETS)
    Settings(opened.db).set("ursprung", "kopian")
    opened.db.close()
    copy = tmp_path / "kopia.sqlite3"
    copy.write_bytes(db_file(folder).read_bytes())
    return copy


def put_in_place(how: str, folder: Path, copy: Path) -> None:
    path = db_file(folder)
    if how == "replaced":  # a backup restored, a sync tool's newer copy
        os.replace(copy, path)
    elif how == "moved away":
        path.rename(folder.parent / "flyttad.sqlite3")
    else:
        path.unlink()


def settings_in(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT key, value FROM settings"))
    finally:
        conn.close()


@REPLACES_OPEN_FILES
@pytest.mark.parametrize("how", ["replaced", "moved away", "removed"])
def test_a_write_after_the_file_was_put_away_is_refused_and_says_so(data_folder, tmp_path, how):
    copy = another_file(data_folder, tmp_path)
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    settings = Settings(opened.db)
    settings.set("textstorlek", 1.2)  # written while it is the file
    told: list[str] = []
    opened.db.on_replaced = told.append
    put_in_place(how, data_folder, copy)
    with pytest.raises(DatabaseReplacedError) as raised:
        settings.set("textstorlek", 1.5)
    message = str(raised.value)
    assert str(db_file(data_folder)) in message
    assert "har inte sparats" in message and "starta" in message.lower()
    assert told == [message]  # told once, with the same words
    with pytest.raises(DatabaseReplacedError):
        settings.set("textstorlek", 1.6)
    assert len(told) == 1
    opened.db.close()
    assert not (data_folder / "fkstod.sqlite3-closed").exists()
    if how == "replaced":  # the file put in the place is as the other program left it
        assert settings_in(db_file(data_folder)) == {"ursprung": '"kopian"'}
    elif how == "moved away":  # the file moved is whole, with what was written before
        moved = settings_in(data_folder.parent / "flyttad.sqlite3")
        assert moved == {"ursprung": '"kopian"', "textstorlek": "1.2"}
    again = open_store(db_file(data_folder), MIGRATION_SETS)  # restarted, as the text says
    assert again.notice is None
    Settings(again.db).set("textstorlek", 1.5)
    again.db.close()
    expected = {"textstorlek": "1.5"} | ({"ursprung": '"kopian"'} if how == "replaced" else {})
    assert settings_in(db_file(data_folder)) == expected


def writers() -> list[tuple[str, Callable[[Db], object]]]:
    """Each kind of write the window makes: a count, a setting, a directory entry."""

    def directory_entry(db: Db) -> object:
        from fkstod.core.directory import Directory

        values = {
            "organisation": "Jour",
            "kategori": "kvinnor",
            "telefon": "040-628 04 09",
            "senast_verifierad": "2026-01-01",
        }
        return Directory(db).save(values)

    return [
        ("setting", lambda db: Settings(db).set("avsnitt", "katalog")),
        ("directory entry", directory_entry),
    ]


@REPLACES_OPEN_FILES
@pytest.mark.parametrize("write", [w for _n, w in writers()], ids=[n for n, _w in writers()])
def test_every_write_is_refused_once_the_file_is_replaced(data_folder, tmp_path, write):
    copy = another_file(data_folder, tmp_path)
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    put_in_place("replaced", data_folder, copy)
    before = db_file(data_folder).read_bytes()
    with pytest.raises(DatabaseReplacedError):
        write(opened.db)
    opened.db.close()
    assert db_file(data_folder).read_bytes() == before


@REPLACES_OPEN_FILES
def test_a_count_is_dropped_and_the_user_told_once(data_folder, tmp_path, capsys):
    copy = another_file(data_folder, tmp_path)
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    told: list[str] = []
    opened.db.on_replaced = told.append
    put_in_place("replaced", data_folder, copy)
    recorder = UsageRecorder(opened.db)
    assert recorder.record("referral_shown", category="akut") is None  # the work goes on
    assert recorder.record("referral_shown", category="akut") is None
    assert len(told) == 1 and "har inte sparats" in told[0]
    opened.db.close()


@REPLACES_OPEN_FILES
def test_a_file_replaced_during_a_transaction_gets_nothing_of_it(data_folder, tmp_path):
    copy = another_file(data_folder, tmp_path)
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    old = data_folder.parent / "gammal.sqlite3"
    with pytest.raises(DatabaseReplacedError), opened.db.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('halvvags', '1')")
        os.link(db_file(data_folder), old)  # the old file, still to be looked at
        os.replace(copy, db_file(data_folder))
    opened.db.close()
    assert "halvvags" not in settings_in(old)  # rolled back, not committed into it


@REPLACES_OPEN_FILES
def test_a_worker_connection_is_refused_too(data_folder, tmp_path):
    copy = another_file(data_folder, tmp_path)
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    before = opened.db.sibling()  # a worker that was running
    assert before is not None
    put_in_place("replaced", data_folder, copy)
    with pytest.raises(DatabaseReplacedError):
        Settings(before).set("avsnitt", "statistik")
    before.close()
    with pytest.raises(DatabaseReplacedError):  # never connected to the file now there
        opened.db.sibling()
    opened.db.close()
    assert settings_in(db_file(data_folder)) == {"ursprung": '"kopian"'}


@REPLACES_OPEN_FILES
def test_the_file_put_in_the_place_never_gets_the_old_files_pages(data_folder, tmp_path):
    # The -wal keeps its name: opened beside the file now in the place, SQLite would lay
    # the old file's last writes over it. Once a write finds the file replaced, what the
    # -wal held is in the old file, and the new one reads as the other program left it.
    copy = another_file(data_folder, tmp_path)
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    Settings(opened.db).set("textstorlek", 1.2)  # in the -wal, not yet in the file
    old = data_folder.parent / "gammal.sqlite3"
    os.link(db_file(data_folder), old)
    os.replace(copy, db_file(data_folder))
    with pytest.raises(DatabaseReplacedError):
        Settings(opened.db).set("textstorlek", 1.5)
    assert settings_in(db_file(data_folder)) == {"ursprung": '"kopian"'}  # fkstod still open
    opened.db.close()
    assert settings_in(db_file(data_folder)) == {"ursprung": '"kopian"'}
    assert settings_in(old) == {"ursprung": '"kopian"', "textstorlek": "1.2"}  # complete


def test_the_file_as_it_was_opened_is_written_as_before(data_folder):
    # Opened, written, closed, opened again: the check never stands in the way.
    for value in (1, 2):
        opened = open_store(db_file(data_folder), MIGRATION_SETS)
        Settings(opened.db).set("n", value)
        opened.db.close()
    assert settings_in(db_file(data_folder)) == {"n": "2"}


@REPLACES_OPEN_FILES
def test_closed_without_a_write_since_the_file_was_replaced_leaves_the_new_file_alone(
    data_folder, tmp_path
):
    copy = another_file(data_folder, tmp_path)
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    Settings(opened.db).set("textstorlek", 1.2)  # in the -wal
    os.replace(copy, db_file(data_folder))
    opened.db.close()  # the window closed before anything else was saved
    again = open_store(db_file(data_folder), MIGRATION_SETS)
    assert again.notice is None
    again.db.close()
    assert settings_in(db_file(data_folder)) == {"ursprung": '"kopian"'}
