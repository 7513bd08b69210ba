"""Open the user's SQLite database safely.

WAL mode, a busy timeout, schema migrations through sqlite-utils ``Migrations``
and a ``quick_check`` at every start. A file that is corrupt or unreadable is
moved, with its ``-wal`` and ``-shm``, into ``quarantine/<timestamp>/`` beside
it and a fresh database is created; the caller gets one notice to show the
user. Nothing is ever deleted. A database written by a newer fkstod is refused
and left untouched.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from fkstod.core.i18n import _

BUSY_TIMEOUT_MS = 5000
SIDE_FILES = ("-wal", "-shm", "-journal")


class StoreError(Exception):
    """The database cannot be used; the message says why, in Swedish."""


class NewerSchemaError(StoreError):
    """The database was written by a newer version of fkstod."""


@dataclass
class OpenedStore:
    """A database ready for use.

    Attributes:
        db: the open database.
        notice: a message to show the user once (a quarantined file), or None.
        quarantined: where the unusable file was moved, or None.
    """

    db: Database
    notice: str | None = None
    quarantined: Path | None = None


def open_memory(migration_sets: Sequence[Migrations]) -> Database:
    """Return an in-memory database with every migration applied (tests, training)."""
    db = Database(memory=True)
    _configure(db.conn)
    for migrations in migration_sets:
        migrations.apply(db)
    return db


def open_store(path: Path, migration_sets: Sequence[Migrations]) -> OpenedStore:
    """Open (or create) the database at ``path`` and bring its schema up to date.

    Raises:
        StoreError: when the folder cannot be written to, or the schema is newer.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            _("Datamappen {folder} kan inte skapas: {reason}.").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from exc

    notice = None
    quarantined = None
    if path.exists():
        problem = _health_problem(path)
        if problem is not None:
            quarantined = quarantine(path)
            notice = _(
                "Databasen gick inte att läsa ({problem}). Den har flyttats till {where} "
                "och en ny, tom databas har skapats. Inget har raderats."
            ).format(problem=problem, where=quarantined)

    if path.exists():
        # Read-only, before anything could change the file (even the journal mode).
        reader = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            _check_not_newer(Database(reader), migration_sets)
        finally:
            reader.close()

    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
        _configure(conn)
        db = Database(conn)
        for migrations in migration_sets:
            migrations.apply(db)
    except sqlite3.OperationalError as exc:
        raise StoreError(
            _("Databasen {path} kan inte öppnas för skrivning: {reason}.").format(
                path=path, reason=exc
            )
        ) from exc
    return OpenedStore(db=db, notice=notice, quarantined=quarantined)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL in WAL mode survives a killed process; only a power cut may lose
    # the last commits, never corrupt the file.
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def _health_problem(path: Path) -> str | None:
    """Return why the file at ``path`` is unusable, or None when it is fine."""
    try:
        # Read-only: a health check must never change the file it checks.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return _("kan inte öppnas: {reason}").format(reason=exc)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return _("filen är inte en fungerande databas: {reason}").format(reason=exc)
    finally:
        conn.close()
    if rows != [("ok",)]:
        return _("kontrollen hittade fel: {first}").format(first=rows[0][0])
    return None


def quarantine(path: Path) -> Path:
    """Move ``path`` and its side files into a timestamped quarantine folder.

    Returns:
        The folder the files were moved to.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.parent / "quarantine" / stamp
    n = 1
    while target.exists():
        n += 1
        target = path.parent / "quarantine" / f"{stamp}-{n}"
    target.mkdir(parents=True)
    for candidate in [path, *(path.with_name(path.name + s) for s in SIDE_FILES)]:
        if candidate.exists():
            shutil.move(str(candidate), str(target / candidate.name))
    return target


def _check_not_newer(db: Database, migration_sets: Iterable[Migrations]) -> None:
    """Refuse a database that has migrations this version does not know."""
    for migrations in migration_sets:
        known = {m.name for m in migrations._migrations}
        unknown = [m.name for m in migrations.applied(db) if m.name not in known]
        if unknown:
            raise NewerSchemaError(
                _(
                    "Databasen har skapats av en nyare version av fkstod (okänt steg "
                    "”{step}” i ”{set}”). Installera den nyare versionen igen; databasen "
                    "har inte ändrats."
                ).format(step=unknown[0], set=migrations.name)
            )
