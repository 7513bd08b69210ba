"""Run a script in a Python of its own, on screens given to Qt's offscreen plugin.

The screens of a running QApplication cannot be changed; a projector beside the
laptop, or a 1280×720 room screen, is a new process with its own screen layout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tests.conftest import REPO


def run_on_screens(
    tmp_path: Path,
    script: str,
    screens: Sequence[tuple[str, int, int, int, int]],
    timeout: int = 120,
) -> object:
    """Run ``script`` on ``screens`` (name, x, y, width, height); return its last line's JSON."""
    config = tmp_path / "screens.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": n, "x": x, "y": y, "width": w, "height": h, "logicalDpi": 96}
                    for n, x, y, w, h in screens
                ]
            }
        ),
        encoding="utf-8",
    )
    env = {
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": str(REPO),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
