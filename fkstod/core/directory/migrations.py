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


#: The entry editor's unsaved work (``drafts.py``): one row per editor.
DRAFTS_TABLE = "directory_drafts"


@migrations()
def create_directory_drafts(conn: sqlite3.Connection) -> None:
    """Create the table of the entry editor's drafts: what was typed and not yet saved.

    ``fields`` and ``opened`` are JSON objects (field name to text), read back by
    ``drafts.EntryDrafts``, which removes a row it cannot read: they are not declared
    as JSON columns (``schema.py``), so that one bad draft never sends the whole
    database to quarantine.
    """
    conn.execute(
        f'CREATE TABLE "{DRAFTS_TABLE}" (\n'
        '   "editor" TEXT PRIMARY KEY NOT NULL,\n'
        '   "entry_id" TEXT NOT NULL,\n'
        '   "opened" TEXT NOT NULL,\n'
        '   "fields" TEXT NOT NULL\n'
        ")"
    )
