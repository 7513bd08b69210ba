"""The chart on screen follows the text size the user chose (Visa → Större text)."""

import pytest
from PySide6.QtGui import QPainter

from fkstod.qt.charts import Chart, Series
from fkstod.qt.text_scale import apply_text_scale
from fkstod.ui.statistik.chart_view import ChartView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CHART = Chart(
    "Andel samtal där frågan om våld ställdes",
    ("2026-01", "2026-02", "2026-03"),
    tuple(Series(name, (70.0, None, 75.0)) for name in ("Sjukpenning", "Underhållsstöd", "Övriga")),
    percent=True,
)


@pytest.fixture
def larger_text(qapp):
    apply_text_scale(1.5)
    yield qapp.font().pointSizeF()
    apply_text_scale(1.0)


def test_the_charts_words_are_as_large_as_the_rest_at_150_percent(qtbot, larger_text, monkeypatch):
    sizes = []
    original = QPainter.setFont

    def recording(painter, font):
        sizes.append(font.pointSizeF())
        original(painter, font)

    monkeypatch.setattr(QPainter, "setFont", recording)
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(900, 480)
    view.show_chart(CHART)
    view.show()
    qtbot.waitExposed(view)
    view.canvas.grab()  # paints
    assert sizes, "the chart was not painted"
    assert min(sizes) >= larger_text * 0.99
    # Room for the larger words: the title, three legend rows and a plot.
    line = view.canvas.fontMetrics().height()
    assert view.canvas.minimumHeight() >= 14 * line
