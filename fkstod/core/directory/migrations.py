"""The directory's table of local entries, as migration steps.

Kept apart from the service so that opening the database at start does not load
the whole directory package (search index, CSV and HSDS readers).
"""

from __future__ import annotations

import sqlite3

from fkstod.core.migrate import MigrationSet

TABLE = "directory_entries"

migrations = MigrationSet("directory")


@migrations()
def create_directory_entries(conn: sqlite3.Connection) -> None:
    """Create the table of local entries: one row per service, lists as JSON."""
    from fkstod.core.directory.validate import FIELD_NAMES

    columns = [
        '"id" TEXT PRIMARY KEY NOT NULL',
        '"organisation" TEXT NOT NULL',
        *(f'"{name}" TEXT' for name in FIELD_NAMES if name not in ("id", "organisation")),
    ]
    conn.execute(f'CREATE TABLE "{TABLE}" (\n   ' + ",\n   ".join(columns) + "\n)")


@migrations()
def index_directory_by_category(conn: sqlite3.Connection) -> None:
    """Index the local entries by category and kommuner.

    The kommun's social services (an orosanmälan's addressee) are then found in the
    database in milliseconds while the directory is still read in slices after a
    start, instead of waiting for all of it (``service.socialtjanst_in_store``).
    """
    conn.execute(f'CREATE INDEX "{TABLE}_kategori" ON "{TABLE}" ("kategori", "kommuner")')
