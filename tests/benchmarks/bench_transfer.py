"""The window during a directory import and export: how long its event loop waits at most.

Through the real page (``DirectoryPage``), with the directory in a database
file as the window has it: a CSV of N entries is imported (read and checked,
written, the index rebuilt in slices) and the directory exported as an Excel
workbook. A 5 ms timer on the window's thread sees every gap (budget: the
event loop never blocked more than 50 ms after the first paint).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tests.benchmarks import Result
from tests.benchmarks.data import fill_data_folder, generate

SIZES = (20_000, 100_000)
TICK_MS = 5


class _Gaps:
    """Records the longest time between ticks of a 5 ms timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self._last) * 1000 - TICK_MS)
        self._last = now

    def __enter__(self) -> _Gaps:
        self._last = time.perf_counter()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.stop()


def _edits(directory, label: str) -> list[Result]:
    """The editor's save of a changed entry: the first of a session, then later ones.

    As the window has it: while the editor is open, the table of numbers a save
    checks is made in slices (``duplicates_step``, each slice timed), then saved.
    """
    from fkstod.core.directory.validate import entry_to_fields

    slices = []
    while True:
        start = time.perf_counter()
        done = directory.duplicates_step(10)
        slices.append((time.perf_counter() - start) * 1000)
        if done:
            break
    times = []
    for n, entry in enumerate(directory.local_entries()[:6]):
        values = {k: v for k, v in entry_to_fields(entry).items() if k != "id"}
        values["telefontider"] = f"mån 9-1{n}"
        start = time.perf_counter()
        saved = directory.save(values, entry.id, index_now=False)
        times.append((time.perf_counter() - start) * 1000)
        assert not isinstance(saved, list), saved
    while not directory.reindex_step(50):
        pass
    return [
        Result(
            f"tabellen över nummer medan redigeraren är öppen, {label} poster, längsta bit",
            max(slices),
            50,
            "ms",
            note=f"{len(slices)} bitar",
        ),
        Result(
            f"spara en ändrad post, första i sessionen, {label} poster",
            times[0],
            50,
            "ms",
        ),
        Result.of(
            f"spara en ändrad post, därefter, {label} poster",
            times[1:],
            50,
            "ms",
            judge="max",
            note=f"n={len(times) - 1}, max",
        ),
    ]


def main() -> list[Result]:
    from PySide6.QtWidgets import QApplication

    from fkstod import paths
    from fkstod.core.directory import Directory, csvfile
    from fkstod.core.files import NOTHING_PROTECTED
    from fkstod.core.schema import MIGRATION_SETS
    from fkstod.core.store import open_store
    from fkstod.ui.katalog.page import DirectoryPage
    from tests.ui.fakes import FakeDialogs

    app = QApplication.instance() or QApplication([])
    results = []
    for n in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            here = Path(tmp)
            source = here / "katalog.csv"
            csvfile.write_csv(generate(n), source, NOTHING_PROTECTED)
            db = open_store(
                paths.database_path(fill_data_folder(here / "data", 0)), MIGRATION_SETS
            ).db
            dialogs = FakeDialogs()
            dialogs.answer = True
            page = DirectoryPage(Directory(db), dialogs)
            page.show()
            app.processEvents()
            page.transfer.choose_import_path = lambda s=source: str(s)
            page.transfer.choose_export_path = lambda fmt, h=here: str(h / "ut.xlsx")
            start = time.perf_counter()
            with _Gaps() as gaps:
                page.transfer.import_file()
                while page.loading:  # the index, rebuilt in slices
                    app.processEvents()
            seconds = time.perf_counter() - start
            assert len(page.directory.local_entries()) == n, dialogs.shown
            label = f"{n:,}".replace(",", " ")
            results.append(
                Result(
                    f"fönstret under import av {label} poster, längsta väntan",
                    gaps.longest,
                    50,
                    "ms",
                    note=f"importen tog {seconds:.1f} s",
                )
            )
            results += _edits(page.directory, label)
            start = time.perf_counter()
            with _Gaps() as gaps:
                page.transfer.export_file("xlsx")
            seconds = time.perf_counter() - start
            results.append(
                Result(
                    f"fönstret under export (.xlsx) av {label} poster, längsta väntan",
                    gaps.longest,
                    50,
                    "ms",
                    note=f"exporten tog {seconds:.1f} s",
                )
            )
            page.close()
            page.deleteLater()
            app.processEvents()
            db.close()
    return results
