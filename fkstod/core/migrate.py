"""Schema migrations in plain SQL, recorded the way sqlite-utils records them.

A ``MigrationSet`` collects one function per step, like sqlite-utils'
``Migrations``; each step gets the ``sqlite3.Connection`` and runs SQL.
``apply_pending`` runs what is pending of every set in one transaction and
records each step in sqlite-utils' own table (``_sqlite_migrations``, same
columns, same unique index), so that a database stays readable by
sqlite-utils' tools and by versions of fkstod that applied steps through it.

A step whose work is already in the file is recorded, not run: a history that lost
rows (emptied, a row gone, a copy restored by another tool) would otherwise run a
step again at start, fail ("table already exists") and keep fkstod from starting.
What a step does is seen by running every step on an empty database in memory
(``step_works``); only when a file has steps pending and tables of its own.

Not through sqlite-utils itself: importing it costs about 100 ms (it loads
click, dateutil and its plugin manager), and a first start (a new data folder)
runs every step before the first frame. A step that needs sqlite-utils' table
operations may import it itself; an upgrade is rare, a first start is not.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    the old schema). A pending step whose work the file already holds
    (``StepWork.found_in``) is recorded without being run. Returns how many
    steps ran or were recorded.

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
        # A new file holds nothing a step could have made: nothing to look for.
        works = known_works(migration_sets) if _objects(conn) else {}
        ran = 0
        for migration_set, steps in pending:
            for step in steps:
                work = works.get((migration_set.name, step.__name__))
                if work is None or not work.found_in(conn):
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


@dataclass(frozen=True)
class StepWork:
    """What one step changes in the schema, as it did on an empty database in memory.

    Objects are (type, name): tables, indexes, views, triggers. Columns are
    (table, column) of a table that existed before the step: the columns of a table
    the step creates may follow the model (``create_directory_entries``) and name
    more than an older version's file got from it.
    """

    created: frozenset[tuple[str, str]]
    dropped: frozenset[tuple[str, str]]
    added_columns: frozenset[tuple[str, str]]
    removed_columns: frozenset[tuple[str, str]]

    def found_in(self, conn: sqlite3.Connection) -> bool:
        """Return True when ``conn`` already holds all of this step's work.

        A step that changes no schema (rows only, or nothing on a new file) cannot
        be told from the schema: False, and it runs again. Write such a step so
        that running it twice does no harm.
        """
        if not (self.created or self.dropped or self.added_columns or self.removed_columns):
            return False
        objects = _objects(conn)
        if not self.created <= objects or self.dropped & objects:
            return False
        columns = _columns(conn, {t for t, _c in self.added_columns | self.removed_columns})
        present = {(t, c) for t, names in columns.items() for c in names}
        return self.added_columns <= present and not self.removed_columns & present


def step_works(migration_sets: Sequence[MigrationSet]) -> dict[tuple[str, str], StepWork]:
    """Return each step's work by (set, step), every step run in order in memory.

    The work that lasts: what a later step undoes (a table it drops, a column it
    removes, a table it makes again) is not part of the earlier step's, since a
    file with the later step applied no longer holds it. A few milliseconds; only
    at a start that has steps to apply (or to check).
    """
    made: list[tuple[tuple[str, str], StepWork]] = []
    reference = sqlite3.connect(":memory:", isolation_level=None)
    try:
        objects = _objects(reference)
        columns = _columns(reference, _tables(objects))
        for migration_set in migration_sets:
            for step in migration_set.steps:
                step(reference)
                after = _objects(reference)
                after_columns = _columns(reference, _tables(after))
                kept = _tables(objects) & _tables(after)
                work = StepWork(
                    created=frozenset(after - objects),
                    dropped=frozenset(objects - after),
                    added_columns=frozenset(
                        (t, c) for t in kept for c in after_columns[t] - columns[t]
                    ),
                    removed_columns=frozenset(
                        (t, c) for t in kept for c in columns[t] - after_columns[t]
                    ),
                )
                made.append(((migration_set.name, step.__name__), work))
                objects, columns = after, after_columns
    finally:
        reference.close()
    works: dict[tuple[str, str], StepWork] = {}
    undone = StepWork(frozenset(), frozenset(), frozenset(), frozenset())  # by later steps
    for key, work in reversed(made):
        gone = {name for kind, name in undone.dropped if kind == "table"}
        works[key] = StepWork(
            created=work.created - undone.dropped,
            dropped=work.dropped - undone.created,
            added_columns=frozenset(
                (t, c) for t, c in work.added_columns - undone.removed_columns if t not in gone
            ),
            removed_columns=work.removed_columns - undone.added_columns,
        )
        undone = StepWork(
            created=undone.created | work.created,
            dropped=undone.dropped | work.dropped,
            added_columns=undone.added_columns | work.added_columns,
            removed_columns=undone.removed_columns | work.removed_columns,
        )
    return works


def known_works(migration_sets: Sequence[MigrationSet]) -> dict[tuple[str, str], StepWork]:
    """Return ``step_works``, or nothing when a step cannot run on an empty database.

    Then no step's work is known: every pending step runs, and no table is looked for.
    """
    try:
        return step_works(migration_sets)
    except sqlite3.Error:
        return {}


def _objects(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """Return the (type, name) of every table, index, view and trigger but the history's own."""
    own = (MIGRATIONS_TABLE, f"idx_{MIGRATIONS_TABLE}_migration_set_name")
    return {
        (kind, name)
        for kind, name in conn.execute("SELECT type, name FROM sqlite_master")
        if name not in own and not name.startswith("sqlite_")
    }


def _tables(objects: set[tuple[str, str]]) -> set[str]:
    return {name for kind, name in objects if kind == "table"}


def _columns(conn: sqlite3.Connection, tables: set[str]) -> dict[str, set[str]]:
    return {t: {r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')} for t in tables}


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
