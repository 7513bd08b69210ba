"""A month that ends while fkstod is open: every call counted once, in one month, and sent.

A caseworker keeps the window open for days. A call that starts at 23:58 on the
last day of a month and ends after midnight is one call of the month it started
in: its flows, its outcomes, its copied note and its support offered all go there,
so that no month shows "stöd erbjöds" for a call it does not have. A count that
lands in a month after that month's last export (that call, or a clock put back
by NTP after an export made with a clock ahead) makes the month be offered again:
the merge counts the month once, in its newest form, so nothing is lost.
"""

from __future__ import annotations

from datetime import date

from fkstod.core.files import NOTHING_PROTECTED
from fkstod.core.flows import load_library
from fkstod.core.flows.session import FlowSession
from fkstod.core.usage import UsageRecorder
from fkstod.core.usage.export import (
    build_export,
    default_months,
    exported_months,
    months_sent_running,
    write_export,
)
from fkstod.core.usage.summary import summarise
from fkstod.core.usage.versions import export_settings
from tests.core.usage.test_usage_calls import answer_until_the_end

FLOWS = load_library()


class Clock:
    """The month a recorder counts in, moved by the test (the wall clock at midnight)."""

    def __init__(self, month: str) -> None:
        self.month = month

    def __call__(self) -> str:
        return self.month


def recorder(db, clock: Clock) -> UsageRecorder:
    usage = UsageRecorder(db, clock=clock)
    usage.set_content_ids("flow", FLOWS.ids())
    return usage


def export_on(db, tmp_path, months, today: date) -> None:
    document = build_export(db, months, None, **export_settings(FLOWS), today=lambda: today)
    name = f"export-{today.isoformat()}-{len(list(tmp_path.iterdir()))}.json"
    write_export(tmp_path / name, document, db, NOTHING_PROTECTED, today=lambda: today)


def test_a_call_across_midnight_is_counted_whole_in_the_month_it_started(memory_db):
    clock = Clock("2026-11")
    usage = recorder(memory_db, clock)
    session = FlowSession(FLOWS, "sjukpenning-fraga", "sjukpenning", usage)  # 23:58, 30 Nov
    # A support number copied from the directory during the call (the call's recorder).
    session.usage.record(
        "support_offered_in_call", flow=session.flow_id, benefit=session.benefit, category="akut"
    )
    session.jump("akut-fara")  # F5 still before midnight
    assert session.leave_jump()
    clock.month = "2026-12"  # midnight passes mid-call
    session.jump("kan-inte-prata")  # F8 after midnight: the same call
    assert session.leave_jump()
    answer_until_the_end(session)
    session.close()
    session.usage.record("case_note_copied", flow=session.flow_id, benefit=session.benefit)
    months = {c.month for c in usage.counts()}
    assert months == {"2026-11"}, usage.counts()
    ended = [c for c in usage.counts() if c.metric == "call_ended"]
    assert [(c.month, c.count) for c in ended] == [("2026-11", 1)]
    november = next(g for g in summarise(usage.counts()) if g.benefit == "sjukpenning")
    assert november.lines[0] == "1 samtal med stöd av fkstod"
    # The next call, begun after midnight, is December's.
    after = FlowSession(FLOWS, "sjukpenning-fraga", "sjukpenning", usage)
    answer_until_the_end(after)
    after.close()
    assert {c.month for c in usage.counts() if c.metric == "call_ended"} == {
        "2026-11",
        "2026-12",
    }


def test_a_new_call_of_the_same_session_takes_the_month_it_starts_in(memory_db):
    clock = Clock("2026-11")
    usage = recorder(memory_db, clock)
    session = FlowSession(FLOWS, "sjukpenning-fraga", "sjukpenning", usage)
    answer_until_the_end(session)
    clock.month = "2026-12"
    session.restart()  # "Börja om": a new call, after midnight
    answer_until_the_end(session)
    session.close()
    ended = sorted((c.month, c.count) for c in usage.counts() if c.metric == "call_ended")
    assert ended == [("2026-11", 1), ("2026-12", 1)]


def test_a_count_after_a_months_export_makes_it_offered_again(memory_db, tmp_path):
    clock = Clock("2026-11")
    usage = recorder(memory_db, clock)
    usage.record("referral_shown", category="akut")
    late_call = FlowSession(FLOWS, "sjukpenning-fraga", "sjukpenning", usage)  # 30 Nov, 23:58
    clock.month = "2026-12"
    # 1 December, 00:03: November is over and goes out complete ...
    export_on(memory_db, tmp_path, ["2026-11"], date(2026, 12, 1))
    assert default_months(["2026-11"], exported_months(memory_db), "2026-12", frozenset()) == []
    # ... and then the call of 23:58 ends: its counts are November's.
    answer_until_the_end(late_call)
    late_call.close()
    offered = default_months(
        ["2026-11"], exported_months(memory_db), "2026-12", months_sent_running(memory_db)
    )
    assert offered == ["2026-11"]
    export_on(memory_db, tmp_path, ["2026-11"], date(2026, 12, 1))
    assert months_sent_running(memory_db) == frozenset()  # now it went out whole


def test_a_clock_put_back_after_an_export_loses_no_count(memory_db, tmp_path):
    # The laptop's clock ran a day ahead: "1 December" it exported November as
    # complete. NTP puts it back to 30 November, and the day's calls go on.
    clock = Clock("2026-11")
    usage = recorder(memory_db, clock)
    usage.record("referral_shown", category="akut")
    export_on(memory_db, tmp_path, ["2026-11"], date(2026, 12, 1))
    usage.record("referral_shown", category="akut")  # the clock back in November
    still_november = default_months(
        ["2026-11"], exported_months(memory_db), "2026-11", months_sent_running(memory_db)
    )
    assert still_november == []  # not over yet
    in_december = default_months(
        ["2026-11"], exported_months(memory_db), "2026-12", months_sent_running(memory_db)
    )
    assert in_december == ["2026-11"]


def test_a_count_in_a_month_not_exported_marks_nothing(memory_db):
    usage = recorder(memory_db, Clock("2026-11"))
    usage.record("referral_shown", category="akut")
    assert months_sent_running(memory_db) == frozenset()
    assert exported_months(memory_db) == {}


def test_a_count_between_an_exports_preview_and_its_save_is_not_lost(memory_db, tmp_path):
    # The dialog builds the document when it opens; the caseworker saves it a while
    # later. A call of 23:58 that ends in between adds to November after the build:
    # the file does not hold that count, so November must not be taken as sent whole.
    clock = Clock("2026-11")
    usage = recorder(memory_db, clock)
    usage.record("referral_shown", category="akut")
    late_call = FlowSession(FLOWS, "sjukpenning-fraga", "sjukpenning", usage)  # 30 Nov, 23:58
    clock.month = "2026-12"
    today = date(2026, 12, 1)
    document = build_export(
        memory_db, ["2026-11"], None, **export_settings(FLOWS), today=lambda: today
    )
    answer_until_the_end(late_call)  # 00:03, the dialog still open
    late_call.close()
    write_export(tmp_path / "nov.json", document, memory_db, NOTHING_PROTECTED, today=lambda: today)
    offered = default_months(
        ["2026-11"], exported_months(memory_db), "2026-12", months_sent_running(memory_db)
    )
    assert offered == ["2026-11"]  # the rest goes out with the next export
    export_on(memory_db, tmp_path, ["2026-11"], today)
    assert months_sent_running(memory_db) == frozenset()  # now it went out whole


def test_an_export_that_holds_every_count_leaves_its_complete_month_sent(memory_db, tmp_path):
    usage = recorder(memory_db, Clock("2026-11"))
    usage.record("referral_shown", category="akut")
    memory_db.execute(  # a row no export can read: it must not keep the month "unsent"
        "INSERT INTO usage_counts (month, metric, labels, count) VALUES (?, ?, ?, ?)",
        ["2026-11", "referral_shown", "not json", 3],
    )
    export_on(memory_db, tmp_path, ["2026-11"], date(2026, 12, 1))
    assert months_sent_running(memory_db) == frozenset()
