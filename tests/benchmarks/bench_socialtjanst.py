"""A kommun's socialtjänst named while 100 000 entries are still being read (≤ 50 ms, the event loop's budget).

An orosanmälan names its addressee ("Socialtjänsten: …") from the directory.
Soon after a start the directory is still read in slices; the lookup then asks
the store (``DirectoryLoader.socialtjanst_for``), and must never hold the event
loop longer than DESIGN.md allows for any moment after the first paint. Each of
the 290 kommuner is asked once before the load's first slice (the first lookup
also reads the shipped file), then once more with the directory loaded (the
index answers). The full load is timed too, for information: it is what a
lookup waited for before.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tests.benchmarks import Result, time_ms
from tests.benchmarks.data import fill_data_folder

N = 100_000
#: DESIGN.md: the event loop blocked at any moment after the first paint.
BLOCK_MS = 50


def main() -> list[Result]:
    from fkstod import paths
    from fkstod.core import kommuner
    from fkstod.core.directory import Directory
    from fkstod.core.schema import MIGRATION_SETS
    from fkstod.core.store import open_store

    codes = [k.kod for k in kommuner.kommuner()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = fill_data_folder(Path(tmp), N)
        db = open_store(paths.database_path(folder), MIGRATION_SETS).db
        loader = Directory.in_slices(db)
        early = [time_ms(lambda k=k: loader.socialtjanst_for(k), 1)[0] for k in codes]
        assert not loader.done
        start = time.perf_counter()
        loader.finish()
        load_ms = (time.perf_counter() - start) * 1000
        loaded = [time_ms(lambda k=k: loader.socialtjanst_for(k), 1)[0] for k in codes]
        db.close()
    return [
        Result.of(
            "socialtjänst för en kommun medan 100 000 läses in, max", early, BLOCK_MS, "ms", "max"
        ),
        Result.of(
            "socialtjänst för en kommun, katalogen inläst, max", loaded, BLOCK_MS, "ms", "max"
        ),
        Result(
            "läsa in 100 000 poster i ett svep (det en sökning väntade på)",
            load_ms,
            None,
            "ms",
        ),
    ]
