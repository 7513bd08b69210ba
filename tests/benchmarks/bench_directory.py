"""Directory search: 20 000 services loaded from the database, letters and digits, caches cold.

In core, every prefix a caseworker types of the sample queries is searched
once, with every cache of the index emptied first. Through the window, each
key is a real key event sent through the event loop to the search field of the
directory page; the time runs until the results are painted.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path

from fkstod.core.directory import Directory, Filters
from tests.benchmarks import Result, time_ms
from tests.benchmarks.data import TYPED, fill_data_folder

N = 20_000
#: Number search is a feature: phone numbers as read out, and numbers in names.
DIGITS = ["020-50 50 50", "08-123", "1234", "0", "12", "046", "112", "kvinnojour 12"]


def keystrokes(queries: list[str]) -> list[str]:
    """Return every prefix a user produces typing ``queries``."""
    return [q[:i] for q in queries for i in range(1, len(q) + 1)]


def _cold(directory: Directory) -> None:
    index = directory.index
    clear = getattr(index, "clear_caches", None)
    if clear is not None:
        clear()
        return
    for postings in (index._folded, index._exact, index._name):  # before clear_caches existed
        postings._cache.clear()
    index._open_cache = None


def _search_cold(directory: Directory, queries: list[str], **options) -> list[float]:
    out = []
    for q in queries:
        _cold(directory)
        out += time_ms(lambda q=q: directory.search(q, **options), 1)
    return out


def main() -> list[Result]:
    from fkstod import paths
    from fkstod.core.schema import MIGRATION_SETS
    from fkstod.core.store import open_store

    now = datetime(2026, 11, 23, 10)
    letters, digits = keystrokes(TYPED), keystrokes(DIGITS)
    with tempfile.TemporaryDirectory() as tmp:
        folder = fill_data_folder(Path(tmp), N)
        db = open_store(paths.database_path(folder), MIGRATION_SETS).db
        start = time.perf_counter()
        directory = Directory(db)
        load_ms = (time.perf_counter() - start) * 1000
        core_letters = []
        core_digits = []
        for kommun in ("", "1280"):
            core_letters += _search_cold(directory, letters, kommun=kommun, now=now)
            core_digits += _search_cold(directory, digits, kommun=kommun, now=now)
        filtered = _search_cold(
            directory,
            letters + digits,
            filters=Filters(lan="12", open_now=True, malgrupp="kvinnor"),
            needs=["kvinnor"],
            now=now,
        )
        results = [
            Result(
                "läsa 20 000 poster ur databasen och bygga index (i ett svep)",
                load_ms,
                None,
                "ms",
            ),
            Result.of("sökning i kärnan, bokstäver, 20 000, kall, p95", core_letters, 5, "ms"),
            Result.of("sökning i kärnan, siffror, 20 000, kall, p95", core_digits, 5, "ms"),
            Result.of("sökning med filter och behov, kall, p95", filtered, 5, "ms"),
        ]
        results += _paint(directory, TYPED + DIGITS)
        db.close()
    return results


def _paint(directory: Directory, queries: list[str]) -> list[Result]:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from fkstod.ui.katalog.page import DirectoryPage

    app = QApplication.instance() or QApplication([])
    page = DirectoryPage(directory, dialogs=None)
    page.resize(1000, 700)
    page.show()
    page.activateWindow()
    page.search_box.setFocus()
    app.processEvents()
    samples = []
    for query in queries:
        page.search_box.clear()
        app.processEvents()
        for char in query:
            _cold(directory)
            start = time.perf_counter()
            # A key press and release posted to the field and delivered by the event loop
            # (QTest's helpers cannot type å, ä, ö).
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                key = ord(char.upper()) if ord(char.upper()) < 256 else 0
                event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
                QApplication.postEvent(page.search_box, event)
            app.processEvents()
            page.repaint()
            samples.append((time.perf_counter() - start) * 1000)
            assert page.search_box.text().endswith(char)
    page.close()
    return [Result.of("tangent → rader ritade, kall, p95", samples, 16, "ms")]
