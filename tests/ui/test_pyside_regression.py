"""PySide6 6.12.0 on CPython 3.11 aborts after a few thousand None-returning calls.

DESIGN.md "Known traps": the pin in pyproject.toml keeps that combination out.
This test makes the call 100 000 times in a child process, so an abort fails
the test instead of killing the test run.
"""

import subprocess
import sys

CHILD = """
from PySide6.QtCore import QObject
o = QObject()
for i in range(100_000):
    o.setObjectName("x")  # returns None
print("ok")
"""


def test_none_returning_calls_do_not_crash_the_interpreter():
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
