"""Open the user's SQLite database safely.

WAL mode, a busy timeout, schema migrations through sqlite-utils ``Migrations``
and a ``quick_check`` at every start. Every state the file can be in has a way
out, and none is a traceback:

* corrupt or unreadable, or our tables damaged (a table or column missing, a JSON column
  not holding its JSON): moved, with its ``-wal``, ``-shm`` and ``-journal``, into
  ``quarantine/<timestamp>/`` beside it, and a fresh database is created; the
  caller gets one notice to show the user. Nothing is ever deleted.
* a hot rollback journal left by a crash: SQLite rolls it back (a read-only
  check cannot, and would call it a permission problem for ever).
* a migration history that lost rows (emptied, a row gone, a copy restored by
  another tool): a pending step whose work the file already holds is recorded,
  not run again (``migrate.StepWork``); nothing stored is touched.
* replaced, moved or removed by another program while open (a sync tool, a
  restore): every write is refused, in Swedish, since it would go into the old
  file (``Db.transaction``, ``DatabaseReplacedError``); the file now in the place
  is not touched, not even by the old file's ``-wal``.
* written by a newer fkstod: refused and left untouched.
* another program's SQLite file: refused and left untouched, byte for byte.
  Ours carry ``PRAGMA application_id`` = ``APPLICATION_ID``; a file without
  it is ours only when it holds our migration history or, that lost too (a copy
  through another tool), every table of ours (fkstod before the mark did not set
  it; such a file is adopted and marked).
* a database path that is a folder, a folder that cannot be written to: a
  clear message, nothing changed. The window goes on without writing instead
  (``open_without_writing``): the database read into memory, or a new one there,
  and every write refused with ``ReadOnlyError``.

The checks are in ``store_health``. Every SQLite error is put into Swedish by
``oserrors.describe_db_error``.

The open database is a ``Db``: plain ``sqlite3`` for the calls on the start and
keystroke paths, and the full sqlite-utils ``Database`` API (loaded on first
use) for everything else.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from fkstod.core.i18n import _
from fkstod.core.migrate import MigrationSet, applied_steps, apply_pending
from fkstod.core.oserrors import describe_db_error, describe_os_error
from fkstod.core.store_health import APPLICATION_ID as APPLICATION_ID
from fkstod.core.store_health import BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS
from fkstod.core.store_health import ForeignDatabaseError as ForeignDatabaseError
from fkstod.core.store_health import NewerSchemaError as NewerSchemaError
from fkstod.core.store_health import ReadOnlyError as ReadOnlyError
from fkstod.core.store_health import (
    StoreError,
    check_not_newer,
    damage,
    foreign,
    health_problem,
    is_ours,
    unlike_its_steps,
    unusable,
)

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.db import Table, View

SIDE_FILES = ("-wal", "-shm", "-journal")
#: Left beside the database by a clean close (``Db.close``): the file's size, time of
#: change and inode then. A start that finds the file just so skips reading every JSON
#: value of every row (``damage(values=False)``, ~100 ms at 100 000 directory entries);
#: anything else (a crash, a copy, a change by another program, a ``-wal`` left over)
#: reads them all. A start removes the mark first: it is good for one start only.
CLOSED_MARK = "-closed"


def write_error(exc: sqlite3.Error, path: str = "") -> StoreError:
    """Return a Swedish error for a write that failed (nothing of it was kept).

    ``path`` is the database file, named so that whoever makes room or lifts the
    write protection knows where ('' for a database in memory).
    """
    reason = describe_db_error(exc)
    if not path:
        return StoreError(
            _("Det gick inte att spara ({reason}). Ingenting av ändringen har sparats.").format(
                reason=reason
            )
        )
    return StoreError(
        _(
            "Det gick inte att spara i databasen {path} ({reason}). Ingenting av ändringen "
            "har sparats."
        ).format(path=path, reason=reason)
    )


class DatabaseReplacedError(StoreError):
    """The database file was replaced, moved or removed by another program while open.

    The connection would write into the old file, which no start reads again: every
    write is refused instead (``Db.transaction``), until fkstod is started again.
    ``told`` is True once ``Db.on_replaced`` was given its message.
    """


class UnwritableFolderError(StoreError):
    """The data folder cannot be written to, or cannot even be created (``folder``).

    The command line stops with the message; the window runs without writing
    (``open_without_writing``).
    """

    def __init__(self, message: str, folder: Path) -> None:
        super().__init__(message)
        self.folder = folder


def read_only_error(folder: Path) -> ReadOnlyError:
    """Return the refusal of a save in a session whose data folder cannot be written."""
    return ReadOnlyError(
        _(
            "fkstod får inte spara något i mappen {folder}, så ingenting av ändringen har "
            "sparats. IT-supporten kan ge dig rätt att skriva i mappen; starta sedan om fkstod."
        ).format(folder=folder)
    )


def replaced_error(path: Path) -> DatabaseReplacedError:
    """Return the error for a write refused because ``path`` is no longer the file opened."""
    return DatabaseReplacedError(
        _(
            "Databasfilen {path} har bytts ut, flyttats eller tagits bort av ett annat "
            "program (till exempel ett program som synkroniserar eller återställer filer) "
            "medan fkstod var igång. Det som skulle sparas nu har inte sparats, och fkstod "
            "sparar ingenting mer, eftersom det skulle hamna i den gamla filen. Stäng fkstod "
            "och starta det igen, så öppnas den databasfil som då finns på platsen."
        ).format(path=path)
    )


def is_the_file(path: Path, opened_as: tuple[int, int]) -> bool:
    """Return True when ``path`` is still the file that was opened as (device, inode).

    One ``stat``, a few microseconds: checked before every write transaction and
    before the clean close's mark, never on a read.
    """
    try:
        status = os.stat(path)
    except OSError:  # moved away or removed
        return False
    return (status.st_dev, status.st_ino) == opened_as


class Db:
    """The open database.

    ``execute`` and ``transaction`` use the sqlite3 connection directly;
    ``utils``, and ``db["table"]``, is sqlite-utils' ``Database`` over the same
    connection, created on first use. There is no pass-through of other names:
    what a caller uses is spelled out, and a type checker can follow it.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self.conn = conn
        #: The database file (None in memory): ``sibling`` connects to it again.
        self.path = path
        #: The database file to mark as closed cleanly at ``close`` (set by ``open_store``).
        self.closed_mark: Path | None = None
        #: The (device, inode) of that file when opened: a file put in its place while
        #: fkstod ran (a backup restored) is not the one this connection wrote.
        self.opened_as: tuple[int, int] | None = None
        #: Called once, with the message, when a write finds the file replaced
        #: (``DatabaseReplacedError``): the window tells the user then, whatever wrote.
        self.on_replaced: Callable[[str], None] | None = None
        self._replaced_told = False
        #: Set when the data folder cannot be written (``open_without_writing``): every
        #: write is refused with it, before SQLite is asked.
        self.read_only: ReadOnlyError | None = None
        self._utils: Database | None = None
        self._held: list[Any] = []

    def hold(self, lock: Any) -> None:
        """Keep ``lock`` (anything with ``release()``) until the database is closed."""
        self._held.append(lock)

    @property
    def utils(self) -> Database:
        """Return the sqlite-utils ``Database`` over this connection."""
        if self._utils is None:
            from sqlite_utils import Database

            self._utils = Database(self.conn)
        return self._utils

    def sibling(self) -> Db | None:
        """Return a new connection to the same file, for another thread (None: no file).

        A SQLite connection belongs to the thread that made it: call this in the
        worker that uses it, and close it there. In WAL mode it writes while this
        connection is idle; the folder's lock is already this process's.

        Raises:
            StoreError: when the file cannot be opened for writing, or is not the one
                opened any more (``DatabaseReplacedError``).
        """
        if self.read_only is not None:
            raise ReadOnlyError(str(self.read_only))
        if self.path is None:
            return None
        if self._replaced():
            # Connected, it would read this connection's -wal into the file now there.
            # Raised as it is: this runs in the worker, and this connection (its -wal
            # to write back) and ``on_replaced`` (the window's) belong to the window's
            # thread. The worker's error reaches the window untold, and is said there.
            raise replaced_error(self.path)
        conn = None
        try:
            conn = sqlite3.connect(str(self.path), isolation_level=None)
            _configure(conn)
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise write_error(exc) from exc
        db = Db(conn, self.path)
        db.opened_as = self.opened_as  # a file put in the place since is not this one's
        return db

    def _refuse_to_write(self) -> NoReturn:
        """Raise ``DatabaseReplacedError``: the file opened is no longer at its path.

        Called outside a transaction, in this connection's thread. The first time,
        what this connection wrote is moved from the ``-wal``, which keeps its name
        and which the file now in the place would read as its own at the next open,
        into the file it belongs to (``_let_go``), and ``on_replaced`` is told.
        """
        error = replaced_error(self.path or Path())
        if not self._replaced_told:
            self._replaced_told = True
            self._let_go()
            if self.on_replaced is not None:
                self.on_replaced(str(error))
                error.told = True
        raise error

    def _let_go(self) -> None:
        """Write this connection's ``-wal`` into the file it opened and empty it.

        A file put in the database's place is opened with the ``-wal`` beside it: the
        old file's pages would be laid over the new one's. SQLite does not write a
        ``-wal`` back into a file that was moved (it leaves it for the next open), so
        it is done here, into the old file this connection still holds (gone, or
        complete at the name it was moved to). A failure is no fault.
        """
        with suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def _replaced(self) -> bool:
        """Return True when the file opened is no longer at its path (one ``stat``)."""
        if self.path is None or self.opened_as is None:
            return False  # in memory, or never told apart (``open_store``)
        return not is_the_file(self.path, self.opened_as)

    def _write_error(self, exc: sqlite3.Error) -> StoreError:
        try:
            row = self.conn.execute("PRAGMA database_list").fetchone()
        except sqlite3.Error:  # the error itself may keep the connection from answering
            row = None
        return write_error(exc, row[2] if row else "")

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one statement on the connection."""
        return self.conn.execute(sql, parameters)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one transaction: committed at the end, rolled back on error.

        SQLite rolls a transaction back by itself on some errors (disk full, I/O
        error); a rollback is only issued while one is still open, so that the
        error the user sees is the one that happened.

        Raises:
            ReadOnlyError: the data folder cannot be written to (``open_without_writing``);
                the block is not run.
            DatabaseReplacedError: the file opened is no longer at its path, before the
                block or after it (then it is rolled back): nothing goes into a file
                that no start reads again.
            StoreError: the write failed; nothing of it was kept.
        """
        if self.conn.in_transaction:  # nested: a savepoint inside the caller's transaction
            self.conn.execute("SAVEPOINT fkstod")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK TO SAVEPOINT fkstod")
                    self.conn.execute("RELEASE SAVEPOINT fkstod")
                raise
            self.conn.execute("RELEASE SAVEPOINT fkstod")
            return
        if self.read_only is not None:
            raise ReadOnlyError(str(self.read_only))
        if self._replaced():
            self._refuse_to_write()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc
        try:
            yield self.conn
        except sqlite3.Error as exc:
            self._rollback()
            raise self._write_error(exc) from exc
        except BaseException:
            self._rollback()
            raise
        if self._replaced():  # while the block ran (a long import)
            self._rollback()
            self._refuse_to_write()
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise self._write_error(exc) from exc

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def table_exists(self, name: str) -> bool:
        """Return True when the table ``name`` exists."""
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]
        ).fetchone()
        return row is not None

    def close(self) -> None:
        """Close the connection, then let go of what was held with it.

        A database opened by ``open_store`` is marked as closed cleanly (``CLOSED_MARK``).
        """
        try:
            if self._replaced():
                self._let_go()
            self.conn.close()
            if self.closed_mark is not None:
                _leave_closed_mark(self.closed_mark, self.opened_as)
                self.closed_mark = None
        finally:
            while self._held:
                self._held.pop().release()

    def __getitem__(self, name: str) -> Table | View:
        """Return sqlite-utils' table (or view) ``name``."""
        return self.utils[name]


@dataclass
class OpenedStore:
    """A database ready for use.

    Attributes:
        db: the open database.
        notice: a message to show the user once (a quarantined file), or None.
        quarantined: where the unusable file was moved, or None.
        read_only: True when nothing is written (``open_without_writing``); the
            notice then says what is not saved, and why.
    """

    db: Db
    notice: str | None = None
    quarantined: Path | None = None
    read_only: bool = False


def open_memory(migration_sets: Sequence[MigrationSet]) -> Db:
    """Return an in-memory database with every migration applied (tests, training)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    _configure(conn)
    db = Db(conn)
    _migrate(db, migration_sets)
    return db


def open_store(
    path: Path, migration_sets: Sequence[MigrationSet], *, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> OpenedStore:
    """Open (or create) the database at ``path`` and bring its schema up to date.

    Args:
        busy_timeout_ms: how long a statement waits for another connection's lock
            before it gives up (tests pass a short one).

    Raises:
        StoreError: when the folder cannot be written to, the path is not a
            database file, the schema is newer, or the file is another program's.
    """
    folder = path.parent
    _check_folder(folder)
    if path.is_dir():
        raise StoreError(
            _(
                "Databasen {path} är en mapp, inte en fil. Flytta mappen eller välj en annan "
                "datamapp med --data-dir; ingenting har ändrats."
            ).format(path=path)
        )
    if path.exists() and not path.is_file():
        # A pipe or a device: reading it could block for ever or never end.
        raise StoreError(
            _(
                "Databasen {path} är inte en vanlig fil. Flytta den eller välj en annan "
                "datamapp med --data-dir; ingenting har ändrats."
            ).format(path=path)
        )
    notice = None
    quarantined = None
    left_clean = _closed_cleanly(path)  # read and removed before anything else
    if path.exists():
        problem = health_problem(path, migration_sets, busy_timeout_ms)
        if problem is not None:
            quarantined, notice = _quarantine_with_notice(path, problem)
    db, problem = _open_and_migrate(path, migration_sets, busy_timeout_ms)
    if problem is None:
        problem = damage(db, migration_sets, values=not (left_clean and quarantined is None))
    if problem is not None:
        db.close()
        quarantined, again = _quarantine_with_notice(path, problem)
        notice = again if notice is None else notice
        db, _unlike = _open_and_migrate(path, migration_sets, busy_timeout_ms)  # a new file
    _mark(db, path)
    db.closed_mark = path
    try:
        status = path.stat()
        db.opened_as = (status.st_dev, status.st_ino)
    except OSError:
        db.closed_mark = None  # not to be told apart from another file: never marked
    return OpenedStore(db=db, notice=notice, quarantined=quarantined)


def _file_identity(path: Path) -> str:
    status = path.stat()
    return f"{status.st_size} {status.st_mtime_ns} {status.st_ino}\n"


def _closed_cleanly(path: Path) -> bool:
    """Return True when ``path`` is as the last clean close left it (``CLOSED_MARK``).

    The mark is removed whatever it says: a crash in this session leaves none.
    """
    from fkstod.core import files

    mark = path.with_name(path.name + CLOSED_MARK)
    try:
        said = files.read_bytes(mark, 200)  # refuses a folder, a pipe, a big file
    except files.FileProblem:
        return False
    try:
        mark.unlink()
        wal = path.with_name(path.name + "-wal")
        return not wal.exists() and said == _file_identity(path).encode("ascii")
    except OSError:  # a mark that cannot be removed is never trusted
        return False


def _leave_closed_mark(path: Path, opened_as: tuple[int, int] | None = None) -> None:
    """Write ``CLOSED_MARK`` for the database at ``path``, just closed; a failure is no fault."""
    from fkstod.core import files

    try:
        if path.with_name(path.name + "-wal").exists():
            return  # another connection still has it open: the next start reads it all
        if opened_as is not None and not is_the_file(path, opened_as):
            return  # another file was put in its place meanwhile: not one fkstod closed
        identity = _file_identity(path)
        files.write_file(path.with_name(path.name + CLOSED_MARK), identity, files.NOTHING_PROTECTED)
    except (OSError, files.FileProblem):
        pass


def _mark(db: Db, path: Path) -> None:
    """Mark the database as fkstod's: a new one, or one from before the mark (adopted)."""
    try:
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except sqlite3.Error as exc:
        db.close()
        raise StoreError(
            _("Databasen {path} kan inte öppnas för skrivning: {reason}.").format(
                path=path, reason=describe_db_error(exc)
            )
        ) from exc


def write_protected_notice(path: Path) -> str | None:
    """Return what to tell the user when the database at ``path`` cannot be written, or None.

    SQLite opens such a file for reading without a word, and every write fails
    later. Counts fail quietly (they must not interrupt a call), so the window
    says it once, at the start.
    """
    if not path.is_file() or os.access(path, os.W_OK):
        return None
    return _(
        "Databasen {path} är skrivskyddad. fkstod fungerar, men antal, inställningar och "
        "ändringar i stödkatalogen sparas inte förrän skrivskyddet tas bort."
    ).format(path=path)


def open_store_read_only(path: Path, migration_sets: Sequence[MigrationSet]) -> OpenedStore:
    """Open the database only to read it, while another fkstod process holds the folder.

    Nothing is created, migrated, marked or quarantined: that is for the process
    that holds the folder (``fkstod.core.instance``); reading beside its writes
    is safe in WAL mode.

    Raises:
        StoreError: when the file is missing, not ours, damaged, or not at this
            version's schema; the message says to try when the other is done.
    """
    later = _("Försök igen när det andra fkstod-programmet är stängt; ingenting har ändrats.")
    if not path.is_file():
        raise StoreError(
            _("Databasen {path} har inte skapats ännu. {later}").format(path=path, later=later)
        )
    conn = None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not is_ours(conn, migration_sets):
            raise foreign(path)
        check_not_newer(conn, migration_sets)
        for migration_set in migration_sets:
            if len(applied_steps(conn, migration_set.name)) < len(migration_set.steps):
                raise StoreError(
                    _("Databasen {path} behöver uppdateras. {later}").format(path=path, later=later)
                )
        db = Db(conn)
        problem = damage(db, migration_sets)
        if problem is not None:
            raise StoreError(
                _("Databasen {path} går inte att läsa ({problem}). {later}").format(
                    path=path, problem=problem, later=later
                )
            )
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise unusable(path, exc) from exc
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    return OpenedStore(db=db)


def open_without_writing(path: Path, migration_sets: Sequence[MigrationSet]) -> OpenedStore:
    """Open the database of a data folder that cannot be written to, and write nothing anywhere.

    The window's way on when the folder refuses it (``UnwritableFolderError``, or a lock
    file that cannot be made): the flows, the shipped directory with its national lines,
    and whatever the folder's database holds, read into memory once. The file is not
    held open, migrated, marked or quarantined, and no ``-wal`` or ``-shm`` is made
    beside it. A file that cannot be read so (damaged, another program's, from a newer
    fkstod, a crash's journal left) is left as it is, and a new database in memory is
    used. Every write is refused with ``ReadOnlyError`` (``Db.read_only``), before
    SQLite is asked; any other SQLite refuses itself (``PRAGMA query_only``).

    The notice says, once, what is not saved and that the folder's rights are IT's to mend.
    """
    folder = path.parent
    try:
        exists = path.is_file()
        folder_exists = folder.is_dir()
    except OSError:
        exists = folder_exists = False
    db = None
    unread = False
    if exists:
        try:
            db = _read_into_memory(path, migration_sets)
        except (StoreError, OSError, sqlite3.Error):
            unread = True
    if db is None:
        db = open_memory(migration_sets)
    db.execute("PRAGMA query_only = ON")
    db.read_only = read_only_error(folder)
    notice = read_only_notice(
        folder, folder_exists=folder_exists, kept=exists and not unread, unread=unread
    )
    return OpenedStore(db=db, notice=notice, read_only=True)


def read_only_notice(
    folder: Path, *, folder_exists: bool = True, kept: bool = False, unread: bool = False
) -> str:
    """Return what the window says once when its data folder cannot be written to.

    ``kept``: the folder's database was read; ``unread``: it was there but could not be.
    """
    if folder_exists:
        why = _("fkstod får inte spara något i mappen {folder}.").format(folder=folder)
    else:
        why = _("Mappen {folder}, där fkstod sparar, finns inte och går inte att skapa.").format(
            folder=folder
        )
    works = _(
        "Du kan använda fkstod som vanligt: flödena, stödkatalogen med de nationella "
        "stödlinjerna och orosanmälan fungerar. Men det som annars sparas, sparas inte nu: "
        "antal till statistiken, dina inställningar och ändringar i stödkatalogens egna poster."
    )
    if kept:
        works += " " + _("Det som redan fanns sparat i mappen visas som vanligt.")
    if unread:
        works += " " + _(
            "Databasen i mappen gick inte att läsa, så det som sparats där tidigare visas inte "
            "nu. Filen har inte ändrats."
        )
    if folder_exists:
        fix = _("IT-supporten kan ge dig rätt att skriva i mappen. Starta sedan om fkstod.")
    else:
        fix = _(
            "IT-supporten kan skapa mappen åt dig eller ge dig rätt att skapa den. Starta sedan "
            "om fkstod."
        )
    return f"{why} {works}\n\n{fix}"


def _read_into_memory(path: Path, migration_sets: Sequence[MigrationSet]) -> Db:
    """Copy our database at ``path`` into memory, read-only; bring the copy up to date.

    Raises:
        StoreError, OSError, sqlite3.Error: the file is not ours, damaged or unreadable.
    """
    with path.open("rb") as f:
        header = f.read(100)
    query = "mode=ro"
    # A WAL file with no -wal beside it is fully written back; read-only, SQLite would
    # need to make its -shm (it cannot here) unless told nothing changes it meanwhile.
    if header[18:20] == b"\x02\x02" and not path.with_name(path.name + "-wal").exists():
        query += "&immutable=1"
    source = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, isolation_level=None)
    try:
        source.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if source.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise StoreError(_("kontrollen hittade fel"))
        if not is_ours(source, migration_sets):
            raise foreign(path)
        check_not_newer(source, migration_sets)
        copy = sqlite3.connect(":memory:", isolation_level=None)
        try:
            source.backup(copy)
        except BaseException:
            copy.close()
            raise
    finally:
        source.close()
    db = Db(copy)
    try:
        _configure(copy)
        problem = unlike_its_steps(copy, migration_sets)
        if problem is None:
            _migrate(db, migration_sets)  # the copy only: the file stays as it was
            problem = damage(db, migration_sets)
        if problem is not None:
            raise StoreError(problem)
    except BaseException:
        copy.close()
        raise
    return db


def prepare_folder(folder: Path) -> None:
    """Create the data folder if needed; refuse one on a network share or not writable.

    Raises:
        StoreError: the message says why the folder cannot be used.
    """
    _check_folder(folder)


def _check_folder(folder: Path) -> None:
    if is_network_path(folder):
        raise StoreError(
            _(
                "Datamappen {folder} ligger på en nätverksdelning. Databasen fungerar bara "
                "säkert på den egna datorn; välj en lokal mapp med --data-dir."
            ).format(folder=folder)
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnwritableFolderError(
            _("Datamappen {folder} kan inte skapas: {reason}.").format(
                folder=folder, reason=describe_os_error(exc)
            ),
            folder,
        ) from exc
    if not os.access(folder, os.W_OK):
        raise UnwritableFolderError(
            _(
                "Datamappen {folder} går inte att skriva till ({reason}). Välj en annan "
                "mapp med --data-dir; ingenting har ändrats."
            ).format(folder=folder, reason=_("du saknar behörighet eller platsen är skrivskyddad")),
            folder,
        )


def _open_and_migrate(
    path: Path, migration_sets: Sequence[MigrationSet], busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> tuple[Db, str | None]:
    """Open the file and apply its pending steps; return the database and None.

    A file from an earlier version that lacks what its own steps made is left as it
    is, not migrated, and the second item says what it lacks (``unlike_its_steps``).
    """
    conn = None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
        _configure(conn, busy_timeout_ms)
        db = Db(conn, path)
        problem = unlike_its_steps(conn, migration_sets)
        if problem is None:
            _migrate(db, migration_sets)
    except BaseException as exc:
        if conn is not None:
            conn.close()  # on Windows an open handle would keep the file locked
        if not isinstance(exc, sqlite3.Error):
            raise
        raise StoreError(
            _("Databasen {path} kan inte öppnas för skrivning: {reason}.").format(
                path=path, reason=describe_db_error(exc)
            )
        ) from exc
    return db, problem


def _quarantine_with_notice(path: Path, problem: str) -> tuple[Path, str]:
    try:
        where = quarantine(path)
    except OSError as exc:
        raise StoreError(
            _(
                "Databasen {path} är skadad ({problem}) men kan inte flyttas undan: "
                "{reason}. Ingenting har ändrats."
            ).format(path=path, problem=problem, reason=describe_os_error(exc))
        ) from exc
    notice = _(
        "Databasen gick inte att läsa ({problem}). Den har flyttats till {where} "
        "och en ny, tom databas har skapats. Inget har raderats."
    ).format(problem=problem, where=where)
    return where, notice


def is_network_path(folder: Path) -> bool:
    """Return True for a folder on a network share (SQLite's WAL mode does not work there)."""
    text = str(folder)
    if text.startswith(("\\\\", "//")):
        return True  # a UNC path: \\server\share
    if sys.platform == "win32":
        import ctypes

        drive = folder.resolve().drive
        if drive:
            DRIVE_REMOTE = 4
            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE
    return False


def _configure(conn: sqlite3.Connection, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL in WAL mode survives a killed process; only a power cut may lose
    # the last commits, never corrupt the file.
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def _migrate(db: Db, migration_sets: Sequence[MigrationSet]) -> None:
    apply_pending(db.conn, migration_sets)


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
