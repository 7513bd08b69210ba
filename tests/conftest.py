"""Shared fixtures. Widget tests run offscreen, also on a desktop."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
#: Test data the core, CLI and widget tests share: directory files and flow fixtures.
CORE_DATA = TESTS / "core"
#: For a test that replaces, moves or removes the open database file as another program
#: would: Windows refuses all three while SQLite holds the file (it shares no delete).
REPLACES_OPEN_FILES = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows lets no program replace a file SQLite holds open"
)
SHARED = REPO.parent / "shared"


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    """An empty data folder of its own for one test."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def memory_db():
    """An in-memory database with every migration applied."""
    from fkstod.core.schema import MIGRATION_SETS
    from fkstod.core.store import open_memory

    db = open_memory(MIGRATION_SETS)
    yield db
    db.close()


def run_fkstod(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 60):
    """Run ``python -m fkstod ARGS`` from this checkout and return the CompletedProcess."""
    import subprocess

    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "fkstod", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        cwd=cwd or REPO,
        timeout=timeout,
    )


def run_window_probe(code: str, data_folder: Path, timeout: float = 120, expect: int = 0):
    """Run ``code`` (a script that starts the window its own way) in a fresh process.

    ``sys.argv[1]`` is ``data_folder``; Qt draws offscreen. Fails the test when the
    process does not end with ``expect`` (-9: it killed itself); returns the
    CompletedProcess (its stdout holds what the script printed).
    """
    import subprocess

    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(data_folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == expect, done.stderr
    return done


class CliResult:
    """What an in-process run of the command line gave: like a CompletedProcess."""

    def __init__(self, args: tuple[str, ...], returncode: int, stdout: str, stderr: str) -> None:
        self.args, self.returncode, self.stdout, self.stderr = args, returncode, stdout, stderr


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 60):
    """Run ``fkstod ARGS`` in this process (``main(argv)``) and return what it gave.

    Faster than ``run_fkstod`` and the same for what a test checks: the exit code
    and the two streams. ``timeout`` is accepted for the same calls, and unused.
    Use ``run_fkstod`` for what only a process shows (no traceback, no Qt loaded).
    """
    import contextlib
    import io

    from fkstod.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    try:
        os.environ.update(env or {})
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --version, --help, usage errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return CliResult(args, code, out.getvalue(), err.getvalue())
