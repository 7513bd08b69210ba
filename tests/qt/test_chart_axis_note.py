"""A chart's words and numbers as a reader sees them: whole, and true to the grid."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from fkstod.qt.charts import Chart, Series, paint_chart


class Recorder(QPainter):
    """A painter that notes every text it is asked to draw, with its box and flags."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.texts: list[tuple[QRectF, int, str]] = []

    def drawText(self, *args) -> None:  # Qt's name
        if len(args) == 3 and isinstance(args[0], QRectF):
            rect, flags, text = args
            self.texts.append((QRectF(rect), int(flags), text))
        super().drawText(*args)


def painted(chart: Chart, width: int, height: int) -> list[tuple[QRectF, int, str]]:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = Recorder(image)
    try:
        paint_chart(painter, QRectF(0, 0, width, height), chart)
        metrics = painter.fontMetrics()
        out = []
        for rect, flags, text in painter.texts:
            # How much room the text needs in its box, wrapped if the box wraps.
            need = metrics.boundingRect(rect.toRect(), flags, text)
            out.append((rect, flags, text, need))
        return out
    finally:
        painter.end()


def test_the_note_under_a_chart_with_hidden_values_is_never_cut(qapp):
    chart = Chart(
        "Orosanmälan skriven",
        ("2025",),
        tuple(Series(name, (None,)) for name in ("Sjukpenning", "Underhållsstöd", "Alla")),
    )
    for width in (420, 600, 1000):
        notes = [t for t in painted(chart, width, 420) if t[2].startswith('".."')]
        assert notes
        for rect, _flags, text, need in notes:
            assert need.width() <= rect.width() + 1 and need.height() <= rect.height() + 1, (
                width,
                text,
            )


def test_a_count_axis_has_whole_numbers_on_its_grid_lines(qapp):
    for top in (0, 1, 3, 7, 10, 13, 50, 99, 440, 2345):
        chart = Chart("Antal", ("2025-01", "2025-02"), (Series("A", (top, None)),))
        labels = [
            text
            for rect, flags, text, _need in painted(chart, 800, 400)
            if flags & int(Qt.AlignmentFlag.AlignRight)
        ]
        numbers = [int(t.replace("\u00a0", "")) for t in labels]
        assert len(numbers) == 5, labels
        step = numbers[1] - numbers[0]
        assert step > 0 and numbers == [step * i for i in range(5)], (top, labels)
        assert numbers[-1] >= top and (top < 4 or numbers[-1] < 2 * top), (top, labels)
