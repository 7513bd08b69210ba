"""Run every benchmark module and print one table of measured figures against their budgets.

``python -m tests.benchmarks [PART ...]`` runs the ``bench_*`` modules whose
names contain one of the PARTs (all of them without). Exit code 1 when a figure
is over budget or a module failed.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import sys
import time
import traceback
from pathlib import Path

from tests.benchmarks import HEADER, Result


def _quiet_offscreen_warning() -> None:
    # The offscreen platform cannot pass size hints to a window manager and says
    # so on every window shown; in a benchmark that is thousands of lines.
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(kind, context, message):
        if "propagateSizeHints" not in message and previous is not None:
            previous(kind, context, message)
        elif "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)


def main(only: list[str]) -> int:
    _quiet_offscreen_warning()
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if only:
        names = [n for n in names if any(o in n for o in only)]
    rows: list[tuple[str, Result]] = []
    started = time.perf_counter()
    for name in names:
        print(f"== {name}", flush=True)
        begun = time.perf_counter()
        try:
            module = importlib.import_module(f"tests.benchmarks.{name}")
            results = list(module.main())
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            results = [Result(f"{name}: kunde inte mätas", math.inf, 0, "", note=repr(exc)[:60])]
        print(f"   ({time.perf_counter() - begun:.0f} s)", flush=True)
        rows += [(name, r) for r in results]
    over = sum(not r.within for _n, r in rows)
    print()
    print(HEADER)
    print("-" * len(HEADER))
    current = ""
    for name, result in rows:
        if name != current:
            print(f"[{name}]")
            current = name
        print(result)
    print("-" * len(HEADER))
    total = time.perf_counter() - started
    print(
        f"{over} av {len(rows)} över budget ({total:.0f} s)."
        if over
        else f"Alla {len(rows)} mätvärden inom budget ({total:.0f} s)."
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
