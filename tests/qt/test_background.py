"""Work off the window's thread: its result or its fault comes back, and the turns are restored."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QWidget

from fkstod.core.progress import Cancelled
from fkstod.qt.background import SWITCH_S, run_in_background


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_the_result_comes_back_from_another_thread_with_short_turns_meanwhile(parent):
    before = sys.getswitchinterval()
    seen = {}

    def work(progress):
        seen["thread"] = threading.current_thread() is not threading.main_thread()
        seen["turn"] = sys.getswitchinterval()
        assert progress(1, 2) is True
        return 42

    assert run_in_background(parent, "Arbete", "Arbetar…", work) == 42
    assert seen == {"thread": True, "turn": SWITCH_S}
    assert sys.getswitchinterval() == before  # the usual turns again


def test_a_fault_in_the_work_is_raised_in_the_windows_thread_and_the_turns_restored(parent):
    before = sys.getswitchinterval()

    def work(_progress):
        raise Cancelled

    with pytest.raises(Cancelled):
        run_in_background(parent, "Arbete", "Arbetar…", work)
    assert sys.getswitchinterval() == before
