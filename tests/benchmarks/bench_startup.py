"""Start-up, the event loop after the first paint, and memory: the real window, as a process.

Every figure comes from ``app_probe.py``, which runs ``fkstod.cli.main`` with a
hook around the window and reports its first paint, when every section was
built (idle), the longest block of the event loop and memory. Start-up runs are
interleaved with a bare PySide6 window (``bare_window.py``) started the same
way, so both see the same machine; the ratio is per round, then summarised.

Byte-code: an installed user has compiled byte-code. ``build/dev.sh setup``
compiles fkstod; this module checks every module's ``.pyc`` is current (and
compiles it when not, saying so), since ``PYTHONDONTWRITEBYTECODE`` may be set.
"""

from __future__ import annotations

import compileall
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks import Result, median
from tests.benchmarks.data import fill_data_folder

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DIST = REPO / "build" / "dist" / "fkstod"
ROUNDS = int(os.environ.get("FKSTOD_BENCH_ROUNDS", "9"))
#: Directory sizes for the event-loop probe, and how many runs each.
LOADS = ((0, 3), (20_000, 3), (50_000, 2), (100_000, 2))


def bytecode_state() -> tuple[int, int]:
    """Return (modules with current byte-code, modules) for the fkstod package."""
    sources = sorted((REPO / "fkstod").rglob("*.py"))
    current = 0
    for source in sources:
        cached = Path(importlib.util.cache_from_source(str(source)))
        try:
            header = cached.read_bytes()[:16]
        except OSError:
            continue
        stat = source.stat()
        mtime = int.from_bytes(header[8:12], "little")
        size = int.from_bytes(header[12:16], "little")
        current += mtime == int(stat.st_mtime) & 0xFFFFFFFF and size == stat.st_size & 0xFFFFFFFF
    return current, len(sources)


def _ensure_bytecode() -> str:
    current, total = bytecode_state()
    if current == total:
        return f"byte-kod: aktuell för alla {total} moduler (build/dev.sh setup kompilerar den)"
    compileall.compile_dir(str(REPO / "fkstod"), quiet=1)
    after, _total = bytecode_state()
    return (
        f"byte-kod: {current} av {total} moduler var kompilerade; mätningen kompilerade "
        f"resten ({after} av {total} nu)"
    )


def _ensure_prepared_flows() -> str:
    # As a bundle ships it and build/dev.sh setup makes it: the flows parsed once.
    from fkstod import paths
    from fkstod.core.flows.cache import PREPARED_NAME, FlowCache, write_prepared

    prepared = paths.resource(PREPARED_NAME)
    cache = FlowCache(Path(os.devnull), prepared=prepared)
    cache.load()
    if not cache.stale:
        return "förberett flödesbibliotek: aktuellt (build/dev.sh setup och paketet gör det)"
    write_prepared(prepared)
    return "förberett flödesbibliotek: saknades eller var inaktuellt; mätningen gjorde det"


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}


def _probe(folder: Path, settle: float = 0.3) -> dict[str, float]:
    """Start fkstod on ``folder``; return its figures, times in ms from the start."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        path = Path(out.name)
    env = {**_env(), "FKSTOD_PROBE_SETTLE": str(settle)}
    cmd = [sys.executable, str(HERE / "app_probe.py"), str(path), "--data-dir", str(folder)]
    try:
        start = time.monotonic()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, timeout=300)
        figures = json.loads(path.read_text(encoding="utf-8"))
    finally:
        path.unlink(missing_ok=True)
    for key in ("first_frame", "idle"):
        figures[key] = (figures[key] - start) * 1000
    return figures


def _bare(script: str = "bare_window.py") -> float:
    """Start a reference window (``bare_window.py`` or ``plain_window.py``); ms to its paint."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(HERE / script)],
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return (float(done.stdout.split()[0]) - start) * 1000


def _spread(samples: list[float]) -> str:
    ordered = sorted(samples)
    return f"median {median(ordered):.0f}, {ordered[0]:.0f}–{ordered[-1]:.0f}"


def startup() -> list[Result]:
    print("   " + _ensure_bytecode(), flush=True)
    print("   " + _ensure_prepared_flows(), flush=True)
    bare, plain, warm, fresh = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        _probe(folder)  # creates the database; warms the file cache for both
        _bare()
        _bare("plain_window.py")
        for n in range(ROUNDS):  # interleaved, so all see the same machine
            bare.append(_bare())
            plain.append(_bare("plain_window.py"))
            warm.append(_probe(folder))
            fresh.append(_probe(Path(tmp) / f"ny-{n}"))  # a first start: new data folder
    b = bare
    first = [r["first_frame"] for r in warm]
    idle = [r["idle"] for r in warm]
    fresh_first = [r["first_frame"] for r in fresh]
    print(f"   bar PySide6-fönster, första bild: {_spread(b)} ms", flush=True)
    print(f"   enkelt fönster (meny, lista, sökfält): {_spread(plain)} ms", flush=True)
    print(f"   fkstod första bild:               {_spread(first)} ms", flush=True)
    print(f"   fkstod alla sektioner byggda:     {_spread(idle)} ms", flush=True)
    print(f"   fkstod första start, ny datamapp: {_spread(fresh_first)} ms", flush=True)
    note = f"kvot per omgång, n={ROUNDS}"
    # (what, its samples, per which reference, budget); each ratio taken per round.
    # The plain window (plain_window.py: menus, lists, a search field, the Qt
    # namespace) shows what any usable PySide6 window costs over the bare one.
    ratios = [
        ("start → första bild, ggr bart fönster", first, b, 1.3),
        ("start → första bild, ny datamapp, ggr bart fönster", fresh_first, b, 1.3),
        ("enkelt fönster utan fkstod → första bild, ggr bart fönster", plain, b, None),
        ("start → första bild, ggr enkelt fönster", first, plain, None),
        ("start → alla sektioner byggda (idle), ggr bart fönster", idle, b, None),
    ]
    return [
        *(
            Result.of(
                name,
                [t / r for t, r in zip(times, reference, strict=True)],
                budget,
                "x",
                judge="median",
                note=note,
            )
            for name, times, reference, budget in ratios
        ),
        Result.of("start → första bild, fkstod", first, None, "ms", judge="median"),
        Result.of("start → första bild, bart PySide6-fönster", b, None, "ms", judge="median"),
    ]


def loaded() -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for entries, runs in LOADS:
            folder = fill_data_folder(Path(tmp) / f"n{entries}", entries)
            _probe(folder)  # warm the file cache
            figures = [_probe(folder, settle=1.0) for _ in range(runs)]
            label = f"{entries:,}".replace(",", " ")
            results.append(
                Result.of(
                    f"händelseloopen blockerad efter första bild, {label} poster",
                    [f["max_blocked_ms"] for f in figures],
                    50,
                    "ms",
                    judge="max",
                    note=f"n={runs}, max",
                )
            )
            if entries == 50_000:
                results.append(
                    Result.of(
                        "minne (RSS), alla sektioner byggda, 50 000 poster",
                        [f["peak_mb"] for f in figures],
                        150,
                        "MB",
                        judge="max",
                        note=f"n={runs}, topp-RSS",
                    )
                )
            shutil.rmtree(folder, ignore_errors=True)
    return results


def _folder_size_mb(folder: Path) -> float:
    # Symbolic links (PyInstaller links Qt's libraries on Linux) count once, as links.
    return (
        sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir() or p.is_symlink()) / 1e6
    )


def frozen() -> list[Result]:
    """The onedir bundle, when one is built (FKSTOD_BENCH_BUNDLE=1 builds it first)."""
    if os.environ.get("FKSTOD_BENCH_BUNDLE") == "1":
        subprocess.run(
            ["bash", str(REPO / "build" / "bundle.sh")],
            check=True,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    if not (DIST / "fkstod").exists():
        print("   ingen build/dist/fkstod: paketet mäts inte (FKSTOD_BENCH_BUNDLE=1 bygger det)")
        return []
    env = {k: v for k, v in _env().items() if k != "PYTHONPATH"}
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [str(DIST / "fkstod"), "--data-dir", tmp, "--exit-when-ready"]
        for n in range(ROUNDS + 1):
            start = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True)
            if n:  # the first run creates the database
                times.append(time.perf_counter() - start)
    return [
        Result.of("paketerad onedir, start (median)", times, 0.6, "s", judge="median"),
        Result("onedir-paketet på Linux", _folder_size_mb(DIST), 110, "MB"),
    ]


def main() -> list[Result]:
    return startup() + loaded() + frozen()
