"""Shared fixtures. Widget tests run offscreen, also on a desktop."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

REPO = Path(__file__).resolve().parents[1]
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
