"""Schema migrations, declared without loading sqlite-utils until one must run.

A ``MigrationSet`` collects one function per step, like sqlite-utils'
``Migrations``, and hands them to ``sqlite_utils.migrations.Migrations`` only
when a step is pending (first start, upgrade). Importing sqlite-utils costs
about 90 ms (it loads click, dateutil and its plugin manager); a start with an
up-to-date schema checks the applied steps with plain SQL and skips that cost.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

#: The table sqlite-utils records applied migrations in.
MIGRATIONS_TABLE = "_sqlite_migrations"

Step = Callable[["Database"], None]


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

    def to_sqlite_utils(self) -> Migrations:
        """Return the equivalent sqlite-utils ``Migrations`` (imports sqlite-utils)."""
        from sqlite_utils.migrations import Migrations

        migrations = Migrations(self.name)
        for step in self.steps:
            migrations(name=step.__name__)(step)
        return migrations


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
