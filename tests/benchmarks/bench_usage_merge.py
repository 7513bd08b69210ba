"""Merging export files: 10 000 in ≤ 10 s, 100 000 in ≤ 100 s, memory flat in the number of files.

The files are generated in a temporary folder: each a real export (a random id,
the checksum over its canonical content) of one caseworker's month, 40 counts.
The 100 000-file run takes a few minutes to generate and read on the 2-core dev
machine and is opt-in: ``FKSTOD_BENCH_MERGE_100K=1 make bench``.

Memory: resident set size (``VmRSS`` in ``/proc/self/status``, Linux) sampled by
the progress callback after the first tenth of the files and at the end; the
growth in between divided by the files read is what each file leaves behind.
Each export file is ~5 kB; what may stay is its id in the set of ids seen (for
de-duplication) and its month's id with that month's total (so that a month
sent again counts once), about 0.3 kB, so the budget is 0.5 kB a file for any n.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from fkstod.core.usage.export import FORMAT, FORMAT_VERSION, checksum, serialise_export
from fkstod.core.usage.indicators import build_reports
from fkstod.core.usage.merge import merge_exports
from fkstod.core.usage.registry import METRICS
from fkstod.core.usage.units import Unit, shipped_threshold
from fkstod.core.vocabulary import BENEFITS, OUTCOME_CODES
from tests.benchmarks import Result

UNITS = (Unit("syd", "Region syd"), Unit("nord", "Region nord"))
FLOWS = ("fraga-vid-indikation", "sjukpenning-atergang")


def _counts(month: str, i: int) -> list[dict]:
    out = []
    benefits = sorted(BENEFITS)
    for k, outcome in enumerate(sorted(OUTCOME_CODES)[:30]):
        out.append(
            {
                "metric": "flow_outcome",
                "labels": {"benefit": benefits[k % 5], "flow": FLOWS[k % 2], "outcome": outcome},
                "month": month,
                "count": 1 + (i + k) % 17,
            }
        )
    for metric in ("flow_started", "flow_completed", "case_note_copied"):
        for b in benefits:
            labels = {"benefit": b, "flow": FLOWS[0]}
            assert set(labels) == METRICS[metric].label_names()
            out.append({"metric": metric, "labels": labels, "month": month, "count": 1 + i % 9})
    return out


def generate(folder: Path, n: int) -> None:
    """Write ``n`` export files into ``folder``."""
    for i in range(n):
        month = f"2026-{1 + i % 11:02d}"
        doc = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "export_id": str(uuid.uuid4()),
            "months": [month],
            "month_ids": {month: str(uuid.uuid4())},
            "unit": UNITS[i % 2].code,
            "app_version": "0.1.0",
            "content_version": "2026.11",
            "counts": _counts(month, i),
        }
        doc["sha256"] = checksum(doc)
        (folder / f"export-{i:06d}.json").write_bytes(serialise_export(doc))


def rss_kb() -> int:
    """Return this process's resident set size in kB (0 where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(n: int, budget_s: float) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, n)
        samples: dict[str, int] = {}

        def progress(done: int, total: int) -> None:
            if done == max(1, total // 10):
                samples["tenth"] = rss_kb()
            if done == total:
                samples["end"] = rss_kb()

        start = time.perf_counter()
        result = merge_exports(
            [folder],
            content_ids={"flow": FLOWS},
            units=UNITS,
            progress=progress,
            today=lambda: date(2026, 12, 1),
        )
        seconds = time.perf_counter() - start
        assert result.merged == n and not result.skipped, result.skipped[:3]
        # What the coordinator waits for in Sammanställning: the reading, then the
        # month, quarter and year reports protected (the same progress bar).
        start = time.perf_counter()
        reports = build_reports(result.cells, units=UNITS, threshold=shipped_threshold())
        protecting = time.perf_counter() - start
        assert set(reports) == {"month", "quarter", "year"}
    # Flat: what each file leaves behind in resident memory once read, the same
    # budget for any n. The one thing kept per file is its export id in the set of
    # ids seen (an int and a set slot, ~0.1 kB; the set grows in steps, so a run of
    # 10 000 measures 0.1-0.3 kB). A file kept would cost its 5 kB and far more
    # parsed: 0.5 kB tells the two apart.
    per_file_kb = (samples["end"] - samples["tenth"]) / (n - max(1, n // 10))
    return [
        Result(f"merge {n} export files", seconds, budget_s, "s"),
        Result(
            f"merge {n} export files and protect the reports (month, quarter, year)",
            seconds + protecting,
            budget_s,
            "s",
        ),
        Result(
            f"merge {n} files, RSS kept per file (after the first tenth)", per_file_kb, 0.5, "kB"
        ),
    ]


def main() -> list[Result]:
    results = run(10_000, 10.0)
    if os.environ.get("FKSTOD_BENCH_MERGE_100K"):
        results += run(100_000, 100.0)
    return results


if __name__ == "__main__":
    for r in main():
        print(r)
