"""A data folder that cannot be written to: the app runs, on a store that writes nothing.

``open_store`` still refuses such a folder (the command line keeps its exit code 1);
``open_without_writing`` is the window's way on: the database read into memory (or a
new one there), every write refused in Swedish, nothing written anywhere.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fkstod.core import store
from fkstod.core.directory import Directory
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.settings import Settings
from fkstod.core.usage import UsageRecorder
from tests.unwritable import contents, unwritable

ENTRY = {
    "organisation": "Kvinnojouren Testby",
    "tjanst": "Jourtelefon",
    "kategori": "kvinnor",
    "telefon": "040-628 04 09",
    "senast_verifierad": "2026-01-01",
}


def filled(folder: Path) -> Path:
    """Make ``folder``'s database with a setting, a count and a local entry; return its path."""
    path = folder / "fkstod.sqlite3"
    opened = store.open_store(path, MIGRATION_SETS)
    Settings(opened.db).set("window/text_scale", 1.25)
    UsageRecorder(opened.db).record("referral_shown", category="akut")
    saved = Directory(opened.db).save(ENTRY)
    assert not isinstance(saved, list)
    opened.db.close()
    return path


def assert_writes_refused(db: store.Db, folder: Path) -> None:
    """Every way of writing is refused with the plain message, and nothing is changed."""
    with pytest.raises(store.ReadOnlyError) as refused:
        Settings(db).set("window/text_scale", 2.0)
    text = str(refused.value)
    assert str(folder) in text and "sparats" in text and "--data-dir" not in text
    with pytest.raises(store.ReadOnlyError):
        Directory(db).save({**ENTRY, "organisation": "Ny jour"})
    with pytest.raises(store.ReadOnlyError):
        db.sibling()  # a worker's connection (an import) is refused the same way
    # Below the transaction too (sqlite-utils, a plain statement): SQLite refuses.
    with pytest.raises(sqlite3.OperationalError):
        db.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
    # A count is dropped without a word: it must never interrupt a call.
    assert UsageRecorder(db).record("referral_shown", category="akut") is None


def test_a_read_only_folder_still_refuses_open_store_with_its_message(tmp_path):
    folder = tmp_path / "data"
    filled(folder)
    with unwritable(folder), pytest.raises(store.UnwritableFolderError) as refused:
        store.open_store(folder / "fkstod.sqlite3", MIGRATION_SETS)
    # The command line's contract: the same Swedish message, exit code 1 (cli tests).
    assert "går inte att skriva till" in str(refused.value)
    assert refused.value.folder == folder


def test_a_folder_that_cannot_be_created_is_told_apart_from_other_refusals(tmp_path):
    # Works as root too: nobody makes a folder inside a file.
    blocker = tmp_path / "file"
    blocker.write_text("inte en mapp")
    with pytest.raises(store.UnwritableFolderError, match="kan inte skapas"):
        store.open_store(blocker / "sub" / "fkstod.sqlite3", MIGRATION_SETS)


def test_a_database_in_a_read_only_folder_is_read_and_nothing_is_written(tmp_path):
    folder = tmp_path / "data"
    path = filled(folder)
    before = contents(folder)
    with unwritable(folder):
        opened = store.open_without_writing(path, MIGRATION_SETS)
        db = opened.db
        assert Settings(db).get("window/text_scale") == 1.25
        assert [r.count for r in UsageRecorder(db).counts()] == [1]
        local = Directory(db).local_entries()
        assert [e.organisation for e in local] == ["Kvinnojouren Testby"]
        assert_writes_refused(db, folder)
        db.close()
        assert contents(folder) == before  # no -wal, -shm, mark, cache, quarantine
    assert opened.read_only and opened.notice is not None
    assert str(folder) in opened.notice
    assert "IT" in opened.notice and "--data-dir" not in opened.notice


def test_a_read_only_folder_without_a_database_runs_on_one_in_memory(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    with unwritable(folder):
        opened = store.open_without_writing(folder / "fkstod.sqlite3", MIGRATION_SETS)
        directory = Directory(opened.db)
        # Everything shipped is there: the national support lines first of all.
        assert any(e.national and e.levererad for e in directory.entries())
        assert directory.local_entries() == []
        assert_writes_refused(opened.db, folder)
        opened.db.close()
    assert contents(folder) == {}
    assert opened.db.path is None
    assert "sparas inte" in (opened.notice or "")


def test_a_folder_that_cannot_be_created_runs_in_memory_and_creates_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("inte en mapp")
    folder = blocker / "fkstod"
    opened = store.open_without_writing(folder / "fkstod.sqlite3", MIGRATION_SETS)
    assert_writes_refused(opened.db, folder)
    opened.db.close()
    assert blocker.read_text() == "inte en mapp"
    assert str(folder) in (opened.notice or "") and "går inte att skapa" in (opened.notice or "")


def test_a_damaged_database_in_a_read_only_folder_is_left_as_it_is(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "fkstod.sqlite3").write_bytes(b"inte en databas" * 100)
    before = contents(folder)
    with unwritable(folder):
        opened = store.open_without_writing(folder / "fkstod.sqlite3", MIGRATION_SETS)
        assert Directory(opened.db).local_entries() == []
        opened.db.close()
        assert contents(folder) == before  # not quarantined: nothing can be moved
    assert "gick inte att läsa" in (opened.notice or "")
