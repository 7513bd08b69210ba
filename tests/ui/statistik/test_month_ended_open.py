"""Statistik after a month ended with the window open: a late call's month is offered again.

November went out complete on the first of December; then the call begun at 23:58
on the 30th ends, and its counts are November's. The Statistik page shows them
under November, and the export dialog offers November again by itself, saying
that the coordinator counts it once.
"""

from __future__ import annotations

from fkstod.core.files import NOTHING_PROTECTED
from fkstod.core.flows import load_library
from fkstod.core.flows.session import FlowSession
from fkstod.core.usage import UsageRecorder
from fkstod.core.usage.export import build_export, write_export
from fkstod.core.usage.summary import month_title
from fkstod.core.usage.versions import export_settings
from tests.cli.test_usage_cli import last_month


def test_a_call_that_ended_after_its_months_export_is_offered_again(window, services, tmp_path):
    library = load_library()
    before_midnight = UsageRecorder(services.db, clock=last_month)
    before_midnight.set_content_ids("flow", library.ids())
    call = FlowSession(library, "sjukpenning-fraga", "sjukpenning", before_midnight)
    before_midnight.record("referral_shown", category="akut")
    # Sent complete, this month (the first of it, say):
    document = build_export(services.db, [last_month()], None, **export_settings(library))
    write_export(tmp_path / "november.json", document, services.db, NOTHING_PROTECTED)
    while not call.finished:  # the call goes on after the export, and ends
        call.choose(0) if call.step.kind == "question" else call.advance()
    call.close()
    window.show_section_id("statistik")
    page = window.page(window.index_of("statistik"))
    shown = "\n".join(page.counts.texts())
    assert month_title(last_month()) in shown and "1 samtal med stöd av fkstod" in shown
    dialog = window.sections()[window.index_of("statistik")].export()
    try:
        assert dialog.months() == [last_month()]
        assert "exporterats förut" in dialog.again.text()
        assert "räknar varje månad en gång" in dialog.again.text()
    finally:
        dialog.reject()


class MonthClock:
    def __init__(self, month: str) -> None:
        self.month = month

    def __call__(self) -> str:
        return self.month


def _next(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:])
    return f"{year + 1}-01" if mon == 12 else f"{year}-{mon + 1:02d}"


def test_the_export_dialog_left_open_past_midnight_says_the_month_is_over(
    window, services, monkeypatch
):
    from fkstod.core.usage import recorder

    clock = MonthClock(recorder.current_month())
    monkeypatch.setattr(recorder, "current_month", clock)
    counted = UsageRecorder(services.db, clock=clock)
    counted.record("referral_shown", category="akut")
    dialog = window.sections()[window.index_of("statistik")].export()
    try:
        running = dialog.last.count() - 1
        dialog.last.setCurrentIndex(running)
        dialog.first.setCurrentIndex(running)
        assert dialog.last.itemText(running).endswith("(inte slut än)")
        assert "inte slut än" in dialog.months_line.text()
        clock.month = _next(clock.month)  # midnight of the month's last day
        dialog.month_timer.timeout.emit()
        assert "inte slut" not in dialog.last.itemText(running)
        assert "inte slut" not in dialog.months_line.text()
    finally:
        dialog.reject()


def test_a_closed_export_dialog_stops_checking_the_month(window, services):
    # Closed, the dialog stays a child of the window until the next one is opened:
    # its clock must not go on ticking (and building exports) all day behind it.
    UsageRecorder(services.db).record("referral_shown", category="akut")
    dialog = window.sections()[window.index_of("statistik")].export()
    assert dialog.month_timer.isActive()
    dialog.reject()
    assert not dialog.isVisible()
    assert not dialog.month_timer.isActive()
    dialog.show()  # shown again: it follows the month again
    try:
        assert dialog.month_timer.isActive()
    finally:
        dialog.reject()
