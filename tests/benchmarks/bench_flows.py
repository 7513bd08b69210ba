"""Flow step change with repaint: choose an answer, show the next step, paint it (p95 ≤ 16 ms)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks import Result, p95, time_ms


def main() -> list[Result]:
    from PySide6.QtWidgets import QApplication

    from fkstod.core.flows import load_library
    from fkstod.core.schema import MIGRATION_SETS
    from fkstod.core.store import open_memory
    from fkstod.core.usage import UsageRecorder
    from fkstod.ui.samtal.page import FlowPage

    app = QApplication.instance() or QApplication([])
    library = load_library()
    db = open_memory(MIGRATION_SETS)
    usage = UsageRecorder(db)
    usage.set_content_ids("flow", library.ids())

    class Dialogs:
        def confirm(self, *_a) -> bool:
            return True

    page = FlowPage(library, usage, Dialogs())  # type: ignore[arg-type]
    page.resize(1000, 700)
    page.show()
    app.processEvents()

    def step_change() -> None:
        # Forward and back between two questions, painted each time.
        if page.session is None or page.session.finished:
            page.start("sjukpenning-fraga", "sjukpenning")
        elif page.session.step.id == "fore":
            page.choose(2)  # to "skal"
        else:
            page.back()
        page.repaint()
        app.processEvents()

    for _ in range(20):
        step_change()
    samples = time_ms(step_change, 400)
    page.shutdown()
    page.close()
    db.close()
    return [Result("flödessteg byts och ritas om (p95)", p95(samples), 16, "ms")]
