"""Where fkstod's files live: the only module that knows.

Resources (flows, templates, the shipped directory) are read-only and found in
one of three places:

* the PyInstaller bundle: ``sys._MEIPASS/resources``;
* a source checkout (also an editable install): ``<repo>/resources``;
* an installed wheel: the package ``fkstod._resources``.

The data folder (the user's database, the lock file, quarantined files) is the
platform's per-user, per-machine application-data folder. It is never a roaming
or network folder: SQLite's WAL mode does not work on network shares.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePosixPath

APP_NAME = "fkstod"
DATA_DIR_ENV = "FKSTOD_DATA_DIR"

IS_FROZEN: bool = bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")

_PACKAGE_DIR = Path(__file__).resolve().parent


class ResourceNameError(ValueError):
    """A resource name that is absolute or climbs out of the resource folder."""


def resource_root() -> Path:
    """Return the folder that holds the shipped resources."""
    if IS_FROZEN:
        return Path(sys._MEIPASS) / "resources"  # type: ignore[attr-defined]
    checkout = _PACKAGE_DIR.parent / "resources"
    if (checkout / "kommuner.csv").is_file():
        return checkout
    return _PACKAGE_DIR / "_resources"


def resource_mode() -> str:
    """Return how resources are found: ``frozen``, ``checkout`` or ``wheel``."""
    if IS_FROZEN:
        return "frozen"
    root = resource_root()
    return "checkout" if root.parent == _PACKAGE_DIR.parent else "wheel"


def resource(relpath: str) -> Path:
    """Return the path of a shipped resource.

    Args:
        relpath: a relative, forward-slash name such as ``"templates/note.txt.j2"``.

    Raises:
        ResourceNameError: for absolute names and names containing ``..``.
    """
    pure = PurePosixPath(relpath.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        raise ResourceNameError(f"Ogiltigt resursnamn: {relpath!r}")
    return resource_root().joinpath(*pure.parts)


def default_data_dir() -> Path:
    """Return the platform's per-user application-data folder for fkstod."""
    if sys.platform == "win32":
        # LOCALAPPDATA, not APPDATA: the roaming profile may live on a network share.
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder: the override, else ``FKSTOD_DATA_DIR``, else the default."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def database_path(folder: Path) -> Path:
    """Return the database file inside a data folder."""
    return folder / "fkstod.sqlite3"


def lock_path(folder: Path) -> Path:
    """Return the lock file of a data folder: the window and every command take its lock."""
    return folder / "fkstod.lock"
