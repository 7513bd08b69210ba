"""The check that the database file is still the one opened, made before every write.

A write into a file another program has put aside is lost (``Db.transaction``); the
check is one ``stat`` of the path. Measured alone, and as part of a setting saved
on the real, file-backed database, against the same save without it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.settings import Settings
from fkstod.core.store import is_the_file, open_store
from tests.benchmarks import Result, time_ms

_BATCH = 100


def main() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fkstod.sqlite3"
        opened = open_store(path, MIGRATION_SETS)
        opened_as = opened.db.opened_as
        assert opened_as is not None

        def batch() -> None:
            for _ in range(_BATCH):
                is_the_file(path, opened_as)

        check = [t / _BATCH for t in time_ms(batch, 2000)]
        settings = Settings(opened.db)
        for _ in range(50):  # warm up
            settings.set("n", 1)
        checked = time_ms(lambda: settings.set("n", 2), 2000)
        opened.db.opened_as = None  # the same save, not checked
        unchecked = time_ms(lambda: settings.set("n", 3), 2000)
        opened.db.opened_as = opened_as
        opened.db.close()
    return [
        Result.of("is the database file the one opened (p95)", check, 0.05, "ms"),
        Result.of("save a setting, checked (p95)", checked, 1.0, "ms"),
        Result.of("save a setting, not checked (p95)", unchecked, None, "ms"),
    ]
