"""A migration history that lost rows (emptied, a row gone, a copy from another tool).

A step whose work is already in the file is recorded, not run again: running it would
fail ("table already exists") and fkstod would not start. Every step of every set is
covered, from ``schema.MIGRATION_SETS``: a new step is tested without a new line here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fkstod.core.migrate import MIGRATIONS_TABLE, MigrationSet, applied_steps
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import ForeignDatabaseError, open_store

#: A value of each JSON type the declared JSON columns hold.
_JSON = {"array": '["x"]', "object": '{"x": "y"}'}

STEPS = [(m.name, step.__name__) for m in MIGRATION_SETS for step in m.steps]


def db_file(folder: Path) -> Path:
    return folder / "fkstod.sqlite3"


def a_database_with_a_row_in_every_table(folder: Path) -> dict[str, list[tuple]]:
    """Open a new database, put one row in every declared table; return every table's rows."""
    opened = open_store(db_file(folder), MIGRATION_SETS)
    with opened.db.transaction() as conn:
        for migration_set in MIGRATION_SETS:
            for table, columns in migration_set.tables.items():
                json_columns = migration_set.json_columns[table]
                values = [_JSON.get(json_columns.get(c, ""), f"{table}.{c}") for c in columns]
                conn.execute(
                    f'INSERT INTO "{table}" ({", ".join(columns)}) '
                    f"VALUES ({', '.join('?' * len(columns))})",
                    values,
                )
    rows = every_row(opened.db.conn)
    opened.db.close()
    return rows


def every_row(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    tables = [m.tables for m in MIGRATION_SETS]
    return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall()) for ts in tables for t in ts}


def lose_history(folder: Path, where: str = "1", parameters: tuple = ()) -> None:
    conn = sqlite3.connect(db_file(folder))
    conn.execute(f"DELETE FROM {MIGRATIONS_TABLE} WHERE {where}", parameters)
    conn.commit()
    conn.close()


def assert_opens_as_it_was(folder: Path, rows: dict[str, list[tuple]]) -> None:
    opened = open_store(db_file(folder), MIGRATION_SETS)
    try:
        assert opened.notice is None
        assert opened.quarantined is None
        assert every_row(opened.db.conn) == rows
        for migration_set in MIGRATION_SETS:  # the history is whole again
            applied = applied_steps(opened.db.conn, migration_set.name)
            assert sorted(applied) == sorted(migration_set.step_names())
    finally:
        opened.db.close()
    assert not (folder / "quarantine").exists()


@pytest.mark.parametrize(("set_name", "step_name"), STEPS, ids=[f"{s}-{n}" for s, n in STEPS])
def test_a_step_whose_history_row_is_lost_is_recorded_not_run(data_folder, set_name, step_name):
    rows = a_database_with_a_row_in_every_table(data_folder)
    lose_history(data_folder, "migration_set = ? AND name = ?", (set_name, step_name))
    assert_opens_as_it_was(data_folder, rows)


def test_an_emptied_history_keeps_every_row(data_folder):
    rows = a_database_with_a_row_in_every_table(data_folder)
    lose_history(data_folder)
    assert_opens_as_it_was(data_folder, rows)


def test_a_history_table_gone_from_a_marked_file_keeps_every_row(data_folder):
    rows = a_database_with_a_row_in_every_table(data_folder)
    conn = sqlite3.connect(db_file(data_folder))
    conn.execute(f"DROP TABLE {MIGRATIONS_TABLE}")  # the file still carries fkstod's mark
    conn.commit()
    conn.close()
    assert_opens_as_it_was(data_folder, rows)


def notes_steps(*, drop: bool = False) -> MigrationSet:
    """A set whose steps change a table's columns and drop a table: kinds of work no
    shipped step does yet."""
    notes = MigrationSet("notes")

    @notes()
    def create_notes(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE notes (namn TEXT)")
        conn.execute("CREATE TABLE notes_old (namn TEXT)")

    @notes()
    def add_farg(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE notes ADD COLUMN farg TEXT")

    @notes()
    def drop_notes_old(conn: sqlite3.Connection) -> None:
        conn.execute("DROP TABLE notes_old")

    notes.declare_table("notes", ("namn", "farg"))
    return notes


@pytest.mark.parametrize("step_name", ["create_notes", "add_farg", "drop_notes_old"])
def test_a_lost_step_that_adds_a_column_or_drops_a_table_is_recorded_not_run(
    data_folder, step_name
):
    notes = notes_steps()
    opened = open_store(db_file(data_folder), [*MIGRATION_SETS, notes])
    with opened.db.transaction() as conn:
        conn.execute("INSERT INTO notes (namn, farg) VALUES ('kvar', 'blå')")
    opened.db.close()
    lose_history(data_folder, "migration_set = 'notes' AND name = ?", (step_name,))
    opened = open_store(db_file(data_folder), [*MIGRATION_SETS, notes])
    assert opened.notice is None
    assert opened.db.execute("SELECT namn, farg FROM notes").fetchall() == [("kvar", "blå")]
    assert sorted(applied_steps(opened.db.conn, "notes")) == sorted(notes.step_names())
    opened.db.close()


def test_a_lost_step_whose_work_is_gone_too_is_run_again(data_folder):
    rows = a_database_with_a_row_in_every_table(data_folder)
    conn = sqlite3.connect(db_file(data_folder))
    conn.execute('DROP INDEX "directory_entries_kategori"')
    conn.commit()
    conn.close()
    lose_history(data_folder, "name = 'index_directory_by_category'")
    assert_opens_as_it_was(data_folder, rows)
    conn = sqlite3.connect(db_file(data_folder))
    index = "SELECT 1 FROM sqlite_master WHERE name = 'directory_entries_kategori'"
    assert conn.execute(index).fetchone() is not None
    conn.close()


def test_a_lost_step_that_changes_rows_only_is_run_again(data_folder):
    # Its work cannot be told from the schema: it runs again (and must bear it).
    notes = notes_steps()

    @notes()
    def fill_notes(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO notes (namn) VALUES ('ifylld')")

    open_store(db_file(data_folder), [*MIGRATION_SETS, notes]).db.close()
    lose_history(data_folder, "name = 'fill_notes'")
    opened = open_store(db_file(data_folder), [*MIGRATION_SETS, notes])
    assert opened.db.execute("SELECT count(*) FROM notes").fetchone() == (2,)
    opened.db.close()


@pytest.mark.parametrize("history", ["emptied", "gone"])
def test_an_unmarked_file_that_lost_its_history_is_ours_by_its_tables(data_folder, history):
    # A copy through another tool keeps neither fkstod's mark nor, say, the history.
    rows = a_database_with_a_row_in_every_table(data_folder)
    conn = sqlite3.connect(db_file(data_folder))
    conn.execute("PRAGMA application_id = 0")
    conn.execute(
        f"DELETE FROM {MIGRATIONS_TABLE}"
        if history == "emptied"
        else f"DROP TABLE {MIGRATIONS_TABLE}"
    )
    conn.commit()
    conn.close()
    assert_opens_as_it_was(data_folder, rows)


def test_an_unmarked_file_with_only_some_of_our_tables_is_still_another_programs(data_folder):
    a_database_with_a_row_in_every_table(data_folder)
    conn = sqlite3.connect(db_file(data_folder))
    conn.execute("PRAGMA application_id = 0")
    conn.execute(f"DROP TABLE {MIGRATIONS_TABLE}")
    conn.execute("DROP TABLE usage_month_ids")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = db_file(data_folder).read_bytes()
    with pytest.raises(ForeignDatabaseError):
        open_store(db_file(data_folder), MIGRATION_SETS)
    assert db_file(data_folder).read_bytes() == before


def test_a_step_that_cannot_run_on_an_empty_database_still_runs_on_the_file(data_folder):
    # A step may need what only a real file holds (a table of an earlier version's own
    # making): the steps' work is not known then, and the pending steps run as before.
    legacy = MigrationSet("legacy")

    @legacy()
    def mark_legacy(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE legacy_notes SET seen = 1")

    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    opened.db.execute("CREATE TABLE legacy_notes (seen INTEGER)")
    opened.db.execute("INSERT INTO legacy_notes VALUES (0)")
    opened.db.close()
    opened = open_store(db_file(data_folder), [*MIGRATION_SETS, legacy])
    assert opened.notice is None
    assert opened.db.execute("SELECT seen FROM legacy_notes").fetchall() == [(1,)]
    opened.db.close()
