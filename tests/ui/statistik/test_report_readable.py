"""The report's table reads at 150 % text in a 1366×768 window, without sideways scrolling."""

import pytest
from PySide6.QtWidgets import QApplication, QStyle

from fkstod.core.usage import UsageRecorder
from fkstod.core.usage.units import shipped_units
from fkstod.core.vocabulary import BENEFITS
from tests.cli.test_usage_cli import last_month
from tests.conftest import run_cli
from tests.ui.statistik.test_statistik import merged_panel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FLOW = "underhallsstod-fraga"


def unit_exports(tmp_path):
    """A folder with one export per shipped unit, each with calls of every benefit."""
    from fkstod import paths
    from fkstod.core import store
    from fkstod.core.schema import MIGRATION_SETS

    folder = tmp_path / "exporter"
    folder.mkdir()
    month = last_month()
    for i, unit in enumerate(shipped_units()):
        data = tmp_path / f"data{i:02d}"
        opened = store.open_store(paths.database_path(data), MIGRATION_SETS)
        usage = UsageRecorder(opened.db, clock=lambda: month)
        usage.set_content_ids("flow", [FLOW])
        for benefit in BENEFITS:
            for _ in range(8 + i):
                usage.record("flow_started", flow=FLOW, benefit=benefit)
                usage.record("flow_outcome", flow=FLOW, benefit=benefit, outcome="asked")
                usage.record("call_ended", benefit=benefit)
        opened.db.close()
        out = str(folder / f"e{i:02d}.json")
        result = run_cli(
            "--data-dir",
            str(data),
            "usage",
            "export",
            "--out",
            out,
            "--months",
            month,
            "--unit",
            unit.code,
        )
        assert result.returncode == 0, result.stderr
    return folder


def needs_room(metrics, text, width, wrap):
    """Return why ``text`` does not show whole in ``width`` (None: it does)."""
    margin = 2 * (QApplication.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    room = width - margin
    if not wrap:
        return None if metrics.horizontalAdvance(text) <= room else "too wide"
    for word in text.split():
        if metrics.horizontalAdvance(word) > room:
            return f"{word!r} wider than its column"
    return None


def test_the_report_reads_at_150_percent_in_a_laptops_window(qtbot, window, dialogs, tmp_path):
    # The Indikator column was as wide as its longest title ("Inte frågat: Personen
    # var inte ensam …"): the units' columns began off the screen, behind a sideways
    # scroll. The names wrap at their words now, and every column shows its text whole.
    from fkstod.qt.text_scale import apply_text_scale, text_scale

    window.set_text_scale(1.5)  # Ctrl+= five times: as Visa → Större text stores it
    try:
        assert text_scale() == pytest.approx(1.5)
        panel = merged_panel(qtbot, window, dialogs, unit_exports(tmp_path))
        window.resize(1366, 768 - 40)  # the laptop's screen, less a taskbar
        qtbot.wait(50)
        assert window.width() == 1366
        window.grab().save(str(tmp_path / "rapport-150.png"))
        check_readable(qtbot, panel)
    finally:
        apply_text_scale(1.0)


def check_readable(qtbot, panel):
    """Assert the first columns and "Alla enheter" are in view, and no text is cut."""
    from PySide6.QtCore import QRect, Qt

    table, model = panel.table, panel.model
    header = table.horizontalHeader()
    names = model.header()
    assert len(names) == 3 + len(shipped_units()) + 1  # each unit, then all of them
    visible = table.viewport().width()
    assert table.horizontalScrollBar().value() == 0
    for c in (1, 3, len(names) - 1):  # Indikator, the first unit, "Alla enheter"
        left = header.sectionViewportPosition(c)
        assert left >= 0 and left + header.sectionSize(c) <= visible, (names[c], visible)
    wrap = int(Qt.TextFlag.TextWordWrap)
    heading = header.fontMetrics()
    for c, name in enumerate(names):
        width = header.sectionSize(c)
        assert needs_room(heading, name, width, True) is None, name
        lines = heading.boundingRect(QRect(0, 0, width - 6, 10_000), wrap, name).height()
        assert lines <= header.height(), name
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):
        for c in range(model.columnCount()):
            text, width = model.text(row, c), table.columnWidth(c)
            assert needs_room(metrics, text, width, c in (1, 2)) is None, (text, width)
            if c in (1, 2):
                lines = metrics.boundingRect(QRect(0, 0, width - 6, 10_000), wrap, text)
                assert lines.height() <= table.rowHeight(row), (text, table.rowHeight(row))
    # The arrows still read the table cell by cell, and a cell's text is its name.
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(table, Qt.Key_Right)
    assert table.currentIndex().column() == 1
    assert model.data(table.currentIndex()) == model.text(0, 1)
