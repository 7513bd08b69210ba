"""The store survives bad files without a crash or a lost byte of a good database."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

from fkstod.core.migrate import MigrationSet
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import NewerSchemaError, StoreError, open_store
from fkstod.core.usage import UsageRecorder
from tests.conftest import REPO
from tests.unwritable import unwritable


def db_file(folder: Path) -> Path:
    return folder / "fkstod.sqlite3"


def test_a_new_database_is_created_in_wal_mode_with_every_migration(data_folder):
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    assert opened.notice is None
    assert opened.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert opened.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert {"settings", "usage_counts"} <= set(opened.db.utils.table_names())
    opened.db.close()


def test_reopening_keeps_what_was_stored(data_folder):
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    UsageRecorder(opened.db).record("referral_shown", category="kvinnor")
    opened.db.close()
    again = open_store(db_file(data_folder), MIGRATION_SETS)
    assert [c.count for c in UsageRecorder(again.db).counts()] == [1]
    again.db.close()


def assert_quarantined(folder: Path, original: bytes, opened) -> None:
    assert opened.notice and "flyttats" in opened.notice
    moved = opened.quarantined / "fkstod.sqlite3"
    assert moved.read_bytes() == original  # not a byte lost
    assert moved.parent.parent == folder / "quarantine"
    assert opened.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert "usage_counts" in opened.db.utils.table_names()


def test_a_file_of_random_bytes_is_quarantined_and_replaced(data_folder):
    junk = os.urandom(64 * 1024)
    db_file(data_folder).write_bytes(junk)
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    assert_quarantined(data_folder, junk, opened)
    opened.db.close()


def test_a_truncated_database_is_quarantined_with_its_side_files(data_folder):
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    recorder = UsageRecorder(opened.db)
    for _ in range(200):
        recorder.record("referral_shown", category="akut")
    opened.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.db.close()
    data = db_file(data_folder).read_bytes()
    truncated = data[: len(data) // 2 + 100]
    db_file(data_folder).write_bytes(truncated)
    (data_folder / "fkstod.sqlite3-wal").write_bytes(b"")
    again = open_store(db_file(data_folder), MIGRATION_SETS)
    assert_quarantined(data_folder, truncated, again)
    assert (again.quarantined / "fkstod.sqlite3-wal").exists()
    again.db.close()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(data_folder):
    newer = Migrations("usage")

    @newer()
    def create_usage_counts(db):
        db["usage_counts"].create({"month": str, "metric": str, "labels": str, "count": int})

    @newer()
    def step_from_the_future(db):
        db["future"].create({"x": int})

    db = sqlite3.connect(db_file(data_folder))
    from sqlite_utils import Database

    newer.apply(Database(db))
    db.close()
    before = db_file(data_folder).read_bytes()
    with pytest.raises(NewerSchemaError, match="nyare version"):
        open_store(db_file(data_folder), MIGRATION_SETS)
    assert db_file(data_folder).read_bytes() == before
    assert not (data_folder / "quarantine").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("with_database", [False, True])
def test_a_read_only_folder_gives_a_clear_error_and_moves_nothing(tmp_path, with_database):
    folder = tmp_path / "ro"
    folder.mkdir()
    if with_database:
        opened = open_store(folder / "fkstod.sqlite3", MIGRATION_SETS)
        UsageRecorder(opened.db).record("referral_shown", category="akut")
        opened.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        opened.db.close()
        for side in folder.glob("fkstod.sqlite3-*"):
            side.unlink()
    before = sorted(p.name for p in folder.iterdir())
    with unwritable(folder), pytest.raises(StoreError, match="går inte att skriva till"):
        open_store(folder / "fkstod.sqlite3", MIGRATION_SETS)
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_folder_that_cannot_be_created_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="kan inte skapas"):
        open_store(blocker / "sub" / "fkstod.sqlite3", MIGRATION_SETS)


def test_a_read_only_database_file_gives_a_clear_error(data_folder, monkeypatch):
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    opened.db.close()

    real_connect = sqlite3.connect

    def read_only_connect(target, *args, **kwargs):
        if str(target) == str(db_file(data_folder)):
            return real_connect(
                f"{db_file(data_folder).as_uri()}?mode=ro",
                uri=True,
                **{k: v for k, v in kwargs.items() if k != "uri"},
            )
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only_connect)
    newer = MigrationSet("extra")

    @newer()
    def add_table(conn):
        conn.execute("CREATE TABLE extra (x INTEGER)")

    with pytest.raises(StoreError, match="kan inte öppnas"):
        open_store(db_file(data_folder), (*MIGRATION_SETS, newer))


CHILD = """
import sys
from pathlib import Path
from fkstod.core.migrate import MigrationSet
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import open_store
from fkstod.core.usage import UsageRecorder
opened = open_store(Path(sys.argv[1]), MIGRATION_SETS)
recorder = UsageRecorder(opened.db)
print("ready", flush=True)
while True:
    done = recorder.record("referral_shown", category="akut")
    print(done.count, flush=True)
"""


@pytest.mark.slow
def test_killing_the_writer_a_hundred_times_loses_no_committed_count(data_folder):
    path = db_file(data_folder)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    last_committed = 0
    for round_ in range(100):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep((round_ % 7) * 0.003)
        child.send_signal(signal.SIGKILL)
        with child.stdout:
            printed = [line.strip() for line in child.stdout.read().splitlines() if line.strip()]
        child.wait()
        if printed:
            # Each printed count was committed before it was printed.
            last_committed = max(last_committed, int(printed[-1]))
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count FROM usage_counts").fetchone()
        conn.close()
        stored = stored[0] if stored else 0
        # Nothing committed is lost; at most the one in flight was added unseen.
        assert last_committed <= stored <= last_committed + 1
        last_committed = stored
    assert not (data_folder / "quarantine").exists()


@pytest.mark.parametrize("share", [r"\\server\profiles\anna\fkstod", "//server/share/fkstod"])
def test_a_data_folder_on_a_network_share_is_refused(share):
    with pytest.raises(StoreError, match="nätverksdelning"):
        open_store(Path(share) / "fkstod.sqlite3", MIGRATION_SETS)


def test_a_locked_database_is_refused_not_quarantined(data_folder):
    path = db_file(data_folder)
    open_store(path, MIGRATION_SETS).db.close()
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("COMMIT")  # keeps the exclusive lock in this locking mode
    try:
        with pytest.raises(StoreError, match="används av ett annat program"):
            # The same refusal as after the real 5 s wait, without waiting it out.
            open_store(path, MIGRATION_SETS, busy_timeout_ms=50)
    finally:
        holder.close()
    assert not (data_folder / "quarantine").exists()
    assert path.exists()


def test_a_database_that_cannot_be_opened_is_refused_not_quarantined(data_folder, monkeypatch):
    path = db_file(data_folder)
    open_store(path, MIGRATION_SETS).db.close()
    real_connect = sqlite3.connect

    def cannot_open(target, *args, **kwargs):
        if "mode=ro" in str(target):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", cannot_open)
    with pytest.raises(StoreError, match="kan inte öppnas"):
        open_store(path, MIGRATION_SETS)
    assert not (data_folder / "quarantine").exists()


def test_a_quarantine_that_cannot_be_made_is_a_clear_error(data_folder, monkeypatch):
    db_file(data_folder).write_bytes(b"not a database at all" * 100)

    def no_room(path):
        raise PermissionError(13, "Permission denied")

    from fkstod.core import store

    monkeypatch.setattr(store, "quarantine", no_room)
    with pytest.raises(StoreError, match="kan inte flyttas undan: du saknar behörighet"):
        open_store(db_file(data_folder), MIGRATION_SETS)


def test_a_write_that_fails_is_a_swedish_store_error_and_changes_nothing(data_folder):
    from fkstod.core.settings import Settings

    path = db_file(data_folder)
    opened = open_store(path, MIGRATION_SETS)
    settings = Settings(opened.db)
    settings.set("window/text_scale", 1.2)
    opened.db.conn.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(path, timeout=0.05)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="används av ett annat program"):
            settings.set("window/text_scale", 1.5)
    finally:
        holder.rollback()
        holder.close()
    assert settings.get("window/text_scale") == 1.2
    opened.db.close()


def test_a_count_that_cannot_be_saved_is_dropped_and_the_work_goes_on(data_folder):
    # Counting must never stop a caseworker: a locked database loses the count, not the call.
    path = db_file(data_folder)
    opened = open_store(path, MIGRATION_SETS)
    recorder = UsageRecorder(opened.db)
    recorder.record("referral_shown", category="akut")
    opened.db.conn.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(path, timeout=0.05)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert recorder.record("referral_shown", category="akut") is None
    finally:
        holder.rollback()
        holder.close()
    assert [c.count for c in recorder.counts()] == [1]
    opened.db.close()


def test_an_error_after_which_sqlite_rolled_back_itself_is_the_error_reported(memory_db):
    # SQLite ends the transaction itself on some errors (disk full, I/O error); the
    # rollback that follows must not replace that error with "cannot rollback".
    with (
        pytest.raises(StoreError, match="Det gick inte att spara"),
        memory_db.transaction() as conn,
    ):
        conn.execute("ROLLBACK")  # what SQLite does by itself on SQLITE_FULL
        raise sqlite3.OperationalError("database or disk is full")
    assert not memory_db.conn.in_transaction


def test_a_fault_while_migrating_leaves_no_connection_open(data_folder, monkeypatch):
    # On Windows an open handle keeps the file locked: a quarantine could not move it.
    from fkstod.core import store

    opened = []
    real_connect = sqlite3.connect

    def tracked(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        opened.append(conn)
        return conn

    def broken_step(*_args, **_kwargs):
        raise RuntimeError("a step of fkstod's own went wrong")

    monkeypatch.setattr(sqlite3, "connect", tracked)
    monkeypatch.setattr(store, "apply_pending", broken_step)
    with pytest.raises(RuntimeError):
        open_store(db_file(data_folder), MIGRATION_SETS)
    assert opened
    for conn in opened:
        with pytest.raises(sqlite3.ProgrammingError):  # closed
            conn.execute("SELECT 1")
