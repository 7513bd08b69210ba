"""Flow step change with repaint: every step of every shipped flow (p95 ≤ 16 ms).

The walk starts each flow and takes every answer of every question (and "go
on" from every other step) once, depth first, going back after each; a step
already walked is entered but not walked again. Each move is timed with the
page's repaint and the events it causes, the way a caseworker's key press is
answered; the page records usage to a file-backed database, as in the app.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks import Result


def main() -> list[Result]:
    from PySide6.QtWidgets import QApplication

    from fkstod.core import kommuner
    from fkstod.core.flows import load_library
    from fkstod.core.schema import MIGRATION_SETS
    from fkstod.core.store import open_store
    from fkstod.core.usage import UsageRecorder
    from fkstod.ui.samtal.page import FlowPage

    app = QApplication.instance() or QApplication([])
    library = load_library()

    class Dialogs:
        def confirm(self, *_a) -> bool:
            return True

        def __getattr__(self, _name):
            return lambda *_a, **_k: None

    samples: list[float] = []
    moves = {"n": 0}
    with tempfile.TemporaryDirectory() as tmp:
        opened = open_store(Path(tmp) / "fkstod.sqlite3", MIGRATION_SETS)
        usage = UsageRecorder(opened.db)
        usage.set_content_ids("flow", library.ids())
        page = FlowPage(library, usage, Dialogs(), kommuner.kommuner())  # type: ignore[arg-type]
        page.resize(1000, 700)
        page.show()
        app.processEvents()

        def timed(action) -> None:
            start = time.perf_counter()
            action()
            page.repaint()
            app.processEvents()
            samples.append((time.perf_counter() - start) * 1000)
            moves["n"] += 1

        sys.setrecursionlimit(10_000)

        def walk(seen: set[tuple[str, str]]) -> None:
            s = page.session
            assert s is not None
            here = (s.current.flow_id, s.step.id)
            if here in seen:
                return
            seen.add(here)
            step = s.step
            if step.kind == "question":
                moves_here = [lambda i=i: page.choose(i) for i in range(len(step.options))]
            elif step.is_outcome and not s.current.returns:
                moves_here = []  # the end of the flow
            else:
                moves_here = [page.advance]
            for move in moves_here:
                depth = len(s.trail)
                timed(move)
                if len(page.session.trail) > depth:
                    walk(seen)
                    while len(page.session.trail) > depth:
                        timed(page.back)

        for flow in library.flows.values():
            benefit = flow.benefits[0] if flow.benefits else "ovriga"
            timed(lambda f=flow.id, b=benefit: page.start(f, b))
            walk(set())
        page.shutdown()
        page.close()
        opened.db.close()
    return [
        Result.of(
            f"flödessteg byts och ritas om, alla steg i {len(library.flows)} flöden",
            samples,
            16,
            "ms",
            note=f"n={moves['n']} steg, p95",
        )
    ]
