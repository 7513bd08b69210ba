"""Operating-system and SQLite errors in Swedish: their own text is English.

``describe_os_error`` and ``describe_db_error`` are the one place each kind of
error is put into words; every message that reports one (CLI and GUI) uses
them, so no English ever reaches the caseworker.
"""

from __future__ import annotations

import errno
import re
import sqlite3

from fkstod.core.i18n import _

_REASONS = {
    errno.ENOENT: _("filen eller mappen finns inte"),
    errno.EEXIST: _("det finns redan en fil med det namnet"),
    errno.EACCES: _("du saknar behörighet"),
    errno.EPERM: _("du saknar behörighet"),
    errno.EROFS: _("platsen är skrivskyddad"),
    errno.ENOSPC: _("disken är full"),
    errno.ENOTDIR: _("en del av sökvägen är en fil, inte en mapp"),
    errno.EISDIR: _("det är en mapp, inte en fil"),
    errno.ENAMETOOLONG: _("namnet är för långt"),
    errno.EBUSY: _("filen används av ett annat program"),
    errno.ENODEV: _("det är ingen vanlig fil"),
    errno.ELOOP: _("sökvägen går runt i en slinga av länkar"),
    errno.EIO: _("det gick inte att läsa från eller skriva till disken"),
    errno.EINVAL: _("namnet eller sökvägen går inte att använda"),
    errno.EMFILE: _("för många filer är öppna just nu"),
    errno.EXDEV: _("filen kan inte flyttas mellan två enheter"),
    errno.ETIMEDOUT: _("platsen svarade inte i tid"),
    errno.ENOTEMPTY: _("mappen är inte tom"),
}


def describe_os_error(exc: OSError) -> str:
    """Return why ``exc`` happened, in Swedish when the reason is a common one."""
    reason = _REASONS.get(exc.errno or 0)
    if reason is None and isinstance(exc, PermissionError):
        reason = _REASONS[errno.EACCES]
    if reason is not None:
        return reason
    # No words of our own: a Swedish sentence still, the system's (English) words
    # after it for whoever helps, never alone.
    return _("ett oväntat fel från systemet ({detail})").format(detail=exc.strerror or str(exc))


# SQLite's primary result codes (an extended code carries its primary one in the low byte).
SQLITE_ERROR, SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM = 1, 3, 5, 6, 7
SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 8, 10, 11, 13, 14
SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_NOTADB = 18, 19, 26

_DB_REASONS = {
    SQLITE_PERM: _("du saknar behörighet till databasen"),
    SQLITE_BUSY: _("databasen används av ett annat program just nu"),
    SQLITE_LOCKED: _("databasen används av ett annat program just nu"),
    SQLITE_NOMEM: _("minnet räckte inte till"),
    SQLITE_READONLY: _("databasen är skrivskyddad"),
    SQLITE_IOERR: _("det gick inte att läsa från eller skriva till disken"),
    SQLITE_CORRUPT: _("databasfilen är skadad"),
    SQLITE_FULL: _("disken är full"),
    SQLITE_CANTOPEN: _("databasfilen kan inte öppnas"),
    SQLITE_TOOBIG: _("en uppgift är för stor för databasen"),
    SQLITE_CONSTRAINT: _("ändringen bryter mot databasens regler"),
    SQLITE_NOTADB: _("filen är inte en databas"),
}

# For errors without a result code (Python before 3.11, errors raised by the
# sqlite3 module itself): SQLite's English text, matched to a code.
_DB_TEXTS = (
    ("table is locked", SQLITE_LOCKED),
    ("is locked", SQLITE_BUSY),
    ("readonly", SQLITE_READONLY),
    ("read-only", SQLITE_READONLY),
    ("disk i/o error", SQLITE_IOERR),
    ("malformed", SQLITE_CORRUPT),
    ("is full", SQLITE_FULL),
    ("unable to open", SQLITE_CANTOPEN),
    ("not a database", SQLITE_NOTADB),
    ("out of memory", SQLITE_NOMEM),
    ("too big", SQLITE_TOOBIG),
    ("constraint failed", SQLITE_CONSTRAINT),
)

# Generic SQLITE_ERROR messages that say which table or column: named in Swedish.
_DB_SCHEMA_TEXTS = (
    (re.compile(r"table (\S+) already exists"), _("tabellen {name} finns redan")),
    (re.compile(r"index (\S+) already exists"), _("indexet {name} finns redan")),
    (re.compile(r"no such table: (\S+)"), _("tabellen {name} saknas i databasen")),
    (re.compile(r"no such column: (\S+)"), _("kolumnen {name} saknas i databasen")),
    (re.compile(r"has no column named (\S+)"), _("kolumnen {name} saknas i databasen")),
)


def db_error_code(exc: sqlite3.Error) -> int:
    """Return the primary SQLite result code of ``exc`` (0 when it has none)."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code:
        return code
    text = str(exc).lower()
    for needle, guessed in _DB_TEXTS:
        if needle in text:
            return guessed
    return 0


def describe_db_error(exc: sqlite3.Error) -> str:
    """Return why a database call failed, in Swedish (never SQLite's English).

    The reason comes from SQLite's result code; for the generic code the table
    or column SQLite names is kept, since that tells support where to look.
    """
    code = db_error_code(exc)
    reason = _DB_REASONS.get(code)
    if reason is not None:
        return reason
    text = str(exc)
    for pattern, template in _DB_SCHEMA_TEXTS:
        found = pattern.search(text)
        if found:
            return template.format(name=found.group(1).strip("\"'`"))
    if code:
        return _("ett oväntat databasfel (SQLite-kod {code})").format(code=code)
    return _("ett oväntat databasfel")
