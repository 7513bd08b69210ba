"""Run every benchmark module and print measured figures against their budgets."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


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
    over = 0
    for name in names:
        module = importlib.import_module(f"tests.benchmarks.{name}")
        print(f"== {name}")
        for result in module.main():
            print(result, flush=True)
            over += not result.within
    print(f"{over} över budget" if over else "Alla mätvärden inom budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
