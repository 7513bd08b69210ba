"""The directory's table of local entries, as migration steps.

Kept apart from the service so that opening the database at start does not load
the whole directory package (search index, CSV and HSDS readers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fkstod.core.migrate import MigrationSet

if TYPE_CHECKING:
    from sqlite_utils import Database

TABLE = "directory_entries"

migrations = MigrationSet("directory")


@migrations()
def create_directory_entries(db: Database) -> None:
    """Create the table of local entries: one row per service, lists as JSON."""
    from fkstod.core.directory.validate import FIELD_NAMES

    db[TABLE].create(  # type: ignore[union-attr]
        {name: str for name in FIELD_NAMES},
        pk="id",
        not_null={"id", "organisation"},
    )
