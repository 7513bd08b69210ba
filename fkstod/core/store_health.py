"""Is a database file fit to open? The checks before and after ``store`` opens it.

Before: read-only, so that a refused file keeps every byte (``health_problem``:
the header's ``application_id``, a hot rollback journal, ``quick_check``,
whose file it is, a newer schema). Before migrating a file from an earlier
version: ``unlike_its_steps``. After migrating: ``damage``, the declared
tables, columns and JSON columns. The errors a caller sees are defined here
and re-exported by ``store``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from fkstod.core.i18n import _
from fkstod.core.migrate import MIGRATIONS_TABLE, MigrationSet, applied_steps, known_works
from fkstod.core.oserrors import (
    SQLITE_BUSY,
    SQLITE_CORRUPT,
    SQLITE_LOCKED,
    SQLITE_NOTADB,
    db_error_code,
    describe_db_error,
    describe_os_error,
)


class Executes(Protocol):
    """What the checks need of an open database: ``store.Db`` has it (no import of store)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ...) -> sqlite3.Cursor: ...


#: How long a statement waits for another connection's lock before it gives up.
BUSY_TIMEOUT_MS = 5000

#: ``PRAGMA application_id`` of an fkstod database: "fkst" in ASCII.
APPLICATION_ID = 0x666B7374

_HEADER_MAGIC = b"SQLite format 3\x00"
_APPLICATION_ID_OFFSET = 68  # in the 100-byte database header, big-endian


class StoreError(Exception):
    """The database cannot be used; the message says why, in Swedish."""

    #: True when the user has already been told this message (``DatabaseReplacedError``,
    #: through ``Db.on_replaced``): a caller that would show it again need not.
    told = False


class ReadOnlyError(StoreError):
    """A write refused: this session's data folder cannot be written to, so nothing is saved.

    Nothing of the change was kept. Counts and the window's own preferences drop it
    without a word (the start said so once); a save the caseworker asked for says it.
    (``store.open_without_writing``; defined here so that a widget may catch it.)
    """


class NewerSchemaError(StoreError):
    """The database was written by a newer version of fkstod."""


class ForeignDatabaseError(StoreError):
    """The file is another program's SQLite database; it is left untouched."""


def is_corrupt(exc: sqlite3.Error) -> bool:
    """Return True when ``exc`` says the file is damaged or not a database."""
    return db_error_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def unusable(path: Path, exc: sqlite3.Error) -> StoreError:
    """Return the error for a database that is fine but cannot be used right now."""
    if db_error_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(
            _(
                "Databasen {path} används av ett annat program just nu. Stäng det och "
                "försök igen; ingenting har ändrats."
            ).format(path=path)
        )
    return StoreError(
        _(
            "Databasen {path} kan inte öppnas ({reason}). Kontrollera att du har rätt att "
            "läsa och skriva i mappen; ingenting har ändrats."
        ).format(path=path, reason=describe_db_error(exc))
    )


def health_problem(
    path: Path, migration_sets: Sequence[MigrationSet], busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> str | None:
    """Return why the file at ``path`` is corrupt, or None when it is fine.

    ``busy_timeout_ms`` is how long to wait for another connection's lock.

    Raises:
        NewerSchemaError: the file is healthy but written by a newer fkstod.
        ForeignDatabaseError: the file is another program's database.
        StoreError: the file cannot be checked now (locked, no permission): that is
            not corruption, and the file is left where it is.
    """
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise StoreError(
            _("Databasen {path} kan inte läsas: {reason}; ingenting har ändrats.").format(
                path=path, reason=describe_os_error(exc)
            )
        ) from exc
    if not header:
        return None  # an empty file: SQLite makes it a new database
    if header.startswith(_HEADER_MAGIC) and len(header) == 100:
        marked = int.from_bytes(header[_APPLICATION_ID_OFFSET : _APPLICATION_ID_OFFSET + 4], "big")
        if marked not in (0, APPLICATION_ID):
            raise foreign(path)  # decided from the header alone: not even opened
        problem = _roll_back_hot_journal(path, busy_timeout_ms)
        if problem is not None:
            return problem
    # Read-only: a check must never change the file it checks, not even its
    # journal mode, so that a refused file keeps every byte. A WAL file with no
    # -wal beside it is fully written back and has no user: opened as immutable,
    # SQLite does not create -wal and -shm for it either.
    query = "mode=ro"
    wal = path.with_name(path.name + "-wal")
    if header[18:20] == b"\x02\x02" and not wal.exists():
        query += "&immutable=1"
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?{query}", uri=True, timeout=busy_timeout_ms / 1000
        )
    except sqlite3.Error as exc:
        raise unusable(path, exc) from exc
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            return _("kontrollen hittade fel: {first}").format(first=rows[0][0])
        if not is_ours(conn, migration_sets):
            raise foreign(path)
        check_not_newer(conn, migration_sets)
    except sqlite3.DatabaseError as exc:
        if is_corrupt(exc):
            return _("filen är inte en fungerande databas: {reason}").format(
                reason=describe_db_error(exc)
            )
        raise unusable(path, exc) from exc
    finally:
        conn.close()
    return None


def _roll_back_hot_journal(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> str | None:
    """Let SQLite roll back a journal left by a crash; return a problem if it cannot.

    A read-only connection cannot roll a hot journal back and fails as if the
    folder were not writable. A read-write connection does it on its first read.
    A file marked as another program's is refused before this is called; an
    unmarked one is rolled back before it is known whose it is, which only
    returns it to its last committed state, as its own program would.
    """
    journal = path.with_name(path.name + "-journal")
    try:
        if not journal.is_file() or journal.stat().st_size == 0:
            return None
    except OSError:
        return None
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000)
    except sqlite3.Error as exc:
        raise unusable(path, exc) from exc
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if is_corrupt(exc):
            return _("filen är inte en fungerande databas: {reason}").format(
                reason=describe_db_error(exc)
            )
        raise unusable(path, exc) from exc
    finally:
        conn.close()
    return None


def is_ours(conn: sqlite3.Connection, migration_sets: Sequence[MigrationSet]) -> bool:
    """Return True for our database, or an empty one; False for another program's.

    Ours: marked with ``APPLICATION_ID``; or unmarked (fkstod before the mark) and
    holding our migration history, or, that history lost too, all of our tables.
    """
    if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
        return True
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not r[0].startswith("sqlite_")
    ]
    if not tables:
        return True
    if MIGRATIONS_TABLE in tables:
        names = [m.name for m in migration_sets]
        marks = ", ".join("?" * len(names))
        found = conn.execute(
            f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE migration_set IN ({marks}) LIMIT 1", names
        ).fetchone()
        if found is not None:
            return True
    # The history lost with the mark (a copy through another tool): ours only when it
    # holds every table of ours with every column the code reads; no other program's does.
    for migration_set in migration_sets:
        for table, declared in migration_set.tables.items():
            if table not in tables:
                return False
            present = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
            if not set(declared) <= present:
                return False
    return any(m.tables for m in migration_sets)


def foreign(path: Path) -> ForeignDatabaseError:
    """Return the error for another program's database at ``path``."""
    return ForeignDatabaseError(
        _(
            "Filen {path} är inte fkstods databas utan hör till ett annat program. Den har "
            "inte ändrats. Flytta den därifrån, eller välj en annan datamapp med --data-dir."
        ).format(path=path)
    )


_JSON_GLOBS = {"array": "[[]*", "object": "{*"}


def damage(
    db: Executes, migration_sets: Sequence[MigrationSet], *, values: bool = True
) -> str | None:
    """Return how our tables differ from what this version wrote, or None.

    Each migration set declares its tables, their columns and the JSON each
    JSON column must hold; a missing table or column, or a value that is not
    that JSON, would otherwise fail later, as a traceback, when it is used.
    ``values=False`` checks the tables and columns only, not every row's JSON:
    for a file as fkstod's own clean close left it (``store.CLOSED_MARK``).
    """
    try:
        existing = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for migration_set in migration_sets:
            for table, declared in migration_set.tables.items():
                if table not in existing:
                    return _("tabellen {table} saknas").format(table=table)
                # Checked before any query names a column: SQLite reads a
                # double-quoted name that is not a column as a string.
                present = {r[1] for r in db.execute(f'PRAGMA table_info("{table}")')}
                for column in declared:
                    if column not in present:
                        return _("kolumnen {column} saknas i tabellen {table}").format(
                            column=column, table=table
                        )
                json_columns = migration_set.json_columns[table]
                if not json_columns or not values:
                    continue
                # One pass over the table for every JSON column; json_valid and
                # the first character (json.dumps writes no space before it) cost
                # about as much as quick_check, a third of json_type's.
                tests = [
                    f'("{column}" != \'\' AND NOT (json_valid("{column}") '
                    f"AND \"{column}\" GLOB '{_JSON_GLOBS[json_type]}'))"
                    for column, json_type in json_columns.items()
                ]
                bad = db.execute(
                    f'SELECT {", ".join(tests)} FROM "{table}" WHERE {" OR ".join(tests)} LIMIT 1'
                ).fetchone()
                if bad is not None:
                    column = next(c for c, hit in zip(json_columns, bad, strict=True) if hit)
                    return _("tabellen {table} har ett ogiltigt värde i {column}").format(
                        table=table, column=column
                    )
    except sqlite3.DatabaseError as exc:
        return describe_db_error(exc)
    return None


def unlike_its_steps(
    conn: sqlite3.Connection, migration_sets: Sequence[MigrationSet]
) -> str | None:
    """Return which table a file with steps still to apply lacks of its applied steps', or None.

    ``damage`` checks a file at this version's schema, after the pending steps ran;
    a pending step that meets a table gone fails first (the directory's index on its
    table), and the start would be refused instead of the file quarantined. So a file
    from an earlier version must hold every table its applied steps make, run here on
    an empty database in memory. Tables only: a step's columns may follow the model
    (``create_directory_entries``) and so name more than that version wrote; a column
    gone is found by ``damage``; a table a later step drops is not looked for. Nothing
    is pending at almost every start: then this is three small queries.
    """
    applied = {m.name: set(applied_steps(conn, m.name)) for m in migration_sets}
    steps = [(m, step) for m in migration_sets for step in m.steps]
    if all(step.__name__ in applied[m.name] for m, step in steps):
        return None
    # Each step's work from one run of all of them, in order: an applied step may
    # need a step whose history row was lost (an index on the table it made).
    works = known_works(migration_sets)
    expected: dict[str, None] = {}  # in the order made
    for migration_set, step in steps:
        work = works.get((migration_set.name, step.__name__))
        if work is not None and step.__name__ in applied[migration_set.name]:
            made = sorted(name for kind, name in work.created if kind == "table")
            expected.update(dict.fromkeys(made))
    tables = "SELECT name FROM sqlite_master WHERE type = 'table'"
    present = {r[0] for r in conn.execute(tables)}
    for table in expected:
        if table not in present:
            return _("tabellen {table} saknas").format(table=table)
    return None


def check_not_newer(conn: sqlite3.Connection, migration_sets: Sequence[MigrationSet]) -> None:
    """Refuse a database that has migration steps this version does not know."""
    for migration_set in migration_sets:
        known = set(migration_set.step_names())
        unknown = [name for name in applied_steps(conn, migration_set.name) if name not in known]
        if unknown:
            raise NewerSchemaError(
                _(
                    "Databasen har skapats av en nyare version av fkstod (okänt steg "
                    "”{step}” i ”{set}”). Installera den nyare versionen igen; databasen "
                    "har inte ändrats."
                ).format(step=unknown[0], set=migration_set.name)
            )
