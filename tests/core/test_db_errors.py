"""Every SQLite error reaches the user in Swedish, through one function."""

from __future__ import annotations

import os
import re
import sqlite3

import pytest

from fkstod.core.oserrors import describe_db_error
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import StoreError, open_store, write_error
from tests.conftest import REPO, run_fkstod

# SQLite's own English words: none of them may reach the user.
ENGLISH = re.compile(r"\b(database|table|error|attempt|unable|file|disk|locked|no such)\b", re.I)


def sqlite_error(cls: type[sqlite3.Error], message: str, code: int | None) -> sqlite3.Error:
    exc = cls(message)
    if code is not None:
        exc.sqlite_errorcode = code
        exc.sqlite_errorname = "SQLITE_X"
    return exc


@pytest.mark.parametrize(
    ("message", "code", "swedish"),
    [
        ("table usage_counts already exists", 1, "tabellen usage_counts finns redan"),
        ("no such table: settings", 1, "tabellen settings saknas"),
        ("no such column: labels", 1, "kolumnen labels saknas"),
        ("disk I/O error", 10, "läsa från eller skriva till disken"),
        ("disk I/O error", 10 | (3 << 8), "läsa från eller skriva till disken"),
        ("database is locked", 5, "används av ett annat program"),
        ("database table is locked", 6, "används av ett annat program"),
        ("attempt to write a readonly database", 8, "skrivskyddad"),
        ("database or disk is full", 13, "disken är full"),
        ("file is not a database", 26, "inte en databas"),
        ("database disk image is malformed", 11, "skadad"),
        ("unable to open database file", 14, "kan inte öppnas"),
        ("out of memory", 7, "minnet"),
        ("string or blob too big", 18, "för stor"),
        ("UNIQUE constraint failed: settings.key", 19, "regler"),
        ("something SQLite never said", 1, "databasfel"),
        ("something without a code", None, "databasfel"),
        # Without a result code (older Python), the English text still finds the reason.
        ("database is locked", None, "används av ett annat program"),
        ("database or disk is full", None, "disken är full"),
        ("attempt to write a readonly database", None, "skrivskyddad"),
        ("file is not a database", None, "inte en databas"),
        ("disk I/O error", None, "läsa från eller skriva till disken"),
        ("unable to open database file", None, "kan inte öppnas"),
    ],
)
def test_each_sqlite_message_becomes_swedish(message, code, swedish):
    for cls in (sqlite3.OperationalError, sqlite3.DatabaseError):
        text = describe_db_error(sqlite_error(cls, message, code))
        assert swedish in text
        assert not ENGLISH.search(text), text


def test_a_failed_write_says_why_in_swedish():
    exc = sqlite_error(sqlite3.OperationalError, "database or disk is full", 13)
    text = str(write_error(exc))
    assert "disken är full" in text and "Ingenting av ändringen har sparats" in text


def test_a_failed_write_names_the_database_file(data_folder):
    path = data_folder / "fkstod.sqlite3"
    opened = open_store(path, MIGRATION_SETS)
    try:
        with pytest.raises(StoreError) as caught, opened.db.transaction():
            raise sqlite3.OperationalError("attempt to write a readonly database")
    finally:
        opened.db.close()
    assert str(path) in str(caught.value) and "skrivskyddad" in str(caught.value)


def test_a_real_sqlite_error_is_translated(memory_db):
    with pytest.raises(sqlite3.Error) as caught:
        memory_db.execute("CREATE TABLE settings (x)")
    assert "tabellen settings finns redan" in describe_db_error(caught.value)


def test_a_full_disk_on_import_prints_swedish_and_no_traceback(data_folder, tmp_path):
    """The end to end check: a database that cannot grow, as on a full disk."""
    opened = open_store(data_folder / "fkstod.sqlite3", MIGRATION_SETS)
    pages = opened.db.execute("PRAGMA page_count").fetchone()[0]
    opened.db.close()
    rows = ["id;Organisation;Tjänst;Telefon;Kommuner;Kategori;Senast verifierad;Beskrivning"]
    rows += [
        f"lokal-{n};Org {n};Tjänst {n};0701234{n:03d};1480;kvinnor;2026-05-01;{'x ' * 900}"
        for n in range(300)
    ]
    big = tmp_path / "stor.csv"
    big.write_text("\n".join(rows) + "\n", encoding="utf-8")
    # max_page_count is per connection: a start-up hook sets it on every connection.
    hook = tmp_path / "sitecustomize.py"
    hook.write_text(
        "import sqlite3\n"
        "_connect = sqlite3.connect\n"
        "def connect(*a, **k):\n"
        "    conn = _connect(*a, **k)\n"
        f"    conn.execute('PRAGMA max_page_count = {pages + 2}')\n"
        "    return conn\n"
        "sqlite3.connect = connect\n",
        encoding="utf-8",
    )
    result = run_fkstod(
        "directory",
        "import",
        str(big),
        env={"FKSTOD_DATA_DIR": str(data_folder), "PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}"},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "disken är full" in result.stderr
    assert "database or disk is full" not in result.stderr
    # Where: the file whose disk is full, for whoever has to make room.
    assert str(data_folder / "fkstod.sqlite3") in result.stderr


def test_store_errors_name_no_english(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "fkstod.sqlite3").mkdir()  # a folder where the database should be
    with pytest.raises(StoreError) as caught:
        open_store(folder / "fkstod.sqlite3", MIGRATION_SETS)
    assert "är en mapp" in str(caught.value)
    assert not ENGLISH.search(str(caught.value))
