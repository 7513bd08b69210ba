"""Counts that add up, played through the real page by keys.

The smaller sibling of tests/core/flows/test_flows_counts_property.py: random
keys (digits, Enter, Backspace, Esc, the jump buttons, the summary's buttons,
a new call, quit) through the real Samtalsstöd page, and for every flow
started = completed + abandoned, with each call's outcomes counted once.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from fkstod.core.kommuner import kommuner
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import open_memory
from fkstod.core.usage import UsageRecorder
from fkstod.ui.samtal.page import FlowPage
from tests.core.flows.test_flows_counts_property import FLOWS, JUMPS, LIBRARY, assert_counts_add_up
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

KEYS = st.lists(
    st.tuples(
        st.sampled_from(["start", "digit", "enter", "jump", "back", "esc", "new", "quit"]),
        st.integers(min_value=0, max_value=50),
    ),
    min_size=1,
    max_size=60,
)


def play(qtbot, page: FlowPage, key: str, pick: int) -> None:
    view = page.stack.currentWidget()
    if key == "start":
        page.new_conversation()
        page.start(FLOWS[pick % len(FLOWS)], "ovriga")  # as the picker's Enter does
    elif key == "jump":
        flow_id = JUMPS[pick % len(JUMPS)]
        button = page.jumps.buttons.get(flow_id)
        # The bar's button, or the window's key for a jump without one (app.jump).
        button.click() if button is not None else page.jump(flow_id)
    elif key == "quit":
        page.shutdown()
        page.new_conversation()
    elif view is page.summary:
        if key == "back":
            page.summary.back_button.click()
        elif key == "new":
            page.summary.new_button.click()
    elif view is page.step_view:
        qt_key = {
            "digit": Qt.Key(Qt.Key.Key_1 + pick % 9),
            "enter": Qt.Key.Key_Return,
            "back": Qt.Key.Key_Backspace,
            "esc": Qt.Key.Key_Escape,
        }.get(key)
        if qt_key is not None:
            qtbot.keyClick(page.step_view, qt_key)
        elif key == "new":
            page.new_conversation()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(keys=KEYS)
def test_keys_through_the_page_leave_counts_that_add_up(qtbot, keys):
    db = open_memory(MIGRATION_SETS)
    usage = UsageRecorder(db, clock=lambda: "2026-01")
    usage.set_content_ids("flow", LIBRARY.ids())
    page = FlowPage(LIBRARY, usage, FakeDialogs(answer=True), kommuner())
    expected: Counter[tuple[str, str]] = Counter()
    try:
        for key, pick in keys:
            session = page.session
            codes = session.codes() if session is not None else []
            play(qtbot, page, key, pick)
            if session is not None and page.session is not session:
                expected.update((session.flow_id, code) for code in codes)
        if page.session is not None:
            expected.update((page.session.flow_id, code) for code in page.session.codes())
        page.shutdown()
        assert_counts_add_up(usage, expected)
    finally:
        page.deleteLater()
        db.close()
