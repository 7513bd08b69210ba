"""The parsed flow library, kept between starts: derived from shipped files only.

Parsing and checking the shipped flows takes some 20 ms of every start; reading
them back parsed takes about 1 ms. ``FlowCache`` keeps the parsed library in
one file, keyed by a hash of everything the parse depends on: every flow file's
name and bytes, the code that parses them (its source, or the executable of a
bundle), and Python's version. A change to any of them is a different key, and
the flows are parsed again. A library with a flow that could not be used is
not kept (the next start parses again).

What the file holds is derived from the shipped flows, never from anything a
caseworker typed, and it names no folder: each flow's path is kept as its file
name and read back in the folder the key was made from (the prepared cache is
made on the build machine, whose folders are nobody else's business). It is a
cache, so any fault in it (missing, cut short, from another version, not ours)
reads as a miss and the flows are parsed instead;
a file that cannot be written (a read-only data folder) is left as it is.
Reading it back only makes the library's own classes: anything else in the
file is refused (``_Unpickler.find_class``), so a file put there by someone
else cannot run code.
"""

from __future__ import annotations

import io
import pickle
import sys
from dataclasses import replace
from pathlib import Path

from fkstod import __version__
from fkstod.core import files
from fkstod.core.digest import sha256
from fkstod.core.flows.library import FlowLibrary, flows_folder, load_library
from fkstod.core.problems import MAX_SOURCE_BYTES

#: The cache's file name in the data folder.
CACHE_NAME = "flows.cache"
#: The resource made when fkstod is set up or bundled (``write_prepared``): the
#: library parsed from the shipped flows by the shipped code, so that a first
#: start, and the first after an update, need not parse either.
PREPARED_NAME = "flows.cache"
#: The file starts with this, then the 32-byte key, then the pickled library.
MAGIC = b"fkstod-flows-cache 1\n"
#: A cache bigger than this is not ours (today's is some 130 kB).
MAX_CACHE_BYTES = 32 * 1024 * 1024
#: A module's source bigger than this is not ours.
MAX_CODE_BYTES = 4 * 1024 * 1024
#: The modules whose code decides what a parse gives, and what a cache reads back as.
CODE_MODULES = (
    "fkstod.core.flows.cache",
    "fkstod.core.flows.check",
    "fkstod.core.flows.library",
    "fkstod.core.flows.loader",
    "fkstod.core.flows.model",
    "fkstod.core.flows.note_rule",
    "fkstod.core.parse",
    "fkstod.core.problems",
    "fkstod.core.vocabulary",
)
#: The folder that holds the package ``fkstod`` (its sources, from a checkout or a wheel).
CODE_ROOT = Path(__file__).resolve().parents[3]
#: The only classes a cache may hold.
_ALLOWED = {
    "fkstod.core.flows.library": {"FlowLibrary", "Unavailable"},
    "fkstod.core.flows.model": {"DirectoryShortcut", "Flow", "Option", "Source", "Step"},
    "fkstod.core.problems": {"Problem"},
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> type:
        if name not in _ALLOWED.get(module, ()):
            raise pickle.UnpicklingError(f"{module}.{name} hör inte till flödesbiblioteket")
        return super().find_class(module, name)


def _code_identity() -> bytes:
    """Return what identifies the parsing code: its source, else the executable."""
    digest = sha256(f"{__version__}\n{sys.version}\n".encode())
    for module in CODE_MODULES:
        source = CODE_ROOT.joinpath(*module.split(".")).with_suffix(".py")
        try:
            digest.update(files.read_bytes(source, MAX_CODE_BYTES))
        except files.FileProblem:  # a bundle ships byte-code only: the executable stands for it
            status = Path(sys.executable).stat()
            digest.update(f"{sys.executable}:{status.st_size}:{status.st_mtime_ns}".encode())
            break
    return digest.digest()


def library_key(folder: Path) -> bytes:
    """Return the key of the library parsed from ``folder``: any change gives another."""
    digest = sha256(_code_identity())
    for path in sorted(folder.glob("*.toml")):
        try:
            data = files.read_bytes(path, MAX_SOURCE_BYTES)
        except files.FileProblem as exc:  # parsed, it is an unavailable flow: key it by its fault
            data = f"\0{exc.message}".encode()
        digest.update(f"\0{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.digest()


class FlowCache:
    """The flow library, read from the cache file when it is current, else parsed.

    ``load`` returns the library; ``save`` writes the cache when ``load`` had to
    parse (the app calls it after the first paint, so a first start does not wait).
    """

    def __init__(
        self, path: Path, folder: Path | None = None, prepared: Path | None = None
    ) -> None:
        self.path = path
        self.folder = folder or flows_folder()
        #: The cache made when fkstod was set up or bundled, read when ``path`` is no help.
        self.prepared = prepared
        self._stale: tuple[bytes, FlowLibrary] | None = None

    def load(self) -> FlowLibrary:
        """Return the library: a cached one whose key matches, else parsed anew.

        The data folder's cache first, then the prepared one: both are checked
        against the same key, so either is used only when it is current.
        """
        key = library_key(self.folder)
        for path in (self.path, self.prepared):
            cached = None if path is None else _read(path, key, self.folder)
            if cached is not None:
                self._stale = None
                return cached
        library = load_library(self.folder)
        # A library with a flow that could not be used is not kept: a release ships none,
        # and the cause may pass (a file locked while it was read, after the key read it).
        # Kept, it would outlive the restart that cures it, until the flows change.
        self._stale = None if library.unavailable else (key, library)
        return library

    @property
    def stale(self) -> bool:
        """True when the last ``load`` parsed a library to keep, and ``save`` has not written it."""
        return self._stale is not None

    def save(self) -> bool:
        """Write the library ``load`` parsed, all or nothing; return whether it was written.

        A folder that cannot be written (read-only, full) is no fault: the next
        start parses the flows again.
        """
        if self._stale is None:
            return False
        key, library = self._stale
        try:
            # The app chose this file itself, in its own data folder: nothing to protect.
            files.write_file(self.path, _cache_bytes(key, library), files.NOTHING_PROTECTED)
        except files.FileProblem:
            return False
        self._stale = None
        return True


def write_prepared(target: Path, folder: Path | None = None) -> int:
    """Parse the shipped flows and write them as a cache to ``target``; return the flows kept.

    Run when fkstod is set up and when it is bundled (``build/prepare_flows.py``).
    Raises ``ValueError`` when a flow cannot be used: a build must not ship that.
    """
    folder = folder or flows_folder()
    library = load_library(folder)
    if library.unavailable:
        names = ", ".join(Path(u.path).name for u in library.unavailable)
        raise ValueError(f"flöden som inte kan användas: {names}")
    files.write_file(target, _cache_bytes(library_key(folder), library), files.NOTHING_PROTECTED)
    return len(library.ids())


def _cache_bytes(key: bytes, library: FlowLibrary) -> bytes:
    # Each flow's path as its file name only: the key is made of the files' names and
    # bytes, not of their folder, so a cache holds none (the build machine's, with a
    # user name in it, would ship in every bundle). ``_read`` puts the folder back.
    named = FlowLibrary(
        {i: replace(f, path=Path(f.path).name) for i, f in library.flows.items()},
        list(library.unavailable),
    )
    return MAGIC + key + pickle.dumps(named, protocol=pickle.HIGHEST_PROTOCOL)


def _in_folder(library: FlowLibrary, folder: Path) -> FlowLibrary:
    """Put each flow's path in ``folder``, the folder it was keyed for; return ``library``.

    In place: the flows were just made by the unpickler and nothing else holds them
    (``dataclasses.replace`` would take a millisecond of the start it saves).
    """
    for flow in library.flows.values():
        object.__setattr__(flow, "path", str(folder / Path(flow.path).name))
    return library


def _read(path: Path, key: bytes, folder: Path) -> FlowLibrary | None:
    try:
        data = files.read_bytes(path, MAX_CACHE_BYTES)
    except files.FileProblem:  # missing, not a regular file, too big, unreadable
        return None
    head = MAGIC + key
    if not data.startswith(head):
        return None
    try:
        library = _Unpickler(io.BytesIO(data[len(head) :])).load()
    except Exception:  # cut short, or not what we wrote: a cache, parse instead
        return None
    return _in_folder(library, folder) if isinstance(library, FlowLibrary) else None
