"""The frozen onedir bundle: built by PyInstaller, started as a user would.

Building takes about half a minute, so it happens when FKSTOD_E2E=1 (CI sets
it) or when a bundle is already in build/dist; otherwise these tests skip.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.e2e

DIST = REPO / "build" / "dist" / "fkstod"
EXE = ".exe" if sys.platform == "win32" else ""


@pytest.fixture(scope="session")
def bundle():
    if os.environ.get("FKSTOD_E2E") == "1":
        subprocess.run(["bash", str(REPO / "build" / "bundle.sh")], check=True, cwd=REPO)
    elif not (DIST / f"fkstod-cli{EXE}").exists():
        pytest.skip("no bundle in build/dist: run `make bundle` or set FKSTOD_E2E=1")
    return DIST


def run(bundle, name, *args, tmp_path, timeout=60):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FKSTOD_DATA_DIR": str(tmp_path)}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(bundle / f"{name}{EXE}"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=timeout,
    )


def test_frozen_self_test_finds_the_bundled_resources(bundle, tmp_path):
    result = run(bundle, "fkstod-cli", "self-test", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(frozen:" in result.stdout
    assert str(bundle) in result.stdout


def test_frozen_app_starts_and_exits_when_ready(bundle, tmp_path):
    result = run(bundle, "fkstod", "--exit-when-ready", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "fkstod.sqlite3").exists()


def test_frozen_cli_reports_bad_usage_without_a_traceback(bundle, tmp_path):
    result = run(bundle, "fkstod-cli", "--nonsense", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_the_bundle_carries_only_swedish_qt_translations(bundle):
    qms = {p.name for p in bundle.rglob("*.qm")}
    assert "qtbase_sv.qm" in qms
    assert all("_sv" in name for name in qms), qms


def test_frozen_cli_writes_a_pdf_report_without_a_display(bundle, tmp_path):
    example = run(bundle, "fkstod-cli", "orosanmalan", "example", tmp_path=tmp_path)
    assert example.returncode == 0, example.stderr
    source = tmp_path / "in.json"
    source.write_text(example.stdout, encoding="utf-8")
    env_without_platform = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        [
            str(bundle / f"fkstod-cli{EXE}"),
            "orosanmalan",
            "render",
            str(source),
            "--format",
            "pdf",
            "--barn",
            "1",
            "--out",
            str(tmp_path / "rapport.pdf"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=60,
        # A data folder of its own: fkstod never writes a report into its data folder.
        env={**env_without_platform, "FKSTOD_DATA_DIR": str(tmp_path / "data"), "DISPLAY": ""},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rapport.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_frozen_cli_draws_a_flow_diagram_in_every_format(bundle, tmp_path, suffix):
    """Each format needs its own part of Qt in the bundle (SVG: libQt6Svg)."""
    data, out = tmp_path / "data", tmp_path / f"flode.{suffix}"  # not in the data folder
    data.mkdir()
    result = run(
        bundle, "fkstod-cli", "flows", "diagram", "akut-fara", "--out", str(out), tmp_path=data
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert out.stat().st_size > 1000


def test_the_bundle_has_no_test_tools(bundle):
    """scipy (a test's) brings numpy, which openpyxl would import if it were there."""
    internal = {p.name.split("-")[0].split(".")[0] for p in (bundle / "_internal").iterdir()}
    assert not internal & {"numpy", "scipy", "pytest", "hypothesis", "pandas"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_every_library_of_the_bundle_finds_what_it_needs(bundle):
    """Nothing dropped from the bundle is missing: each .so resolves, from it or the system."""
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    missing = {}
    for lib in [bundle / "fkstod", *internal.rglob("*.so*")]:
        if lib.is_symlink() or not lib.is_file():
            continue
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, env=env).stdout
        lost = [line.split()[0] for line in out.splitlines() if "not found" in line]
        if lost:
            missing[lib.relative_to(bundle).as_posix()] = lost
    assert missing == {}


def test_a_first_frozen_start_reads_the_prepared_flows(bundle, tmp_path):
    # The bundle ships the flows parsed by its own code (resources/flows.cache) and
    # the sources the cache's key is made from: a first start parses nothing, so
    # it has nothing to keep in the data folder.
    assert (bundle / "_internal" / "resources" / "flows.cache").is_file()
    result = run(bundle, "fkstod", "--exit-when-ready", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "fkstod.sqlite3").exists()
    assert not (tmp_path / "flows.cache").exists()
