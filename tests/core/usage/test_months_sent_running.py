"""A month exported before it was over is offered again once it is: the rest goes out too.

The merge counts a month re-sent once, in its latest form; without this the
counts made after an early export would never leave the caseworker's machine.
"""

from __future__ import annotations

from datetime import date

from fkstod.core.files import NOTHING_PROTECTED
from fkstod.core.usage import UsageRecorder
from fkstod.core.usage.export import (
    build_export,
    default_months,
    exported_months,
    months_sent_running,
    write_export,
)
from fkstod.core.usage.versions import export_settings


def _export(db, tmp_path, months, today, name):
    from fkstod.core.flows import load_library

    document = build_export(
        db, months, None, **export_settings(load_library()), today=lambda: today
    )
    return write_export(tmp_path / name, document, db, NOTHING_PROTECTED, today=lambda: today)


def test_a_month_sent_while_running_is_offered_again_once_over_and_then_not(memory_db, tmp_path):
    recorder = UsageRecorder(memory_db, clock=lambda: "2026-11")
    recorder.record("referral_shown", category="akut")
    december = UsageRecorder(memory_db, clock=lambda: "2026-12")
    december.record("referral_shown", category="akut")
    # On 15 December the caseworker sends November and, on purpose, December so far.
    _export(memory_db, tmp_path, ["2026-11", "2026-12"], date(2026, 12, 15), "tidig.json")
    assert months_sent_running(memory_db) == {"2026-12"}
    counted = ["2026-11", "2026-12"]
    exported = exported_months(memory_db)
    assert default_months(counted, exported, "2026-12", months_sent_running(memory_db)) == []
    # In January December is over: offered again (November, sent complete, is not).
    assert default_months(counted, exported, "2027-01", months_sent_running(memory_db)) == [
        "2026-12"
    ]
    _export(memory_db, tmp_path, ["2026-12"], date(2027, 1, 4), "hela.json")
    assert months_sent_running(memory_db) == frozenset()
    again = default_months(counted, exported_months(memory_db), "2027-01", frozenset())
    assert again == []
