"""Schema migrations in plain SQL, recorded the way sqlite-utils records them.

A ``MigrationSet`` collects one function per step, like sqlite-utils'
``Migrations``; each step gets the ``sqlite3.Connection`` and runs SQL.
``apply_pending`` runs what is pending of every set in one transaction and
records each step in sqlite-utils' own table (``_sqlite_migrations``, same
columns, same unique index), so that a database stays readable by
sqlite-utils' tools and by versions of fkstod that applied steps through it.

Not through sqlite-utils itself: importing it costs about 100 ms (it loads
click, dateutil and its plugin manager), and a first start (a new data folder)
runs every step before the first frame. A step that needs sqlite-utils' table
operations may import it itself; an upgrade is rare, a first start is not.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

#: The table sqlite-utils records applied migrations in.
MIGRATIONS_TABLE = "_sqlite_migrations"
#: What sqlite-utils' ``Migrations.ensure_migrations_table`` creates, to the letter.
_CREATE_MIGRATIONS_TABLE = (
    f'CREATE TABLE "{MIGRATIONS_TABLE}" (\n'
    '   "id" INTEGER PRIMARY KEY,\n'
    '   "migration_set" TEXT,\n'
    '   "name" TEXT,\n'
    '   "applied_at" TEXT\n'
    ")"
)
_CREATE_MIGRATIONS_INDEX = (
    f'CREATE UNIQUE INDEX "idx_{MIGRATIONS_TABLE}_migration_set_name"\n'
    f'    ON "{MIGRATIONS_TABLE}" ("migration_set", "name")'
)

Step = Callable[[sqlite3.Connection], None]


class MigrationSet:
    """A named, ordered set of migration steps (one function per step)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: list[Step] = []
        #: The tables the steps create, each with the columns the code reads;
        #: checked at every open.
        self.tables: dict[str, tuple[str, ...]] = {}
        #: Per table, the JSON columns and the JSON type each must hold
        #: ("array", "object"); checked at every open.
        self.json_columns: dict[str, dict[str, str]] = {}

    def declare_table(self, table: str, columns: Sequence[str], **json_columns: str) -> None:
        """Declare a table the steps create, its columns, and the JSON type of its JSON columns."""
        unknown = set(json_columns) - set(columns)
        if unknown:
            raise ValueError(f"{self.name}.{table}: JSON columns not declared: {sorted(unknown)}")
        self.tables[table] = tuple(columns)
        self.json_columns[table] = dict(json_columns)

    def __call__(self) -> Callable[[Step], Step]:
        """Register the decorated function as the next step."""

        def register(fn: Step) -> Step:
            if any(s.__name__ == fn.__name__ for s in self.steps):
                raise ValueError(f"{self.name}: step {fn.__name__} registered twice")
            self.steps.append(fn)
            return fn

        return register

    def step_names(self) -> list[str]:
        """Return the names of the steps, in order."""
        return [s.__name__ for s in self.steps]

    def pending(self, conn: sqlite3.Connection) -> list[Step]:
        """Return the steps not applied yet, in order."""
        done = set(applied_steps(conn, self.name))
        return [s for s in self.steps if s.__name__ not in done]


def apply_pending(conn: sqlite3.Connection, migration_sets: Sequence[MigrationSet]) -> int:
    """Apply every pending step of ``migration_sets``, all in one transaction.

    All or nothing: a step that fails rolls back every step of this call, and
    the database is as it was (a first start leaves an empty file, an upgrade
    the old schema). Returns how many steps ran.

    Raises:
        sqlite3.Error: from SQLite, after the rollback.
    """
    pending = [(m, m.pending(conn)) for m in migration_sets]
    if not any(steps for _m, steps in pending):
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
        ).fetchone()
        if not exists:
            conn.execute(_CREATE_MIGRATIONS_TABLE)
            conn.execute(_CREATE_MIGRATIONS_INDEX)
        ran = 0
        for migration_set, steps in pending:
            for step in steps:
                step(conn)
                conn.execute(
                    f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) "
                    "VALUES (?, ?, ?)",
                    [migration_set.name, step.__name__, str(datetime.now(UTC))],
                )
                ran += 1
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return ran


def applied_steps(conn: sqlite3.Connection, name: str) -> list[str]:
    """Return the names of the steps of set ``name`` already applied, with plain SQL."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [name]
    )
    return [r[0] for r in rows]
