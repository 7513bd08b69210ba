"""The export dialog reads from the top: the counts start under the months, not mid-dialog."""

import pytest
from PySide6.QtCore import Qt

from tests.ui.statistik.test_statistik import record_calls

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_counts_to_be_saved_start_at_the_top_of_their_area(qtbot, window, services):
    record_calls(services, 2, 1)
    section = window.sections()[window.index_of("statistik")]
    dialog = section.export()
    qtbot.addWidget(dialog)
    dialog.resize(640, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    content = dialog.content
    # The label fills its scroll area: centred, a short text floated mid-dialog.
    assert content.alignment() & Qt.AlignmentFlag.AlignTop
    dialog.reject()
