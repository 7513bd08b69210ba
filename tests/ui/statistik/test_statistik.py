"""The Statistik section: the text, the export dialog, the merge with its progress, the chart."""

import json

import pytest
from PySide6.QtCore import Qt

from fkstod.core.usage.export import month_range
from fkstod.qt.charts import Chart, Series, chart_png
from fkstod.ui.statistik.chart_view import ChartView
from tests.cli.test_usage_cli import last_month
from tests.conftest import REPLACES_OPEN_FILES, run_cli

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FLOW = "underhallsstod-fraga"


def record_calls(services, asked, not_asked):
    usage = services.usage
    for _ in range(asked + not_asked):  # one flow per call, as a session counts them
        usage.record("flow_started", flow=FLOW, benefit="underhallsstod")
        usage.record("call_ended", benefit="underhallsstod")
    for _ in range(asked):
        usage.record("flow_outcome", flow=FLOW, benefit="underhallsstod", outcome="asked")
    for _ in range(not_asked):
        usage.record("flow_outcome", flow=FLOW, benefit="underhallsstod", outcome="not_asked")
        usage.record("flow_outcome", flow=FLOW, benefit="underhallsstod", outcome="not_asked_ombud")
    usage.record("orosanmalan_created", benefit="underhallsstod")


def test_the_section_says_it_in_plain_swedish(qtbot, window, services):
    record_calls(services, 12, 3)
    qtbot.keyClick(window, Qt.Key_4, Qt.ControlModifier)
    page = window.page(window.index_of("statistik"))
    [text] = page.counts.texts()
    assert "Frågan om våld ställdes i 12 av 15 samtal" in text
    assert "Frågan ställdes inte i 3 samtal" in text
    assert "kontakten gick via ombud" in text
    assert "1 orosanmälan skriven" in text
    assert "aldrig" in page.counts.intro.text()
    assert "Inga månader har exporterats ännu." in page.counts.exported.text()


def test_the_export_dialog_saves_exactly_what_it_shows(qtbot, window, services, dialogs, tmp_path):
    from fkstod.core.usage import UsageRecorder

    earlier = UsageRecorder(services.db, clock=lambda: "2026-01")
    earlier.set_content_ids("flow", [FLOW])
    earlier.record("flow_started", flow=FLOW, benefit="underhallsstod")
    record_calls(services, 12, 3)
    out = tmp_path / "min-export.json"
    dialogs.path = str(out)
    qtbot.keyClick(window, Qt.Key_T, Qt.ControlModifier | Qt.ShiftModifier)  # Arkiv's key
    section = window.sections()[window.index_of("statistik")]
    dialog = section.dialog
    assert dialog is not None and dialog.isVisible()
    # The month still running is chosen on purpose here (the default leaves it out).
    dialog.last.setCurrentIndex(dialog.last.count() - 1)
    shown = dialog.content.text()
    assert "Frågan om våld ställdes i 12 av 15 samtal" in shown
    assert dialog.months()[0] == "2026-01"  # every month from the first to the last
    document = dict(dialog.document)
    qtbot.keyClick(dialog.save_button, Qt.Key_Space)
    assert dialogs.errors == []
    saved = json.loads(out.read_text("utf-8"))
    assert saved == document
    # What was saved, read back in words, is what was shown.
    dialog.document = saved
    assert dialog.preview_text() == shown
    page = window.page(window.index_of("statistik"))
    assert saved["months"][0] in page.counts.exported.text()
    # A second export, of a month chosen again, says the months went out before.
    again = section.export()
    again.first.setCurrentIndex(0)
    again.last.setCurrentIndex(0)
    assert again.again.isVisibleTo(again) and "exporterats förut" in again.again.text()
    assert "samordnaren räknar varje månad en gång" in again.again.text()
    again.reject()


def test_the_export_dialog_offers_complete_months_not_yet_exported(
    qtbot, window, services, dialogs, tmp_path
):
    from fkstod.core.usage import UsageRecorder
    from fkstod.core.usage.export import mark_exported
    from fkstod.core.usage.recorder import current_month

    for month in ("2026-01", "2026-02", last_month()):
        earlier = UsageRecorder(services.db, clock=lambda m=month: m)
        earlier.set_content_ids("flow", [FLOW])
        earlier.record("flow_started", flow=FLOW, benefit="underhallsstod")
    mark_exported(services.db, ["2026-01"])
    record_calls(services, 2, 1)  # the month still running
    section = window.sections()[window.index_of("statistik")]
    dialog = section.export()
    now = current_month()
    # By default: from the first complete month not exported to the last complete one.
    assert dialog.months() == month_range("2026-02", last_month())
    assert now not in dialog.document["months"]
    assert "inte slut" not in dialog.months_line.text()
    # The running month is there to choose, and says it is not over where it is chosen.
    assert dialog.last.itemText(dialog.last.count() - 1) == f"{now} (inte slut än)"
    dialog.last.setCurrentIndex(dialog.last.count() - 1)
    assert now in dialog.document["months"]
    assert f"Obs: {now} är inte slut än" in dialog.months_line.text()
    dialog.reject()
    # Every complete month exported: nothing is chosen and nothing can be saved by mistake.
    mark_exported(services.db, month_range("2026-02", last_month()))
    dialog = section.export()
    assert dialog.months() == [] and dialog.document["months"] == []
    assert "Alla hela månader har exporterats förut" in dialog.months_line.text()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key_S, Qt.ControlModifier)
    assert dialog.isVisible() and dialogs.errors == []
    dialog.reject()


def export_of_the_running_month(qtbot, window, services, dialogs, tmp_path):
    """Count some calls, open the export dialog on the month still running; (dialog, file)."""
    record_calls(services, 12, 3)
    out = tmp_path / "min-export.json"
    dialogs.path = str(out)
    qtbot.keyClick(window, Qt.Key_T, Qt.ControlModifier | Qt.ShiftModifier)
    dialog = window.sections()[window.index_of("statistik")].dialog
    dialog.first.setCurrentIndex(0)  # the month still running, on purpose
    dialog.last.setCurrentIndex(0)
    return dialog, out


def test_an_export_the_database_cannot_mark_says_so_and_leaves_no_file(
    qtbot, window, services, dialogs, tmp_path
):
    dialog, out = export_of_the_running_month(qtbot, window, services, dialogs, tmp_path)
    services.db.execute("PRAGMA query_only = ON")  # as a write-protected database
    try:
        qtbot.keyClick(dialog.save_button, Qt.Key_Space)
    finally:
        services.db.execute("PRAGMA query_only = OFF")
    ((title, text),) = dialogs.errors
    assert title == "Exporten sparades inte" and "Det gick inte att spara" in text
    assert not out.exists()
    assert dialog.isVisible()  # the caseworker may try again once the cause is gone
    dialog.reject()


@REPLACES_OPEN_FILES
def test_an_export_refused_because_the_database_was_replaced_is_said_once(
    qtbot, window, services, dialogs, tmp_path
):
    # The window tells of the replaced file (Db.on_replaced); the export dialog must
    # not say the same long text again under its own title.
    import os

    dialog, out = export_of_the_running_month(qtbot, window, services, dialogs, tmp_path)
    path = services.db.path
    copy = tmp_path / "kopia.sqlite3"
    copy.write_bytes(path.read_bytes())
    os.replace(copy, path)  # a sync tool puts its copy in the place
    qtbot.keyClick(dialog.save_button, Qt.Key_Space)
    qtbot.wait(20)
    ((title, text),) = dialogs.errors
    assert title == "Databasfilen har bytts ut" and "har inte sparats" in text
    assert not out.exists()
    assert dialog.isVisible()
    dialog.reject()


def make_exports(tmp_path, n):
    folder = tmp_path / "exporter"
    folder.mkdir()
    from tests.cli.test_usage_cli import seed

    month = last_month()
    for i in range(n):
        # One caseworker each: one database's month sent twice would count once.
        data = tmp_path / f"data{i:02d}"
        seed(data, month, 6)
        out = str(folder / f"e{i:02d}.json")
        run_cli("--data-dir", str(data), "usage", "export", "--out", out, "--months", month)
    (folder / "zz-trasig.json").write_text('{"format": "fkstod-statistik"}', "utf-8")
    return folder


def merged_panel(qtbot, window, dialogs, folder):
    """Open Statistik's Sammanställning, merge ``folder`` as a coordinator would; the panel."""
    dialogs.path = str(folder)
    window.show_section_id("statistik")
    page = window.page(window.index_of("statistik"))
    page.show_aggregate()
    panel = page.aggregate
    panel.choose_folder()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10_000)
    return panel


def test_aggregate_shows_progress_names_a_bad_file_and_marks_suppressed_cells(
    qtbot, window, dialogs, tmp_path
):
    folder = make_exports(tmp_path, 12)
    dialogs.path = str(folder)
    page = window.page(window.index_of("statistik"))
    page.show_aggregate()
    panel = page.aggregate
    seen = []
    panel.progress.valueChanged.connect(seen.append)
    qtbot.keyClick(panel.folder_button, Qt.Key_Space)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    assert seen and max(seen) == 13  # one step per file, the bad one included
    assert "zz-trasig.json" in panel.skipped.text()
    assert "12 exporter räknade" in panel.status.text()
    table = panel.cell_texts()
    assert table[0][:3] == ["Period", "Indikator", "Förmån"]
    flat = [cell for row in table[1:] for cell in row]
    assert "72" in flat  # 12 x 6 flows started
    assert '".."' in panel.explanation.text()
    assert not panel.between_merges.isHidden()
    assert "skyddas inte mot varandra" in panel.between_merges.text()
    # Saved as CSV through the core, for Swedish Excel.
    out = tmp_path / "rapport.csv"
    dialogs.path = str(out)
    qtbot.keyClick(panel.save_button, Qt.Key_Space)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_chart_has_its_numbers_as_a_table(qtbot):
    chart = Chart(
        "Andel",
        ("2026-01", "2026-02", "2026-03"),
        (Series("Underhållsstöd", (80.0, None, 1234.5)), Series("Övriga", (10.0, 20.0, 30.0))),
        percent=True,
    )
    view = ChartView()
    qtbot.addWidget(view)
    view.show_chart(chart)
    rows = view.table_texts()
    assert rows[0] == ["Period", "Underhållsstöd", "Övriga"]
    assert rows[2][1] == ".."  # suppressed: marked, not 0
    assert rows[3][1] == "1\u00a0234,5\u00a0%"  # Swedish: space thousands, decimal comma
    assert view.table.accessibleName() == "Andel, som tabell"
    assert chart_png(chart, 400, 300).startswith(b"\x89PNG")


def test_avbryt_stops_the_merge_and_says_so(qtbot, window, dialogs, tmp_path):
    import shutil

    folder = make_exports(tmp_path, 1)
    for i in range(80):
        shutil.copy(folder / "e00.json", folder / f"kopia{i:02d}.json")
    dialogs.path = str(folder)
    page = window.page(window.index_of("statistik"))
    panel = page.aggregate
    panel.choose_folder()
    assert panel.busy() and panel.cancel_button.isEnabled()
    qtbot.keyClick(panel.cancel_button, Qt.Key_Space)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    assert panel.result.stopped
    assert "Avbruten" in panel.status.text()


def test_the_period_picker_and_every_format_of_the_report(qtbot, window, dialogs, tmp_path):
    folder = make_exports(tmp_path, 6)
    dialogs.path = str(folder)
    panel = window.page(window.index_of("statistik")).aggregate
    panel.choose_folder()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    panel.period.setFocus()
    qtbot.keyClick(panel.period, Qt.Key_End)  # År
    assert panel.report.period_kind == "year"
    assert {row[0] for row in panel.cell_texts()[1:]} == {last_month()[:4]}
    assert panel.chart.table_texts()[1][0] == last_month()[:4]
    for fmt, magic in (("xlsx", b"PK"), ("jsonl", b"{"), ("pdf", b"%PDF"), ("csv", b"\xef")):
        out = tmp_path / f"rapport.{fmt}"
        dialogs.path = str(out)
        qtbot.keyClick(panel.save_button, Qt.Key_Space)
        assert out.read_bytes().startswith(magic), fmt
    assert dialogs.errors == []


def test_a_folder_without_exports_says_so_and_shows_no_empty_report(
    qtbot, window, dialogs, tmp_path
):
    folder = tmp_path / "tom"
    folder.mkdir()
    dialogs.path = str(folder)
    panel = window.page(window.index_of("statistik")).aggregate
    panel.choose_folder()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    assert f"Inga exportfiler (.json) i {folder}" in panel.status.text()
    assert not panel.table.isVisibleTo(panel) and not panel.chart.isVisibleTo(panel)
    assert not panel.save_button.isEnabled()


def test_the_report_is_protected_off_the_windows_thread_and_once_per_merge(
    qtbot, window, dialogs, tmp_path, monkeypatch
):
    # Protecting a year of 20 units' small counts takes seconds: done on the window's
    # thread it froze the window after the merge and again at every change of Period.
    import threading

    from fkstod.core.usage import indicators

    threads = []
    real = indicators._month_report

    def month_report(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(indicators, "_month_report", month_report)
    folder = make_exports(tmp_path, 3)
    dialogs.path = str(folder)
    panel = window.page(window.index_of("statistik")).aggregate
    panel.choose_folder()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10_000)
    for kind in ("quarter", "year", "month"):
        panel.period.setCurrentIndex(panel.period.findData(kind))
        assert panel.report.period_kind == kind
    assert threads == [False]


def test_a_fault_in_the_merge_leaves_the_window_ready_to_try_again(
    qtbot, window, dialogs, tmp_path, monkeypatch
):
    # An exception in the worker ended its run without "finished": the buttons stayed
    # greyed out and the thread ran on, so no merge could be started again.
    from fkstod.core.usage import merge

    def broken(*args, **kwargs):
        raise RuntimeError("trasig")

    monkeypatch.setattr(merge, "merge_exports", broken)
    folder = make_exports(tmp_path, 1)
    dialogs.path = str(folder)
    panel = window.page(window.index_of("statistik")).aggregate
    panel.choose_folder()
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10_000)
    assert panel.folder_button.isEnabled() and panel.files_button.isEnabled()
    assert not panel.cancel_button.isEnabled() and panel.progress.isHidden()
    assert "ingen rapport" in panel.status.text()
    assert dialogs.errors
    monkeypatch.undo()
    panel.choose_folder()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10_000)


def test_avbryt_also_stops_the_protection_and_shows_no_half_report(
    qtbot, window, dialogs, tmp_path, monkeypatch
):
    # Protecting the report takes seconds after the files are read; the bar counts the
    # periods and Avbryt stays usable, and a stopped report is no report at all.
    import threading

    from fkstod.core.usage import indicators

    release = threading.Event()
    real = indicators._not_asked_tables

    def slow(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(indicators, "_not_asked_tables", slow)
    folder = make_exports(tmp_path, 2)
    dialogs.path = str(folder)
    panel = window.page(window.index_of("statistik")).aggregate
    panel.choose_folder()
    qtbot.waitUntil(lambda: "Skyddar" in panel.status.text(), timeout=10_000)
    assert panel.cancel_button.isEnabled() and panel.progress.maximum() >= 1
    qtbot.keyClick(panel.cancel_button, Qt.Key_Space)
    release.set()
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10_000)
    assert panel.report is None and not panel.save_button.isEnabled()
    assert "Avbruten" in panel.status.text() and "ingen rapport" in panel.status.text()
    assert not panel.table.isVisibleTo(panel)


def test_avbryt_while_reading_makes_no_report_of_part_of_the_files(
    qtbot, window, dialogs, tmp_path, monkeypatch
):
    import shutil

    from fkstod.core.usage import merge

    folder = make_exports(tmp_path, 1)
    for i in range(80):
        shutil.copy(folder / "e00.json", folder / f"kopia{i:02d}.json")
    dialogs.path = str(folder)
    panel = window.page(window.index_of("statistik")).aggregate
    real_merge = merge.merge_exports

    def held_after_a_file(paths, *, progress, **kwargs):
        # The reading waits after its second file until Avbryt is pressed: else, on
        # a busy machine, all 81 may be read before the key press arrives.
        def gated(done, total):
            if done >= 2:
                panel.worker.cancelled.wait(10)
            return progress(done, total)

        return real_merge(paths, progress=gated, **kwargs)

    monkeypatch.setattr(merge, "merge_exports", held_after_a_file)
    panel.choose_folder()
    qtbot.keyClick(panel.cancel_button, Qt.Key_Space)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    # A report of part of the files would look whole once saved, and read against
    # one of all of them it would give the rest's counts, however small.
    assert panel.result.stopped and 0 < panel.result.found() < 81
    assert panel.report is None and not panel.save_button.isEnabled()
    assert panel.status.text().startswith("Avbruten, så ingen rapport visas.")


def test_the_report_table_asks_only_for_the_cells_it_shows(qtbot, window, dialogs, tmp_path):
    # An item per cell (25 000 for 20 units and a year of months) held the window at
    # every change of Period; a model gives the view the cells it paints.
    from fkstod.ui.statistik.report_model import ReportModel

    panel = merged_panel(qtbot, window, dialogs, make_exports(tmp_path, 3))
    model = panel.table.model()
    assert isinstance(model, ReportModel)
    asked = set()
    real = model.text

    def text(row, column):
        asked.add((row, column))
        return real(row, column)

    model.text = text
    panel.period.setCurrentIndex(panel.period.findData("month"))
    panel.show_report(panel.report)
    panel.table.viewport().repaint()
    assert asked and len(asked) < model.rowCount() * model.columnCount() / 2
    texts = panel.cell_texts()
    assert texts[0][:3] == ["Period", "Indikator", "Förmån"]
    assert len(texts) == model.rowCount() + 1


def test_the_report_tables_columns_follow_a_larger_text(qtbot, window, dialogs, tmp_path):
    # Widths were fitted once, to the text size at the merge: after Större text every
    # period read "2026…". They are fitted again when the text size changes.
    from fkstod.qt.text_scale import apply_text_scale

    panel = merged_panel(qtbot, window, dialogs, make_exports(tmp_path, 2))
    try:
        apply_text_scale(1.5)
        qtbot.wait(50)
        metrics = panel.table.fontMetrics()
        for c, texts in enumerate(
            (panel.report.periods, [panel.report.benefit_name(b) for b in panel.report.benefits])
        ):
            column = 0 if c == 0 else 2
            widest = max(metrics.horizontalAdvance(t) for t in texts)
            assert panel.table.columnWidth(column) > widest, (column, texts)
    finally:
        apply_text_scale(1.0)
