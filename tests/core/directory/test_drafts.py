"""The entry editor's draft in the database: kept, replaced, removed, read back or refused.

A crash, ``kill -9`` or a power cut used to lose everything typed into Ny post or
Ändra; the draft is what survives it. These tests hold the store's side.
"""

from __future__ import annotations

import sqlite3

import pytest

from fkstod.core.directory import Directory
from fkstod.core.directory.drafts import (
    DRAFT_FIELDS,
    Draft,
    EntryDrafts,
    UnreadableDraft,
    resume,
)
from fkstod.core.directory.migrations import DRAFTS_TABLE
from fkstod.core.directory.validate import entry_to_fields
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import open_store

EMPTY = dict.fromkeys(DRAFT_FIELDS, "")
#: Enough for a save to go through.
VALID = {"telefon": "018-12 34 56", "senast_verifierad": "2026-11-01", "kategori": "annat"}


def typed(**fields: str) -> dict[str, str]:
    return {**EMPTY, **fields}


def rows(db) -> list[tuple]:
    return db.execute(f'SELECT * FROM "{DRAFTS_TABLE}"').fetchall()


def test_a_draft_is_kept_and_read_back(memory_db):
    drafts = EntryDrafts(memory_db)
    assert drafts.read() is None
    draft = Draft("", EMPTY, typed(organisation="Kvinnojouren Åsa", telefon="018-12 34 56"))
    drafts.keep(draft)
    assert drafts.read() == draft


def test_a_newer_draft_takes_the_place_of_the_last(memory_db):
    drafts = EntryDrafts(memory_db)
    drafts.keep(Draft("", EMPTY, typed(organisation="Kvinno")))
    drafts.keep(Draft("", EMPTY, typed(organisation="Kvinnojouren")))
    assert len(rows(memory_db)) == 1
    assert drafts.read().fields["organisation"] == "Kvinnojouren"


def test_a_removed_draft_is_gone_and_removing_none_is_no_fault(memory_db):
    drafts = EntryDrafts(memory_db)
    drafts.remove()
    drafts.keep(Draft("", EMPTY, typed(organisation="X")))
    drafts.remove()
    assert drafts.read() is None and rows(memory_db) == []


def test_the_draft_row_holds_the_fields_and_no_time(memory_db):
    EntryDrafts(memory_db).keep(Draft("lokal-1", EMPTY, typed(organisation="X")))
    columns = [r[1] for r in memory_db.execute(f'PRAGMA table_info("{DRAFTS_TABLE}")')]
    assert columns == ["editor", "entry_id", "opened", "fields"]


def test_a_draft_is_committed_to_the_disk_not_only_to_the_log(data_folder):
    # synchronous = NORMAL (the connection's) survives kill -9, not a power cut:
    # the draft's commit waits for the disk, and the connection is NORMAL again after.
    db = open_store(data_folder / "fkstod.sqlite3", MIGRATION_SETS).db
    try:
        seen: list[str] = []
        db.conn.set_trace_callback(seen.append)
        EntryDrafts(db).keep(Draft("", EMPTY, typed(organisation="X")))
        db.conn.set_trace_callback(None)
        assert seen.index("PRAGMA synchronous = FULL") < seen.index("COMMIT")
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    finally:
        db.close()


def test_the_directory_never_shows_a_draft(memory_db):
    directory = Directory(memory_db)
    before = len(directory.entries())
    directory.drafts.keep(Draft("", EMPTY, typed(organisation="Utkastjouren")))
    again = Directory(memory_db)
    assert len(again.entries()) == before
    assert not again.search("Utkastjouren").entries


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("fields", "{inte json"),
        ("fields", "[1, 2]"),
        ("fields", '{"organisation": 5}'),
        ("opened", "null"),
        ("entry_id", b"\x00\x01"),
    ],
)
def test_an_unreadable_draft_is_removed_and_nothing_else(data_folder, column, value):
    path = data_folder / "fkstod.sqlite3"
    db = open_store(path, MIGRATION_SETS).db
    directory = Directory(db)
    saved = directory.save(typed(organisation="Stödcentrum Test", **VALID))
    directory.drafts.keep(Draft("", EMPTY, typed(organisation="Halv")))
    db.close()
    conn = sqlite3.connect(path)
    conn.execute(f'UPDATE "{DRAFTS_TABLE}" SET {column} = ?', [value])
    conn.commit()
    conn.close()
    opened = open_store(path, MIGRATION_SETS)  # one bad draft is no reason for quarantine
    assert opened.notice is None and opened.quarantined is None
    drafts = EntryDrafts(opened.db)
    with pytest.raises(UnreadableDraft) as raised:
        drafts.read()
    assert "kunde inte läsas" in str(raised.value) and "Inget annat" in str(raised.value)
    assert rows(opened.db) == []
    assert drafts.read() is None
    assert Directory(opened.db).get(saved.id) == saved
    opened.db.close()


def test_a_field_this_version_does_not_have_is_left_out_not_a_fault(memory_db):
    memory_db.execute(
        f'INSERT INTO "{DRAFTS_TABLE}" VALUES (?, ?, ?, ?)',
        ["entry", "", "{}", '{"organisation": "X", "ny_kolumn": "Y"}'],
    )
    draft = EntryDrafts(memory_db).read()
    assert draft is not None and draft.fields == {"organisation": "X"}


def test_a_database_of_the_version_before_drafts_gets_them_and_keeps_its_entries(data_folder):
    from fkstod.core.migrate import MigrationSet, applied_steps

    path = data_folder / "fkstod.sqlite3"
    earlier = []
    for migration_set in MIGRATION_SETS:
        before = MigrationSet(migration_set.name)
        before.steps = [s for s in migration_set.steps if s.__name__ != "create_directory_drafts"]
        earlier.append(before)
    conn = sqlite3.connect(path, isolation_level=None)
    from fkstod.core.migrate import apply_pending

    apply_pending(conn, earlier)
    conn.execute(
        "INSERT INTO directory_entries (id, organisation, telefon) VALUES ('lokal-1', 'A', '1')"
    )
    conn.close()
    opened = open_store(path, MIGRATION_SETS)
    assert opened.notice is None
    assert "create_directory_drafts" in applied_steps(opened.db.conn, "directory")
    assert Directory(opened.db).get("lokal-1").organisation == "A"
    assert EntryDrafts(opened.db).read() is None
    opened.db.close()


# -- going on with a draft -----------------------------------------------------------


def test_a_new_entrys_draft_goes_on_as_typed():
    done = resume(Draft("", EMPTY, typed(organisation="Jouren")), None)
    assert done is not None
    assert done.entry_id == "" and done.values["organisation"] == "Jouren" and not done.notice


def test_a_draft_with_nothing_typed_is_nothing_to_go_on_with():
    assert resume(Draft("", EMPTY, EMPTY), None) is None
    opened = typed(organisation="Jouren", sprak="svenska, arabiska")
    # The same, in the editor's order: nothing typed.
    assert (
        resume(Draft("lokal-1", opened, {**opened, "sprak": "arabiska, svenska"}), opened) is None
    )


def test_a_change_of_an_entry_that_is_gone_goes_on_as_a_new_entry():
    opened = typed(organisation="Jouren", telefon="018-1")
    done = resume(Draft("lokal-1", opened, {**opened, "telefon": "018-2"}), None)
    assert done is not None and done.entry_id == ""
    assert done.values["telefon"] == "018-2" and done.values["organisation"] == "Jouren"
    assert "finns inte längre" in done.notice and "ny post" in done.notice


def test_a_change_of_an_unchanged_entry_goes_on_as_that_entry():
    opened = typed(organisation="Jouren", telefon="018-1")
    done = resume(Draft("lokal-1", opened, {**opened, "telefon": "018-2"}), opened)
    assert done is not None
    assert (done.entry_id, done.values["telefon"], done.notice) == ("lokal-1", "018-2", "")


def test_an_entry_changed_since_keeps_both_changes_and_names_the_fields_both_changed():
    opened = typed(organisation="Jouren", telefon="018-1", webb="a.se", adress="Gatan 1")
    draft = Draft("lokal-1", opened, {**opened, "telefon": "018-2", "adress": "Gatan 2"})
    now = {**opened, "webb": "b.se", "adress": "Vägen 3"}  # an import changed two fields
    done = resume(draft, now)
    assert done is not None and done.entry_id == "lokal-1"
    assert done.values["telefon"] == "018-2"  # the caseworker's change
    assert done.values["webb"] == "b.se"  # the import's, not touched in the draft
    assert done.values["adress"] == "Gatan 2"  # both: the caseworker's, named
    assert done.review == ("adress",)
    assert "ändrats sedan" in done.notice and "Adress i posten nu: Vägen 3" in done.notice


def test_a_draft_the_entry_already_holds_is_nothing_to_go_on_with():
    # The save went through and the removal of its draft did not (a crash between).
    opened = typed(organisation="Jouren", telefon="018-1")
    draft = Draft("lokal-1", opened, {**opened, "telefon": "018-2"})
    assert resume(draft, {**opened, "telefon": "018-2"}) is None


def test_a_stored_entry_reads_as_the_editor_compares_it(memory_db):
    directory = Directory(memory_db)
    saved = directory.save(typed(organisation="Jouren", sprak="svenska, arabiska", **VALID))
    fields = entry_to_fields(saved)
    assert set(DRAFT_FIELDS) <= set(fields)
