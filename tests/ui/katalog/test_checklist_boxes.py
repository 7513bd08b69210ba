"""The entry editor's lists of check boxes: each box grows with the text, as a check box does.

At large text the rows of Språk, Målgrupper and Våldsformer had boxes of Qt's
fixed 13 pixels beside words twice as tall: hard to see whether a row is ticked.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStyle

from fkstod.ui.katalog.code_checklist import CodeChecklist

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_a_rows_box_is_as_tall_as_its_text(qtbot, scale):
    view = CodeChecklist({"alla": "Alla", "aldre": "Äldre"})
    qtbot.addWidget(view)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    view.setFont(font)
    for metric in (QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight):
        assert view.style().pixelMetric(metric, None, view) >= view.fontMetrics().height()
