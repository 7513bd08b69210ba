"""Whether the fkstod window owns a data folder, seen from the command line.

The window holds ``fkstod.lock`` (a Qt lock file: the owner's process id on the
first line) for as long as it runs. Command-line writes check it, so that only
one process writes to the database: SQLite before 3.51.3 can corrupt a WAL
database when two processes write at the same instant.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from fkstod import paths


def window_owns(folder: Path) -> bool:
    """Return True when a running fkstod window holds the lock on ``folder``."""
    lock = paths.lock_path(folder)
    if not lock.exists():
        return False
    if sys.platform == "win32":
        # Qt keeps the lock file open without write sharing while it holds it.
        try:
            with lock.open("r+b"):
                return False
        except PermissionError:
            return True
    try:
        pid = int(lock.read_text(encoding="utf-8", errors="replace").splitlines()[0])
    except (OSError, ValueError, IndexError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False  # left behind by a process that is gone
    except PermissionError:
        return True  # alive, owned by someone else
    return True
