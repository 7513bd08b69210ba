"""The one way fkstod writes a file, and the one way it reads one.

Writing: the bytes go to a temporary file in the target's own folder, are
flushed and fsynced, and only then take the target's name with ``os.replace``.
A failure at any point (disk full, a text that cannot be encoded, a renderer
that raised before the bytes existed) leaves the old file as it was and no
temporary file behind. A folder (an HSDS package) is written the same way: a
temporary sibling folder, then swapped in. Before anything is created the
target is checked against what the caller says fkstod must never write over
(its data folder, the file being read): core knows no paths of its own, the
command line and the window pass them in as a :class:`Protected`.

Reading: only regular files (not a directory, a device such as ``/dev/zero``
or a named pipe, which would block or never end), at most ``max_bytes``, and
text as UTF-8 with or without a byte-order mark.

Every failure is a :class:`FileProblem` with a Swedish message.
"""

from __future__ import annotations

import codecs
import contextlib
import glob
import os
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fkstod.core.i18n import _
from fkstod.core.oserrors import describe_os_error

UTF8_BOM = b"\xef\xbb\xbf"
_MIB = 1024 * 1024
#: Marks fkstod's temporary files and folders; they never outlive a write.
TEMP_SUFFIX = ".fkstod-tmp"
#: A temp file this old is left from a write that was killed; the next write removes it.
STALE_AFTER_S = 600
if TYPE_CHECKING:
    from fkstod.core.problems import Problem

#: Marks an earlier package moved aside while the new one takes its name.
OLD_SUFFIX = ".fkstod-old"


class FileProblem(Exception):
    """A file cannot be read or written; ``str()`` is ``path:line: message``.

    ``line`` is 0 when the file as a whole is concerned; ``str()`` then leaves it out.
    """

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = str(path), line, message

    @property
    def problem(self) -> Problem:
        """Return the fault as the one problem type (lint prints it as ``path:line: message``)."""
        from fkstod.core.problems import Problem

        return Problem(self.path, self.line, self.message)


@dataclass(frozen=True)
class Protected:
    """What a write must never replace or put a file into.

    Attributes:
        folders: folders no output may lie in (fkstod's data folder).
        files: files no output may be (the input being read).
        read_folders: folders whose ``*.json`` files are all inputs (a merge of a
            folder of exports): no output may be such a file, there yet or not.
    """

    folders: tuple[Path, ...] = ()
    files: tuple[Path, ...] = ()
    read_folders: tuple[Path, ...] = ()


#: For tests and for writes whose target fkstod chose itself.
NOTHING_PROTECTED = Protected()


def _key(path: Path) -> str:
    # Windows and macOS compare names without regard to case.
    return os.path.normcase(str(path))


def _same_file(a: Path, b: Path) -> bool:
    # samefile also sees through a name spelt in another case on a case-insensitive
    # disk (macOS), a bind mount or a hard link; it needs both to exist.
    if _key(a) == _key(b):
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _inside(path: Path, folder: Path) -> bool:
    return any(_same_file(p, folder) for p in (path, *path.parents))


def check_target(path: Path, protected: Protected, *, folder: bool = False) -> Path:
    """Return where a write to ``path`` lands, symlinks and ``..`` resolved.

    Raises:
        FileProblem: when the target lies in a protected folder, is a protected
            file, holds a protected folder, or is of the wrong kind (a folder for
            a file, a file for a folder).
    """
    try:
        target = Path(os.path.abspath(path)).resolve()
    except OSError as exc:
        raise FileProblem(
            path, 0, _("sökvägen går inte att följa: {r}").format(r=describe_os_error(exc))
        ) from None
    except RuntimeError:  # a symlink loop (Python < 3.13)
        target = Path(os.path.abspath(path))
    if os.path.islink(target):  # False where lstat fails (a name too long): said later
        # Still a link after resolving: a loop (Python 3.13 resolves one without an error).
        raise FileProblem(
            path, 0, _("sökvägen går inte att följa: en länk pekar tillbaka på sig själv")
        )
    for root in protected.folders:
        root_resolved = Path(os.path.abspath(root)).resolve()
        if _inside(target, root_resolved) or (folder and _inside(root_resolved, target)):
            raise FileProblem(
                path,
                0,
                _(
                    "fkstod sparar inte här: platsen hör till fkstods datamapp ({d}), "
                    "där databasen finns. Välj en annan mapp; ingenting har ändrats"
                ).format(d=root),
            )
    for source in protected.files:
        if _same_file(target, Path(os.path.abspath(source)).resolve()):
            raise FileProblem(
                path,
                0,
                _(
                    "det är filen som läses in; välj ett annat namn för det som "
                    "ska sparas. Ingenting har ändrats"
                ),
            )
    if target.name.lower().endswith(".json"):
        for read in protected.read_folders:
            if _same_file(target.parent, Path(os.path.abspath(read)).resolve()):
                raise FileProblem(
                    path,
                    0,
                    _(
                        "filen ligger i mappen med exporter som läses in, där varje .json-fil "
                        "räknas som en export; spara i en annan mapp eller under en annan "
                        "ändelse. Ingenting har ändrats"
                    ),
                )
    # One stat for the three questions below: Path.is_dir() and exists() raise for some
    # faults (a name too long for the file system) instead of answering False.
    try:
        mode: int | None = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except OSError as exc:
        raise FileProblem(
            path,
            0,
            _("kunde inte sparas: {r}. Ingenting har ändrats").format(r=describe_os_error(exc)),
        ) from None
    if not folder and mode is not None and stat.S_ISDIR(mode):
        raise FileProblem(
            path, 0, _("det finns en mapp med det namnet; välj ett filnamn. Ingenting har ändrats")
        )
    if not folder and mode is not None and not stat.S_ISREG(mode):
        # os.replace would put a file where a device or a pipe was (/dev/null, say).
        raise FileProblem(
            path,
            0,
            _(
                "det här är inte en vanlig fil (utan en enhet, en namngiven pipe eller "
                "liknande); fkstod sparar bara i vanliga filer. Ingenting har ändrats"
            ),
        )
    if folder and mode is not None and not stat.S_ISDIR(mode):
        raise FileProblem(
            path,
            0,
            _("det finns en fil med det namnet; välj en mapp. Ingenting har ändrats"),
        )
    return target


def _new_mode(directory: bool) -> int:
    # What open() and mkdir() would have given; mkstemp and mkdtemp give 0600/0700.
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)


def _fsync_folder(folder: Path) -> None:
    # Makes the new name durable. Windows cannot open a folder: NTFS journals names.
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _encoded(path: Path, data: bytes | str) -> bytes:
    if isinstance(data, bytes):
        return data
    try:
        return data.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FileProblem(
            path,
            0,
            _(
                "texten innehåller ett tecken som inte går att spara (position {n}); "
                "ingenting har sparats"
            ).format(n=exc.start + 1),
        ) from None


def _write_failed(path: Path, exc: OSError) -> FileProblem:
    return FileProblem(
        path,
        0,
        _("kunde inte sparas: {r}. Ingenting har ändrats").format(r=describe_os_error(exc)),
    )


def _temp_prefix(name: str) -> str:
    return f".{name[:40]}."


def write_file(path: Path, data: bytes | str, protected: Protected) -> Path:
    """Replace ``path`` with ``data`` (text as UTF-8), all or nothing.

    Returns:
        The file written (symlinks resolved).

    Raises:
        FileProblem: the write was refused or failed; the old file is as it was.
    """
    payload = _encoded(path, data)
    target = check_target(path, protected)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = _new_mode(directory=False)
    import tempfile  # here, not at import: the window imports this module on its start path

    _remove_stale_temps(target)
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=_temp_prefix(target.name), suffix=TEMP_SUFFIX, dir=target.parent
        )
    except OSError as exc:
        raise _write_failed(path, exc) from None
    temp = Path(temp_name)
    try:
        try:
            _write_fd(fd, payload)
        finally:
            os.close(fd)
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise _write_failed(path, exc) from None
        raise
    _fsync_folder(target.parent)
    return target


def _remove_stale_temps(target: Path) -> None:
    # A write killed between mkstemp and os.replace (kill -9, power cut) leaves its
    # temp file, holding the report's text. A write takes milliseconds: one older than
    # STALE_AFTER_S is nobody's, and the next save of the same name removes it.
    now = time.time()
    with contextlib.suppress(OSError):
        for temp in target.parent.glob(f"{glob.escape(_temp_prefix(target.name))}*{TEMP_SUFFIX}"):
            status = temp.lstat()
            if stat.S_ISREG(status.st_mode) and now - status.st_mtime > STALE_AFTER_S:
                temp.unlink()


def write_folder(folder: Path, files: Mapping[str, bytes | str], protected: Protected) -> Path:
    """Replace ``folder`` with a folder holding exactly ``files``, all or nothing.

    The files are written into a temporary sibling folder, which then takes the
    folder's name. An existing folder is moved aside first and removed once the
    new one is in place (only the names in ``files`` are deleted from it); if the
    swap fails it is put back.

    Returns:
        The folder written (symlinks resolved).

    Raises:
        FileProblem: the write was refused or failed; the old folder is as it was.
    """
    payloads = {name: _encoded(folder / name, data) for name, data in files.items()}
    for name in payloads:
        if not name or name != Path(name).name or name in {".", ".."}:
            raise ValueError(f"not a plain file name: {name!r}")
    import shutil
    import tempfile

    target = check_target(folder, protected, folder=True)
    existed = target.is_dir()
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if existed else _new_mode(directory=True)
        temp = Path(
            tempfile.mkdtemp(
                prefix=_temp_prefix(target.name), suffix=TEMP_SUFFIX, dir=target.parent
            )
        )
    except OSError as exc:
        raise _write_failed(folder, exc) from None
    aside: Path | None = None
    try:
        for name, payload in payloads.items():
            fd = os.open(
                temp / name,
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                _new_mode(directory=False),
            )
            try:
                _write_fd(fd, payload)
            finally:
                os.close(fd)
        _fsync_folder(temp)
        os.chmod(temp, mode)
        if existed:
            aside = target.with_name(f".{target.name[:40]}.{os.urandom(4).hex()}{OLD_SUFFIX}")
            os.rename(target, aside)
        try:
            os.rename(temp, target)
        except BaseException:
            if aside is not None:
                _put_back(aside, target, folder)
                aside = None
            raise
    except BaseException as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _write_failed(folder, exc) from None
        raise
    _fsync_folder(target.parent)
    if aside is not None:
        _remove_old_folder(aside, set(payloads))
    return target


def _put_back(aside: Path, target: Path, folder: Path) -> None:
    try:
        os.rename(aside, target)
    except OSError as exc:  # next to impossible: the folder was just renamed the other way
        raise FileProblem(
            folder,
            0,
            _("kunde inte sparas: {r}. Det som fanns där förut ligger kvar i {a}").format(
                r=describe_os_error(exc), a=aside
            ),
        ) from None


def _remove_old_folder(aside: Path, names: set[str]) -> None:
    # Only the earlier package's own files: anything else stays where it is.
    with contextlib.suppress(OSError):
        for child in aside.iterdir():
            if child.name in names and child.is_file() and not child.is_symlink():
                child.unlink()
        aside.rmdir()


def size_text(size: int) -> str:
    """Return a byte count as people read it: ``20 MB``, ``1,5 MB``, ``64 kB``."""
    if size >= _MIB:
        return (
            f"{size // _MIB} MB" if size % _MIB == 0 else f"{size / _MIB:.1f} MB".replace(".", ",")
        )
    return f"{max(1, round(size / 1024))} kB" if size else "0 kB"


def _too_big(path: Path, size: int | None, max_bytes: int, advice: str | None) -> FileProblem:
    advice = _("dela upp den") if advice is None else advice
    if size is None:
        text = _("filen är större än {cap}, det mesta som går att läsa in här; {advice}")
        return FileProblem(path, 0, text.format(cap=size_text(max_bytes), advice=advice))
    return FileProblem(
        path,
        0,
        _("filen är för stor ({size}, högst {cap}); {advice}").format(
            size=size_text(size), cap=size_text(max_bytes), advice=advice
        ),
    )


def _not_regular(path: Path, mode: int) -> FileProblem:
    if stat.S_ISDIR(mode):
        return FileProblem(path, 0, _("det här är en mapp, inte en fil"))
    return FileProblem(
        path,
        0,
        _(
            "det här är inte en vanlig fil (utan en enhet, en namngiven pipe eller "
            "liknande); fkstod läser bara vanliga filer"
        ),
    )


def _mode(path: Path) -> int | None:
    # Path.is_dir() and exists() answer False only for a few faults and raise for
    # the rest (a name too long for the file system, a folder one may not look in).
    try:
        return os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise FileProblem(
            path, 0, _("filen kan inte läsas: {r}").format(r=describe_os_error(exc))
        ) from None


def is_folder(path: Path) -> bool:
    """Return True when ``path`` is a folder (a link to one included), False otherwise.

    Raises:
        FileProblem: when the question cannot be answered (a name too long, no access).
    """
    mode = _mode(path)
    return mode is not None and stat.S_ISDIR(mode)


def exists(path: Path) -> bool:
    """Return True when something is at ``path`` (a link followed).

    Raises:
        FileProblem: when the question cannot be answered (a name too long, no access).
    """
    return _mode(path) is not None


def check_readable(path: Path) -> os.stat_result:
    """Return ``path``'s status if it is a regular file, without opening it.

    Raises:
        FileProblem: when it is missing, not a regular file, or cannot be reached.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise FileProblem(path, 0, _("filen finns inte")) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        raise FileProblem(path, 0, _("filen kan inte läsas: {r}").format(r=reason)) from None
    if not stat.S_ISREG(status.st_mode):
        raise _not_regular(path, status.st_mode)
    return status


def read_bytes(path: Path, max_bytes: int, *, too_big: str | None = None) -> bytes:
    """Return the bytes of the regular file ``path``, refusing more than ``max_bytes``.

    ``too_big``: what to do about a file too big, said after the sizes (by default
    "dela upp den": for a file a person can split).

    Raises:
        FileProblem: when the file is missing, not a regular file, too big or unreadable.
    """
    status = check_readable(path)
    if status.st_size > max_bytes:
        raise _too_big(path, status.st_size, max_bytes, too_big)
    # O_NONBLOCK: should the name have become a pipe since the check, opening it
    # does not wait for a writer; fstat below then refuses it.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileProblem(
            path, 0, _("filen kan inte läsas: {r}").format(r=describe_os_error(exc))
        ) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise _not_regular(path, opened.st_mode)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_MIB, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # it grew, or says 0 bytes like the files in /proc
                raise _too_big(path, None, max_bytes, too_big)
    except OSError as exc:
        raise FileProblem(
            path, 0, _("filen kan inte läsas: {r}").format(r=describe_os_error(exc))
        ) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


#: How many bytes one call into C decodes (about 1 ms a piece).
DECODE_PIECE = 1 << 20


def _decode_in_turns(data: bytes, start: int) -> str:
    # One call decoding a 30 MB import held a worker's window ~40 ms (the
    # interpreter lets other threads in only between calls): a piece at a time.
    if len(data) - start <= DECODE_PIECE:
        return data[start:].decode("utf-8")
    decoder = codecs.getincrementaldecoder("utf-8")()
    end = len(data)
    parts = [
        decoder.decode(data[at : at + DECODE_PIECE], final=at + DECODE_PIECE >= end)
        for at in range(start, end, DECODE_PIECE)
    ]
    return "".join(parts)


def decode_text(path: Path, data: bytes, advice: str = "") -> str:
    """Return ``data`` as text: UTF-8, a leading byte-order mark dropped.

    Args:
        advice: said after the message when the bytes are not UTF-8 (how to fix it).

    Raises:
        FileProblem: naming the line and byte where the file stops being UTF-8.
    """
    skipped = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    try:
        return _decode_in_turns(data, skipped)
    except UnicodeDecodeError:
        pass  # decoded again at once below, for where the fault is
    try:
        return data[skipped:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skipped + exc.start
        line = data.count(b"\n", 0, offset) + 1
        message = _("filen är inte UTF-8 (byte {offset} på rad {line} är inte UTF-8)").format(
            offset=offset + 1, line=line
        )
        if advice:
            message = f"{message}; {advice}"
        raise FileProblem(path, line, message) from None


def read_text(path: Path, max_bytes: int, advice: str = "") -> str:
    """Return the regular file ``path`` as UTF-8 text (a byte-order mark dropped).

    Raises:
        FileProblem: see :func:`read_bytes` and :func:`decode_text`.
    """
    return decode_text(path, read_bytes(path, max_bytes), advice)


__all__ = [
    "NOTHING_PROTECTED",
    "FileProblem",
    "Protected",
    "check_readable",
    "check_target",
    "decode_text",
    "exists",
    "is_folder",
    "read_bytes",
    "read_text",
    "write_file",
    "write_folder",
]
