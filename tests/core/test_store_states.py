"""Every state the database file can be in has a way out, never a traceback."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fkstod.core.migrate import MigrationSet, apply_pending
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import APPLICATION_ID, ForeignDatabaseError, StoreError, open_store
from fkstod.core.usage import UsageRecorder
from tests.conftest import REPO, run_fkstod


def db_file(folder: Path) -> Path:
    return folder / "fkstod.sqlite3"


def side_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def app_id(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


def a_stored_count(folder: Path) -> None:
    opened = open_store(db_file(folder), MIGRATION_SETS)
    UsageRecorder(opened.db).record("referral_shown", category="akut")
    opened.db.close()


# -- ours, marked ------------------------------------------------------------------


def test_a_new_database_is_marked_as_fkstods(data_folder):
    open_store(db_file(data_folder), MIGRATION_SETS).db.close()
    assert app_id(db_file(data_folder)) == APPLICATION_ID != 0


def test_an_unmarked_fkstod_database_is_adopted_with_its_data(data_folder):
    a_stored_count(data_folder)
    conn = sqlite3.connect(db_file(data_folder))
    conn.execute("PRAGMA application_id = 0")  # as every fkstod before the mark wrote it
    conn.close()
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    assert opened.notice is None
    assert [c.count for c in UsageRecorder(opened.db).counts()] == [1]
    opened.db.close()
    assert app_id(db_file(data_folder)) == APPLICATION_ID


def test_an_empty_file_becomes_a_new_database(data_folder):
    db_file(data_folder).write_bytes(b"")
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    assert opened.notice is None
    opened.db.close()
    assert app_id(db_file(data_folder)) == APPLICATION_ID


# -- another program's file --------------------------------------------------------


def foreign(path: Path, application_id: int, journal: str = "delete") -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute(f"PRAGMA application_id = {application_id}")
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('semester.jpg')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("application_id", "journal"),
    [(0x0F00BA12, "delete"), (0, "delete"), (0x0F00BA12, "wal"), (0, "wal")],
)
def test_another_programs_database_is_refused_untouched(data_folder, application_id, journal):
    foreign(db_file(data_folder), application_id, journal)
    before = db_file(data_folder).read_bytes()
    names = side_files(data_folder)
    with pytest.raises(ForeignDatabaseError, match="annat program"):
        open_store(db_file(data_folder), MIGRATION_SETS)
    assert db_file(data_folder).read_bytes() == before
    assert side_files(data_folder) == names


def test_another_programs_database_is_refused_on_the_command_line(data_folder):
    foreign(db_file(data_folder), 0x0F00BA12)
    before = db_file(data_folder).read_bytes()
    result = run_fkstod("usage", "show", env={"FKSTOD_DATA_DIR": str(data_folder)})
    assert result.returncode == 1
    assert "annat program" in result.stderr and "Traceback" not in result.stderr
    assert db_file(data_folder).read_bytes() == before


# -- a hot rollback journal --------------------------------------------------------

CRASH_MID_TRANSACTION = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("PRAGMA cache_size = 1")  # spill to the file before commit
conn.execute("BEGIN")
for n in range(3000):
    conn.execute(
        "INSERT INTO usage_counts (month, metric, labels, count) VALUES (?, ?, ?, ?)",
        ["2026-01", "crash", str(n) + "x" * 200, 1],
    )
print("ready", flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_hot_journal_left_by_a_crash_is_rolled_back(data_folder):
    a_stored_count(data_folder)
    conn = sqlite3.connect(db_file(data_folder))
    conn.execute("PRAGMA journal_mode = DELETE")  # a rollback-journal database
    conn.close()
    child = subprocess.Popen(
        [sys.executable, "-c", CRASH_MID_TRANSACTION, str(db_file(data_folder))],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout.readline().strip() == "ready"
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    journal = data_folder / "fkstod.sqlite3-journal"
    assert journal.exists() and journal.stat().st_size > 0  # hot: the crash left it
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    assert opened.notice is None  # recovered, not quarantined
    counts = UsageRecorder(opened.db).counts()
    assert [(c.metric, c.count) for c in counts] == [("referral_shown", 1)]
    opened.db.close()
    assert not journal.exists()
    assert not (data_folder / "quarantine").exists()


# -- our tables, damaged -----------------------------------------------------------


def damage(folder: Path, sql: str) -> bytes:
    a_stored_count(folder)
    conn = sqlite3.connect(db_file(folder))
    conn.execute(sql)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db_file(folder).read_bytes()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE usage_counts SET labels = '{not json'",
        "INSERT INTO directory_entries (id, organisation, sprak) VALUES ('lokal-x', 'X', '[1,')",
        "DROP TABLE usage_counts",
        "DROP TABLE directory_entries",
    ],
)
def test_damaged_tables_are_quarantined_with_one_notice(data_folder, sql):
    original = damage(data_folder, sql)
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    assert (
        opened.notice and "flyttats" in opened.notice and str(opened.quarantined) in opened.notice
    )
    assert (opened.quarantined / "fkstod.sqlite3").read_bytes() == original
    assert UsageRecorder(opened.db).counts() == []  # a fresh database, working
    opened.db.close()
    again = open_store(db_file(data_folder), MIGRATION_SETS)
    assert again.notice is None  # told once
    again.db.close()


def earlier_sets(version: tuple[str, int]) -> list[MigrationSet]:
    """The migration sets of an earlier fkstod: set ``name`` had only its first ``k`` steps."""
    name, k = version
    sets = []
    for migration_set in MIGRATION_SETS:
        earlier = MigrationSet(migration_set.name)
        earlier.steps = migration_set.steps[: k if migration_set.name == name else None]
        sets.append(earlier)
    return sets


def earlier_damages() -> list[tuple[tuple[str, int], str, str | None]]:
    """Each earlier version, and each declared table and column its file holds."""
    cases = []
    for migration_set in MIGRATION_SETS:
        for k in range(1, len(migration_set.steps)):
            version = (migration_set.name, k)
            conn = sqlite3.connect(":memory:", isolation_level=None)
            apply_pending(conn, earlier_sets(version))
            for declared in MIGRATION_SETS:
                for table in declared.tables:
                    columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
                    if columns:
                        cases.append((version, table, None))
                        cases += [
                            (version, table, c) for c in columns if c in declared.tables[table]
                        ]
            conn.close()
    return cases


@pytest.mark.parametrize(
    ("version", "table", "column"),
    earlier_damages(),
    ids=lambda v: "-".join(map(str, v)) if isinstance(v, tuple) else str(v),
)
def test_an_earlier_versions_damaged_database_is_quarantined_too(
    data_folder, version, table, column
):
    # Its pending steps meet the damage first (an index on a table that is gone): the
    # file is moved away with one notice, as at this version, not refused at start.
    opened = open_store(db_file(data_folder), earlier_sets(version))
    UsageRecorder(opened.db).record("referral_shown", category="akut")
    opened.db.close()
    conn = sqlite3.connect(db_file(data_folder))
    if column is None:
        conn.execute(f'DROP TABLE "{table}"')
    else:
        conn.execute(f'ALTER TABLE "{table}" RENAME COLUMN "{column}" TO "{column}_borta"')
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    original = db_file(data_folder).read_bytes()
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    assert opened.notice and "flyttats" in opened.notice
    if column is None:  # no step ran on it (a column gone is found once they have)
        assert (opened.quarantined / "fkstod.sqlite3").read_bytes() == original
    assert UsageRecorder(opened.db).counts() == []  # a fresh database, working
    opened.db.close()


def test_an_earlier_file_whose_first_step_now_makes_more_columns_is_migrated(data_folder):
    # A create step may follow the model (create_directory_entries takes FIELD_NAMES):
    # once a field is added, with a step that adds it to older files, the step makes
    # more columns than an older file got from it. That file is healthy, not damaged.
    fields = ["namn"]
    notes = MigrationSet("notes")

    @notes()
    def create_notes(conn: sqlite3.Connection) -> None:
        conn.execute(f"CREATE TABLE notes ({', '.join(fields)})")

    opened = open_store(db_file(data_folder), [*MIGRATION_SETS, notes])
    opened.db.execute("INSERT INTO notes (namn) VALUES ('kvar')")
    opened.db.close()
    fields.append("farg")

    @notes()
    def add_farg(conn: sqlite3.Connection) -> None:
        if "farg" not in {r[1] for r in conn.execute("PRAGMA table_info(notes)")}:
            conn.execute("ALTER TABLE notes ADD COLUMN farg")

    notes.declare_table("notes", ("namn", "farg"))
    opened = open_store(db_file(data_folder), [*MIGRATION_SETS, notes])
    assert opened.notice is None
    assert opened.db.execute("SELECT namn, farg FROM notes").fetchall() == [("kvar", None)]
    opened.db.close()


def test_invalid_json_on_the_command_line_is_a_notice_not_a_traceback(data_folder):
    damage(data_folder, "UPDATE usage_counts SET labels = '{not json'")
    result = run_fkstod("usage", "show", env={"FKSTOD_DATA_DIR": str(data_folder)})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "flyttats" in result.stderr


# -- paths that are not a database file --------------------------------------------


def test_a_database_path_that_is_a_folder_gets_a_clear_message(data_folder):
    db_file(data_folder).mkdir()
    with pytest.raises(StoreError, match="är en mapp"):
        open_store(db_file(data_folder), MIGRATION_SETS)
    assert db_file(data_folder).is_dir()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes in the file system")
def test_a_database_path_that_is_a_pipe_is_refused_without_reading_it(data_folder):
    os.mkfifo(db_file(data_folder))
    with pytest.raises(StoreError, match="inte en vanlig fil"):
        open_store(db_file(data_folder), MIGRATION_SETS)


@pytest.mark.parametrize("kind", ["folder", "pipe", "symlink"])
def test_a_lock_file_that_is_not_a_file_gets_a_clear_message(data_folder, tmp_path, kind):
    lock = data_folder / "fkstod.lock"
    other = tmp_path / "brev.txt"  # a link's target: the lock's text must never land in it
    other.write_text("Mitt brev, som ingen annan skriver i.", encoding="utf-8")
    if kind == "folder":
        lock.mkdir()
    elif sys.platform == "win32":
        pytest.skip("named pipes and symlinks in the file system")
    elif kind == "pipe":
        os.mkfifo(lock)
    else:
        lock.symlink_to(other)
    result = run_fkstod("usage", "show", env={"FKSTOD_DATA_DIR": str(data_folder)}, timeout=20)
    assert result.returncode == 1
    assert "kan inte låsas" in result.stderr and "Traceback" not in result.stderr
    assert ("det är en mapp" if kind == "folder" else "ingen vanlig fil") in result.stderr
    assert other.read_text(encoding="utf-8") == "Mitt brev, som ingen annan skriver i."


def test_a_data_folder_that_is_a_file_gets_a_clear_message(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("x")
    result = run_fkstod("usage", "show", env={"FKSTOD_DATA_DIR": str(blocker)})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Datamappen" in result.stderr


def test_the_declared_tables_are_the_tables_the_migrations_create(memory_db):
    created = {t for t in memory_db.utils.table_names() if not t.startswith("_sqlite")}
    declared = {t for s in MIGRATION_SETS for t in s.tables}
    assert declared == created
    for migration_set in MIGRATION_SETS:
        for table, columns in migration_set.tables.items():
            assert set(columns) == set(memory_db[table].columns_dict), table
            assert set(migration_set.json_columns[table]) <= set(columns), table


def test_an_unmarked_damaged_database_is_quarantined_as_it_was(data_folder):
    a_stored_count(data_folder)
    conn = sqlite3.connect(db_file(data_folder))
    conn.execute("PRAGMA application_id = 0")
    conn.execute("UPDATE usage_counts SET labels = '[1, 2'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    original = db_file(data_folder).read_bytes()
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    assert (opened.quarantined / "fkstod.sqlite3").read_bytes() == original
    opened.db.close()
    assert app_id(db_file(data_folder)) == APPLICATION_ID


# -- a clean close lets the next start skip reading every value --------------------


@pytest.fixture
def checks(monkeypatch):
    """The ``values`` flag of every ``damage`` check ``open_store`` makes."""
    from fkstod.core import store

    seen: list[bool] = []
    real = store.damage

    def spy(db, migration_sets, *, values=True):
        seen.append(values)
        return real(db, migration_sets, values=values)

    monkeypatch.setattr(store, "damage", spy)
    return seen


def closed_mark(folder: Path) -> Path:
    return folder / "fkstod.sqlite3-closed"


def test_after_a_clean_close_the_next_start_checks_tables_not_every_value(data_folder, checks):
    a_stored_count(data_folder)  # a new database: every value read
    assert closed_mark(data_folder).is_file()
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    assert not closed_mark(data_folder).exists()  # good for one start only
    assert UsageRecorder(opened.db).counts()  # the data is there
    opened.db.close()
    assert checks == [True, False]


def test_after_a_crash_the_next_start_reads_every_value(data_folder, checks):
    a_stored_count(data_folder)
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    UsageRecorder(opened.db).record("referral_shown", category="akut")
    opened.db.conn.close()  # the process dies: no clean close, no mark
    opened.db.closed_mark = None
    assert not closed_mark(data_folder).exists()
    open_store(db_file(data_folder), MIGRATION_SETS).db.close()
    assert checks == [True, False, True]


@pytest.mark.parametrize("change", ["touched", "wal left", "mark a folder", "mark garbage"])
def test_a_file_not_as_the_clean_close_left_it_gets_every_value_read(data_folder, checks, change):
    a_stored_count(data_folder)
    if change == "touched":  # changed by something else, say: its time is not the mark's
        os.utime(db_file(data_folder), ns=(0, 10**18))
    elif change == "wal left":
        (data_folder / "fkstod.sqlite3-wal").write_bytes(b"")
    elif change == "mark a folder":
        closed_mark(data_folder).unlink()
        closed_mark(data_folder).mkdir()
    else:
        closed_mark(data_folder).write_bytes(b"\xff" * 50)
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    assert opened.notice is None
    opened.db.close()
    assert checks == [True, True]


def test_a_bad_value_written_by_another_program_after_a_clean_close_is_found(data_folder):
    original = damage(data_folder, "UPDATE usage_counts SET labels = '{not json'")
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    assert opened.notice and (opened.quarantined / "fkstod.sqlite3").read_bytes() == original
    opened.db.close()


def test_a_file_put_in_the_databases_place_while_open_is_not_marked_as_closed_cleanly(
    data_folder, tmp_path, checks
):
    a_stored_count(data_folder)  # a database of fkstod's own, to put in the place
    other = tmp_path / "kopia.sqlite3"
    other.write_bytes(db_file(data_folder).read_bytes())
    opened = open_store(db_file(data_folder), MIGRATION_SETS)
    os.replace(other, db_file(data_folder))  # a backup restored while fkstod runs
    opened.db.close()
    assert not closed_mark(data_folder).exists()
    open_store(db_file(data_folder), MIGRATION_SETS).db.close()
    assert checks == [True, False, True]  # every value of the restored file is read
