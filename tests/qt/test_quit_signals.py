"""SIGTERM wakes the event loop and closes the window from it, an open question first."""

from __future__ import annotations

import os
import signal
import sys

import pytest
from PySide6.QtWidgets import QDialog, QWidget

from fkstod.qt.quit_signals import QuitOnSignals

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX's")


def test_sigterm_closes_an_open_question_then_the_window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    question = QDialog(window)
    question.setModal(True)
    question.show()
    closed = []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # as a started window finds it
    handler = QuitOnSignals(window, close=lambda: closed.append(question.isVisible()))
    try:
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL  # it no longer ends us
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: closed != [], timeout=5000)
    finally:
        handler.restore()
    assert closed == [False]  # the question went first
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # as it was
