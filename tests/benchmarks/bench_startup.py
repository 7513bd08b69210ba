"""Start-up: fkstod against a bare PySide6 window in the same run; the frozen bundle."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks import Result, median

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "build" / "dist" / "fkstod"
ROUNDS = 15


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _folder_size_mb(folder: Path) -> float:
    # Symbolic links (PyInstaller links Qt's libraries on Linux) count once, as links.
    return (
        sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir() or p.is_symlink()) / 1e6
    )


def main() -> list[Result]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        fkstod = [sys.executable, "-m", "fkstod", "--data-dir", tmp, "--exit-when-ready"]
        bare = [sys.executable, str(Path(__file__).with_name("bare_window.py"))]
        _time(fkstod, env)  # warm the file cache and create the database once
        _time(bare, env)
        ours, base = [], []
        for _ in range(ROUNDS):  # interleaved, so both see the same machine
            ours.append(_time(fkstod, env))
            base.append(_time(bare, env))
        print(
            f"   fkstod median {median(ours) * 1000:.0f} ms, bare window {median(base) * 1000:.0f} ms"
        )
        results.append(
            Result(
                "start to window, source (ratio to bare PySide6)",
                median(ours) / median(base),
                1.3,
                "x",
            )
        )

        # Measure the bundle of the code as it is now (set FKSTOD_BENCH_REUSE_BUNDLE=1 to
        # time an existing build/dist instead).
        if os.environ.get("FKSTOD_BENCH_REUSE_BUNDLE") != "1" or not (DIST / "fkstod").exists():
            subprocess.run(
                ["bash", str(REPO / "build" / "bundle.sh")],
                check=True,
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        frozen_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
        frozen = [str(DIST / "fkstod"), "--data-dir", tmp, "--exit-when-ready"]
        _time(frozen, frozen_env)
        times = [_time(frozen, frozen_env) for _ in range(ROUNDS)]
        results.append(Result("frozen onedir start (median)", median(times), 0.6, "s"))
        results.append(Result("onedir bundle size on Linux", _folder_size_mb(DIST), 120, "MB"))
    return results
