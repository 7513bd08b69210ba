"""The composition root puts the flow page first and declares flow ids to the recorder."""

import pytest

from fkstod.app import build_services, build_window
from fkstod.ui.samtal.page import FlowPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_samtalsstod_is_the_flow_page_and_counts_flow_ids(qtbot, data_folder):
    services, _notice = build_services(data_folder)
    window = build_window(services)
    page = window.page(0)
    assert isinstance(page, FlowPage)
    page.start("underhallsstod-fraga", "underhallsstod")
    page.choose(1)  # not alone: the flow ends
    page.new_conversation()  # the call is over: now it is counted
    counts = {(c.metric, c.labels.get("flow")) for c in services.usage.counts()}
    assert ("flow_completed", "underhallsstod-fraga") in counts  # not "other"
    window.close()
    window.deleteLater()
    services.db.close()


def test_compact_mode_hides_the_navigation(qtbot, data_folder):
    services, _notice = build_services(data_folder)
    window = build_window(services)
    window.show()
    page = window.page(0)
    page.set_compact(True)
    assert window.navigation.isHidden()
    page.set_compact(False)
    assert not window.navigation.isHidden()
    window.close()
    window.deleteLater()
    services.db.close()
