"""Resources are found in a checkout and in an installed wheel; the data folder is overridable."""

import subprocess
import sys
import zipfile

import pytest

from fkstod import paths
from tests.conftest import REPO


def test_a_checkout_finds_its_resources_folder():
    assert paths.resource_mode() == "checkout"
    assert paths.resource("kommuner.csv") == REPO / "resources" / "kommuner.csv"
    assert paths.resource("templates").is_dir()


@pytest.mark.parametrize("bad", ["../pyproject.toml", "/etc/passwd", "templates/../../x", "C:/x"])
def test_resource_names_cannot_escape_the_resource_folder(bad):
    with pytest.raises(paths.ResourceNameError):
        paths.resource(bad)


def test_data_folder_comes_from_argument_then_environment_then_platform(monkeypatch, tmp_path):
    monkeypatch.setenv("FKSTOD_DATA_DIR", str(tmp_path / "env"))
    assert paths.data_dir(tmp_path / "arg") == (tmp_path / "arg").resolve()
    assert paths.data_dir() == (tmp_path / "env").resolve()
    monkeypatch.delenv("FKSTOD_DATA_DIR")
    assert paths.data_dir() == paths.default_data_dir()


def test_windows_data_folder_is_local_not_roaming(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\x\AppData\Local")
    monkeypatch.setenv("APPDATA", r"\\server\profiles\x\AppData\Roaming")
    assert str(paths.default_data_dir()).startswith(r"C:\Users\x\AppData\Local")


@pytest.mark.slow
def test_an_installed_wheel_carries_and_finds_its_resources(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheel_dir.glob("fkstod-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "fkstod/_resources/kommuner.csv" in names
        assert "fkstod/_resources/config.toml" in names
        zf.extractall(site)
    probe = (
        "from fkstod import paths; from fkstod.core import kommuner;"
        "print(paths.resource_mode(), len(kommuner.kommuner()), paths.resource_root())"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    mode, count, root = result.stdout.split()
    assert (mode, count) == ("wheel", "290")
    assert root.startswith(str(site))
