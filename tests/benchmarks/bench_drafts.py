"""The entry editor's draft, kept while the caseworker types: one write, on the window's thread.

A draft is written when the typing pauses (400 ms), at the latest 2 s after the first
change not kept; each write waits for the disk (``synchronous = FULL``: it is there for
a power cut too). Measured on the real, file-backed database with a whole entry typed
out, against the same write at the connection's own ``NORMAL``. Budget: one keystroke's
repaint (16 ms), since a write may land between two keys.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from fkstod.core.directory.drafts import DRAFT_FIELDS, Draft, EntryDrafts
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import Db, open_store
from tests.benchmarks import Result, time_ms

#: A whole entry typed out, its description long.
FIELDS = {
    **dict.fromkeys(DRAFT_FIELDS, ""),
    "organisation": "Kvinnojouren Åsa i Testby",
    "tjanst": "Jourtelefon och skyddat boende",
    "beskrivning": "Stöd, samtal och skyddat boende för kvinnor och barn. " * 20,
    "telefon": "018-12 34 56",
    "telefontider": "mån-fre 8-16, lör 10-14",
    "sprak": "svenska, arabiska, persiska",
    "kommuner": "Uppsala, 0380",
    "webb": "https://exempel.invalid/jour",
}


def main() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        opened = open_store(Path(tmp) / "fkstod.sqlite3", MIGRATION_SETS)
        drafts = EntryDrafts(opened.db)
        n = [0]

        def keep() -> None:
            n[0] += 1
            drafts.keep(Draft("", {}, {**FIELDS, "organisation": f"Jouren {n[0]}"}))

        for _ in range(20):  # warm up
            keep()
        durable = time_ms(keep, 300)
        # The same write without waiting for the disk (what a killed process survives).
        plain = time_ms(lambda: _write_normal(opened.db, FIELDS), 300)
        opened.db.close()
    return [
        Result.of("keep the editor's draft, synced to disk (p95)", durable, 16.0, "ms"),
        Result.of("the same write, not synced (p95)", plain, None, "ms"),
    ]


def _write_normal(db: Db, fields: dict[str, str]) -> None:
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO directory_drafts VALUES ('bench', '', '{}', ?) "
            "ON CONFLICT (editor) DO UPDATE SET fields = excluded.fields",
            [json.dumps(fields, ensure_ascii=False)],
        )
