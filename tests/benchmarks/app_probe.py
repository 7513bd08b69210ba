"""Start the real fkstod window and measure it from outside: ``python app_probe.py OUT ARGS...``.

Runs ``fkstod.cli.main(ARGS)`` (what ``python -m fkstod`` runs) with a hook
around ``fkstod.app.build_window``, put in when the start imports the window
(so the imports happen in the start's own order), and nothing else changed. Once the window is
built it watches:

- ``first_frame``: the window's first paint (its ``ready`` signal), as
  ``time.monotonic()``, which the benchmark compares with when it started us;
- ``idle``: when every section has been built (the deferred ones included) and
  none is still loading its data in slices (the directory's entries);
- ``max_blocked_ms``: the longest the event loop did not answer, from the first
  paint until ``SETTLE`` seconds after idle, seen by a 5 ms timer;
- memory: resident set now (``rss_mb``) and its peak (``peak_mb``) once idle.

Then it writes the figures as JSON to OUT and quits the app the normal way.
"""

from __future__ import annotations

import json
import os
import sys
import time

SETTLE = float(os.environ.get("FKSTOD_PROBE_SETTLE", "1.0"))
TICK_MS = 5


def _memory_mb() -> tuple[float, float]:
    values = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, amount, _unit = line.split()
                values[key] = int(amount) / 1024
    return values.get("VmRSS:", 0.0), values.get("VmHWM:", 0.0)


def main(out: str, argv: list[str]) -> int:
    from fkstod import cli

    figures: dict[str, float] = {}
    real: dict[str, object] = {}
    before_qt = cli.import_before_qt

    def hook() -> None:
        # Where the real start imports the window: after the modules it imports
        # before PySide6 (cli.BEFORE_QT). Importing fkstod.app here first would
        # put PySide6 ahead of them and measure a slower start than the real one.
        before_qt()
        import fkstod.app as app_module

        real["build_window"] = app_module.build_window
        app_module.build_window = build_window

    cli.import_before_qt = hook

    def build_window(services, dialogs=None):
        from PySide6.QtCore import QElapsedTimer, QTimer
        from PySide6.QtWidgets import QApplication

        window = real["build_window"](services, dialogs)
        clock = QElapsedTimer()
        ticker = QTimer(window)
        ticker.setInterval(TICK_MS)
        state = {"last": 0, "max": 0, "idle_at": None}

        def all_built() -> bool:
            # Built, and none still reading its data in slices (a page that does
            # says so with ``loading``: Stödkatalog while its entries are read) or
            # still to make what its first frame did not show (``unfinished``).
            pages = [window.built_page(i) for i in range(window.pages.count())]
            return all(
                p is not None
                and not getattr(p, "loading", False)
                and not getattr(p, "unfinished", False)
                for p in pages
            )

        def tick() -> None:
            now = clock.elapsed()
            state["max"] = max(state["max"], now - state["last"] - TICK_MS)
            state["last"] = now
            if state["idle_at"] is None and all_built():
                state["idle_at"] = now
                figures["idle"] = time.monotonic()
                figures["rss_mb"], figures["peak_mb"] = _memory_mb()
            if state["idle_at"] is not None and now - state["idle_at"] >= SETTLE * 1000:
                ticker.stop()
                figures["max_blocked_ms"] = float(max(state["max"], 0))
                figures["sections"] = window.pages.count()
                with open(out, "w", encoding="utf-8") as f:
                    json.dump(figures, f)
                QApplication.quit()

        def first_frame() -> None:
            figures["first_frame"] = time.monotonic()
            clock.start()
            ticker.start()

        ticker.timeout.connect(tick)
        window.ready.connect(first_frame)
        return window

    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
