"""An edit is taken in without reading the directory back, and ends where a fresh read would.

The editor's save and remove update the local entries (kept in id order) and the
table of duplicate keys in place; these tests compare the result, after any
sequence of edits, with a directory read afresh from the database.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fkstod.core.directory import Directory, service
from fkstod.core.directory.validate import entry_to_fields
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import open_memory

BASE = {
    "tjanst": "Stödsamtal",
    "kategori": "kvinnor",
    "senast_verifierad": "2026-10-01",
    "kommuner": "1286",
}

#: (what, which): add a new entry named which, change the which-th, remove the which-th,
#: or take which slices of the table of numbers the editor makes while it is open.
EDITS = st.lists(
    st.tuples(st.sampled_from(["add", "change", "remove", "prepare"]), st.integers(0, 30)),
    max_size=25,
)


def _values(name: int, phone: int) -> dict[str, str]:
    return {**BASE, "organisation": f"Jouren {name}", "telefon": f"0411-{phone:05d}"}


@settings(max_examples=40, deadline=None)
@given(EDITS)
def test_after_any_edits_the_directory_is_what_a_fresh_read_gives(edits):
    db = open_memory(MIGRATION_SETS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(service, "DUPLICATES_PIECE", 2)  # tables half made between edits
        _edit_and_compare(db, edits)


def _edit_and_compare(db, edits):
    try:
        directory = Directory(db)
        for what, which in edits:
            local = directory.local_entries()
            if what == "add":
                directory.save(_values(which, which), index_now=False)
            elif what == "change" and local:
                entry = local[which % len(local)]
                values = {k: v for k, v in entry_to_fields(entry).items() if k != "id"}
                values["telefon"] = f"0411-{(which * 7) % 31:05d}"  # may hit another's key
                directory.save(values, entry.id, index_now=which % 2 == 0)
            elif what == "remove" and local:
                directory.remove(local[which % len(local)].id, index_now=False)
            elif what == "prepare":
                for _ in range(which % 4):
                    directory.duplicates_step(0)
        fresh = Directory(db)
        assert directory.local_entries() == fresh.local_entries()  # same entries, same order
        for query in ("", "jouren", "0411"):
            assert directory.search(query).entries == fresh.search(query).entries
        # A duplicate is refused exactly when a fresh directory refuses it.
        for name in range(31):
            ours, theirs = (
                directory.validate(_values(name, name)),
                fresh.validate(_values(name, name)),
            )
            assert isinstance(ours, list) == isinstance(theirs, list)
    finally:
        db.close()


def test_a_save_reads_nothing_back_and_an_edit_leaves_the_rebuild_to_its_slices(
    memory_db, monkeypatch
):
    directory = Directory(memory_db)
    monkeypatch.setattr(
        Directory, "_read_local", lambda self: (_ for _ in ()).throw(AssertionError("read back"))
    )
    first = directory.save(_values(1, 1), index_now=False)
    assert not isinstance(first, list) and directory.reindexing
    second = directory.save(_values(2, 2), index_now=False)  # validated while rebuilding
    assert not isinstance(second, list)
    assert isinstance(directory.validate(_values(1, 1)), list)  # a duplicate of the first
    assert directory.reindexing  # nothing above finished the rebuild at once
    directory.remove(first.id, index_now=False)
    assert [e.id for e in directory.local_entries()] == [second.id]


def test_an_entry_saved_while_the_table_of_numbers_is_half_made_is_found_in_it(memory_db):
    directory = Directory(memory_db)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(service, "DUPLICATES_PIECE", 2)
        assert not directory.duplicates_step(0)  # the editor's first slice: half made
        saved = directory.save(_values(7, 7), index_now=False)
        assert not isinstance(saved, list)
        while not directory.duplicates_step(0):
            pass
        assert isinstance(directory.validate(_values(7, 7)), list)  # its duplicate is refused


def test_an_entry_removed_while_the_table_of_numbers_is_half_made_is_not_in_it(memory_db):
    directory = Directory(memory_db)
    first = directory.save(_values(7, 7), index_now=False)
    directory._reload(index_now=False)  # as after a restart: no table made yet
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(service, "DUPLICATES_PIECE", 2)
        assert not directory.duplicates_step(0)  # the editor's first slice: half made
        directory.remove(first.id, index_now=False)
        while not directory.duplicates_step(0):
            pass
        assert not isinstance(directory.validate(_values(7, 7)), list)  # gone: no duplicate
