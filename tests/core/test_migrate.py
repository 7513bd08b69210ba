"""Migrations run in plain SQL, all or nothing, and write what sqlite-utils wrote before."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from fkstod.core.directory.validate import FIELD_NAMES
from fkstod.core.migrate import MIGRATIONS_TABLE, MigrationSet, applied_steps, apply_pending
from fkstod.core.schema import MIGRATION_SETS
from tests.conftest import REPO


@pytest.fixture
def conn():
    """A new in-memory database, closed after the test (Python 3.13 warns of one left open)."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    yield connection
    connection.close()


def schema(conn: sqlite3.Connection) -> dict[str, str]:
    return {
        name: sql
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    }


def sqlite_utils_schema() -> dict[str, str]:
    """What the steps created when they ran through sqlite-utils (every database until now)."""
    db = Database(memory=True)
    Migrations("x").ensure_migrations_table(db)
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["usage_counts"].create(
        {"month": str, "metric": str, "labels": str, "count": int},
        pk=("month", "metric", "labels"),
        not_null={"month", "metric", "labels", "count"},
    )
    db["usage_exported_months"].create(
        {"month": str, "times": int}, pk="month", not_null={"month", "times"}
    )
    db["directory_entries"].create(
        {name: str for name in FIELD_NAMES}, pk="id", not_null={"id", "organisation"}
    )
    made = schema(db.conn)
    db.close()
    return made


#: What the steps added since create, beside what sqlite-utils created.
LATER_STEPS = {
    "usage_month_ids": (
        'CREATE TABLE "usage_month_ids" (\n'
        '   "month" TEXT PRIMARY KEY NOT NULL,\n'
        '   "id" TEXT NOT NULL\n'
        ")"
    ),
    "usage_months_sent_running": (
        'CREATE TABLE "usage_months_sent_running" (\n   "month" TEXT PRIMARY KEY NOT NULL\n)'
    ),
    "directory_entries_kategori": (
        'CREATE INDEX "directory_entries_kategori" ON "directory_entries" ("kategori", "kommuner")'
    ),
    "directory_drafts": (
        'CREATE TABLE "directory_drafts" (\n'
        '   "editor" TEXT PRIMARY KEY NOT NULL,\n'
        '   "entry_id" TEXT NOT NULL,\n'
        '   "opened" TEXT NOT NULL,\n'
        '   "fields" TEXT NOT NULL\n'
        ")"
    ),
}


def test_a_new_database_has_the_schema_sqlite_utils_gave_every_earlier_one(conn):
    assert apply_pending(conn, MIGRATION_SETS) == sum(len(m.steps) for m in MIGRATION_SETS)
    assert schema(conn) == {**sqlite_utils_schema(), **LATER_STEPS}


def test_sqlite_utils_reads_the_steps_recorded_and_finds_nothing_pending(conn):
    apply_pending(conn, MIGRATION_SETS)
    db = Database(conn)
    for migration_set in MIGRATION_SETS:
        theirs = Migrations(migration_set.name)
        for step in migration_set.steps:
            theirs(name=step.__name__)(step)
        assert [m.name for m in theirs.applied(db)] == migration_set.step_names()
        assert theirs.pending(db) == []
    assert db[MIGRATIONS_TABLE].pks == ["id"]  # sqlite-utils would not transform it


def test_steps_recorded_by_sqlite_utils_are_not_run_again():
    db = Database(memory=True)
    theirs = Migrations("settings")
    theirs(name="create_settings")(lambda d: d["settings"].create({"key": str}, pk="key"))
    theirs.apply(db)
    assert apply_pending(db.conn, MIGRATION_SETS[:1]) == 0
    assert applied_steps(db.conn, "settings") == ["create_settings"]
    db.close()


def test_a_step_that_fails_leaves_the_database_as_it_was(conn):
    broken = MigrationSet("broken")

    @broken()
    def first(c):
        c.execute("CREATE TABLE a (x INTEGER)")

    @broken()
    def second(c):
        c.execute("CREATE TABLE a (x INTEGER)")  # already there: fails

    with pytest.raises(sqlite3.OperationalError):
        apply_pending(conn, (*MIGRATION_SETS, broken))
    assert schema(conn) == {}  # not one step of any set, nor the record table
    assert not conn.in_transaction
    assert apply_pending(conn, MIGRATION_SETS) == sum(len(m.steps) for m in MIGRATION_SETS)


def test_a_first_start_does_not_load_sqlite_utils(tmp_path):
    code = (
        "import sys; from pathlib import Path\n"
        "from fkstod.core.schema import MIGRATION_SETS\n"
        "from fkstod.core.store import open_store\n"
        "open_store(Path(sys.argv[1]) / 'fkstod.sqlite3', MIGRATION_SETS).db.close()\n"
        "print(sorted(m for m in sys.modules if m.startswith('sqlite_utils')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "fkstod.sqlite3").is_file()
