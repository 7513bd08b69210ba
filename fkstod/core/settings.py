"""Settings stored in the user's database: window geometry, text size, the reporter.

Only the caseworker's own preferences live here, never anything about a client.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

from fkstod.core.migrate import MigrationSet

if TYPE_CHECKING:
    from fkstod.core.store import Db

TABLE = "settings"

migrations = MigrationSet("settings")


@migrations()
def create_settings(conn: sqlite3.Connection) -> None:
    """Create the key-value table of settings."""
    conn.execute(f'CREATE TABLE "{TABLE}" (\n   "key" TEXT PRIMARY KEY,\n   "value" TEXT\n)')


class Settings:
    """Read and write JSON-encoded settings by key."""

    def __init__(self, db: Db) -> None:
        self._db = db

    def get(self, key: str, default: object = None) -> object:
        """Return the stored value of ``key``, or ``default``."""
        row = self._db.execute(f"SELECT value FROM {TABLE} WHERE key = ?", [key]).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    @property
    def writable(self) -> bool:
        """False when nothing can be stored (a data folder fkstod cannot write to)."""
        return self._db.read_only is None

    def set(self, key: str, value: object) -> None:
        """Store ``value`` (anything JSON can hold) under ``key``."""
        with self._db.transaction() as conn:
            conn.execute(
                f"INSERT INTO {TABLE} (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value, ensure_ascii=False)],
            )
