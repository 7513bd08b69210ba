"""Recording a usage count: one upsert and commit on the real, file-backed database."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import open_store
from fkstod.core.usage import UsageRecorder
from tests.benchmarks import Result, time_ms


def main() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        opened = open_store(Path(tmp) / "fkstod.sqlite3", MIGRATION_SETS)
        recorder = UsageRecorder(opened.db)
        recorder.set_content_ids("flow", ["sjukpenning-fraga"])
        for _ in range(50):  # warm up
            recorder.record("referral_shown", category="kvinnor")
        same = time_ms(lambda: recorder.record("referral_shown", category="kvinnor"), 2000)
        varied = time_ms(
            lambda: recorder.record(
                "flow_outcome", flow="sjukpenning-fraga", benefit="sjukpenning", outcome="asked"
            ),
            2000,
        )
        opened.db.close()
    return [
        Result.of("record a usage count, same cell (p95)", same, 1.0, "ms"),
        Result.of("record a usage count, three labels (p95)", varied, 1.0, "ms"),
    ]
