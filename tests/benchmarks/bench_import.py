"""Directory import: 100 000 entries from a CSV file and from an HSDS package (≤ 10 s each).

Timed from the file to the entries stored and searchable: read, check, plan,
apply (one transaction) and the index rebuilt, into an empty data folder.
"""

from __future__ import annotations

import math
import tempfile
import time
from pathlib import Path

from fkstod.core.directory import csvfile, hsds
from fkstod.core.files import NOTHING_PROTECTED, FileProblem
from tests.benchmarks import Result
from tests.benchmarks.data import fill_data_folder, generate

N = 100_000


def _import(folder: Path, source: Path) -> tuple[float, str]:
    from fkstod import paths
    from fkstod.core.directory import Directory
    from fkstod.core.schema import MIGRATION_SETS
    from fkstod.core.store import open_store

    db = open_store(paths.database_path(fill_data_folder(folder, 0)), MIGRATION_SETS).db
    try:
        start = time.perf_counter()
        directory = Directory(db)
        try:
            plan = directory.plan_import(source)
        except FileProblem as exc:
            return math.inf, f"vägrades: {exc}"[:70]
        if not plan.ok:
            return math.inf, f"fel: {plan.problems[0]}"[:70]
        directory.apply_import(plan)
        seconds = time.perf_counter() - start
        assert len(directory.local_entries()) == N
        return seconds, f"{len(plan.added)} nya"
    finally:
        db.close()


def main() -> list[Result]:
    entries = generate(N)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp)
        csvfile.write_csv(entries, here / "katalog.csv", NOTHING_PROTECTED)
        hsds.write_package(entries, here / "hsds", NOTHING_PROTECTED)
        for label, source in (("CSV", here / "katalog.csv"), ("HSDS", here / "hsds")):
            seconds, note = _import(here / f"data-{label}", source)
            results.append(
                Result(f"import av 100 000 poster, {label}", seconds, 10, "s", note=note)
            )
    return results
