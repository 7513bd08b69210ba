"""What other areas ask of the directory."""

import pytest

from fkstod.core.directory import Directory
from tests.conftest import CORE_DATA

GOOD = CORE_DATA / "directory_files" / "lokala.csv"


def test_social_services_are_found_for_the_childs_kommun_only(memory_db):
    directory = Directory(memory_db)
    assert directory.socialtjanst_for("1280") is None  # nothing local imported yet
    directory.apply_import(directory.plan_import(GOOD))
    found = directory.socialtjanst_for("1280")
    assert found is not None and found.organisation == "Malmö stad"
    assert directory.socialtjanst_for("0180") is None


def test_a_web_address_is_shown_as_read_out():
    from fkstod.core.directory.validate import display_web

    assert display_web("https://www.jamstalldhetsmyndigheten.se/") == "jamstalldhetsmyndigheten.se"
    assert display_web("http://bris.se/hjalp") == "bris.se/hjalp"
    assert display_web("") == ""


def test_a_number_typed_as_read_out_finds_the_entry(memory_db):
    directory = Directory(memory_db)
    for typed in ("020-50 50 50", "020 50 50 50", "020505050", "020-50"):
        found = [e.organisation for e in directory.search(typed).entries]
        assert "Kvinnofridslinjen" in found, typed


def test_open_now_for_one_entry_uses_the_hours_parsed_at_build(memory_db):
    from datetime import datetime

    directory = Directory(memory_db)
    kvinnofrid = next(e for e in directory.entries() if e.organisation == "Kvinnofridslinjen")
    assert directory.index.is_open(kvinnofrid.id, datetime(2026, 11, 28, 3, 0)) is True
    assert directory.index.is_open("no-such-id", datetime(2026, 11, 28, 3, 0)) is None


NEW_ENTRY = {
    "organisation": "Jouren i Ystad",
    "tjanst": "Stödsamtal",
    "kategori": "kvinnor",
    "senast_verifierad": "2026-10-01",
    "telefon": "0411-123 45",
    "kommuner": "1286",
}


def test_a_save_with_the_index_rebuilt_later_searches_as_one_rebuilt_at_once(memory_db):
    # The window stores an edit at once and rebuilds the index from a timer.
    later = Directory(memory_db)
    saved = later.save(NEW_ENTRY, index_now=False)
    assert not isinstance(saved, list)
    assert later.reindexing
    pieces = 0
    while not later.reindex_step(0):
        pieces += 1
    assert pieces > 0 and not later.reindexing
    now = Directory(memory_db)  # reads what was stored, indexed at once
    for query in ("ystad", "0411", "jour", ""):
        assert later.search(query).entries == now.search(query).entries
    assert later.get(saved.id) == saved


def test_a_read_during_the_rebuild_finishes_it_first(memory_db):
    directory = Directory(memory_db)
    saved = directory.save(NEW_ENTRY, index_now=False)
    assert not isinstance(saved, list)
    assert directory.reindexing
    assert [e.id for e in directory.search("ystad").entries] == [saved.id]
    assert not directory.reindexing
    directory.remove(saved.id, index_now=False)
    assert directory.get(saved.id) is None


def test_a_load_that_failed_never_says_it_is_done(tmp_path) -> None:
    """A fault in a piece (the database gone): every later step raises too, no half directory."""
    import sqlite3

    from fkstod.core.schema import MIGRATION_SETS
    from fkstod.core.store import open_store

    db = open_store(tmp_path / "fkstod.db", MIGRATION_SETS).db
    loader = Directory.in_slices(db)
    assert loader.step(0) is False  # the shipped lines; the local rows are next
    db.close()
    for _ in range(3):  # the fault, then a timer's next tries
        with pytest.raises(sqlite3.Error):
            loader.step(0)
        assert not loader.done
    with pytest.raises(sqlite3.Error):
        loader.finish()
    with pytest.raises(RuntimeError):
        loader.directory  # noqa: B018
