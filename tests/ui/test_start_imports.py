"""The window's start imports its core modules before PySide6 (cli.BEFORE_QT).

PySide6 reads the source of every module imported after it, looking for the
word "PySide6"; on the start path that was some 60 modules. This runs the real
start in a fresh process and lists what is imported after PySide6.
"""

from __future__ import annotations

from tests.conftest import run_window_probe

PROBE = r"""
import importlib.abc, sys
after = []
class Watch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.startswith("PySide6") or after:
            after.append(name)
        return None
sys.meta_path.insert(0, Watch())
from fkstod import cli
code = cli.main(["--data-dir", sys.argv[1], "--exit-when-ready"])
print("AFTER", " ".join(after))
sys.exit(code)
"""


def test_no_core_module_is_imported_after_pyside6_on_the_start_path(data_folder):
    for _start in range(2):  # the first start creates the database; the second is the usual one
        done = run_window_probe(PROBE, data_folder)
    line = next(x for x in done.stdout.splitlines() if x.startswith("AFTER"))
    after = line.split()[1:]
    assert "PySide6.QtCore" in after  # the watch saw PySide6 come in
    late = [name for name in after if name.startswith("fkstod.core")]
    assert late == [], f"add to fkstod.cli.BEFORE_QT: {late}"
