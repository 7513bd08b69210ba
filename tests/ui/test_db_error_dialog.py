"""A database error that reaches the window is shown in Swedish, never SQLite's English."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from fkstod import app
from tests.ui.fakes import FakeDialogs


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        ("database or disk is full", "disken är full"),
        ("disk I/O error", "läsa från eller skriva till disken"),
        ("table settings already exists", "tabellen settings finns redan"),
    ],
)
def test_a_database_error_in_the_window_is_shown_in_swedish(monkeypatch, english, swedish):
    dialogs = FakeDialogs()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.install_excepthook(dialogs)
    try:
        raise sqlite3.OperationalError(english)
    except sqlite3.OperationalError:
        sys.excepthook(*sys.exc_info())
    ((title, text),) = dialogs.errors
    assert title == "Databasfel" and swedish in text
    assert english not in text
