"""Every state of the data folder, through the command line: exit 0 or 1, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import open_store
from fkstod.core.usage import UsageRecorder
from tests.conftest import CORE_DATA, run_cli

GOOD = CORE_DATA / "directory_files" / "lokala.csv"


def ours(folder: Path, *sql: str) -> None:
    opened = open_store(folder / "fkstod.sqlite3", MIGRATION_SETS)
    UsageRecorder(opened.db).record("referral_shown", category="akut")
    opened.db.close()
    conn = sqlite3.connect(folder / "fkstod.sqlite3")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def write(name: str, data: bytes):
    return lambda folder: (folder / name).write_bytes(data)


def foreign(folder: Path) -> None:
    conn = sqlite3.connect(folder / "fkstod.sqlite3")
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()


def garbage_wal(folder: Path) -> None:
    ours(folder)
    (folder / "fkstod.sqlite3-wal").write_bytes(os.urandom(5000))
    (folder / "fkstod.sqlite3-shm").write_bytes(os.urandom(32768))


def missing_column(folder: Path) -> None:
    ours(
        folder,
        "ALTER TABLE usage_counts RENAME TO old",
        "CREATE TABLE usage_counts (month, metric, count)",
        "DROP TABLE old",
    )


STATES = {
    "random bytes": write("fkstod.sqlite3", os.urandom(8192)),
    "zeros": write("fkstod.sqlite3", bytes(8192)),
    "only the header": write("fkstod.sqlite3", b"SQLite format 3\x00" + bytes(84)),
    "empty": write("fkstod.sqlite3", b""),
    "another program's": foreign,
    "a table dropped": lambda f: ours(f, "DROP TABLE settings"),
    "a column missing": missing_column,
    "labels not JSON": lambda f: ours(f, "UPDATE usage_counts SET labels = 'x'"),
    "labels an array": lambda f: ours(f, "UPDATE usage_counts SET labels = '[]'"),
    "a list a number": lambda f: ours(
        f, "INSERT INTO directory_entries (id, organisation, kommuner) VALUES ('l', 'O', '5')"
    ),
    "a garbage -wal and -shm": garbage_wal,
    "a garbage -journal": lambda f: (ours(f), write("fkstod.sqlite3-journal", os.urandom(4096))(f)),
    "the database a folder": lambda f: (f / "fkstod.sqlite3").mkdir(),
    "the lock a folder": lambda f: (f / "fkstod.lock").mkdir(),
}


@pytest.mark.parametrize("command", [("usage", "show"), ("directory", "import", str(GOOD))])
@pytest.mark.parametrize("state", list(STATES))
def test_every_state_has_a_way_out(data_folder, state, command):
    STATES[state](data_folder)
    result = run_cli(*command, env={"FKSTOD_DATA_DIR": str(data_folder)}, timeout=30)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "sqlite3." not in result.stderr
    assert result.stderr.strip() or result.returncode == 0
    if result.returncode == 1:
        assert result.stderr.startswith("fkstod: ")
    if state not in REFUSED:
        # A way out: the next run works with what was kept or a fresh database.
        again = run_cli("usage", "show", env={"FKSTOD_DATA_DIR": str(data_folder)})
        assert again.returncode == 0, again.stderr


# States fkstod must leave as they are: the user moves the file away.
REFUSED = {"another program's", "the database a folder", "the lock a folder"}


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes in the file system")
def test_a_symlink_to_a_device_is_refused(data_folder):
    (data_folder / "fkstod.sqlite3").symlink_to("/dev/zero")
    result = run_cli("usage", "show", env={"FKSTOD_DATA_DIR": str(data_folder)}, timeout=30)
    assert result.returncode == 1 and "inte en vanlig fil" in result.stderr


def test_a_writing_command_in_a_read_only_folder_still_refuses_with_exit_1(data_folder):
    # The window runs on such a folder without writing; the command line keeps its word:
    # a Swedish message, exit code 1, nothing changed.
    from tests.unwritable import contents, unwritable

    ours(data_folder)
    before = contents(data_folder)
    with unwritable(data_folder):
        result = run_cli(
            "directory", "import", str(GOOD), env={"FKSTOD_DATA_DIR": str(data_folder)}
        )
        assert contents(data_folder) == before
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("fkstod: ") and "Traceback" not in result.stderr
    assert "skriva" in result.stderr
