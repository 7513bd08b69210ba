"""One writer per data folder: the lock the window and every command take.

SQLite before 3.51.3 (3.40.1 here) can corrupt a WAL database when two
processes write at the same instant, so only one process at a time may open
a data folder's database for writing: the window for as long as it runs, a
command for as long as it runs. Whoever starts first holds the folder.

The lock is the operating system's, on the file ``fkstod.lock`` in the data
folder (``paths.lock_path``), the same for the window and the command line:

* POSIX: ``flock(LOCK_EX | LOCK_NB)`` on an open descriptor of the file.
* Windows: ``msvcrt.locking(LK_NBLCK)`` on one byte at ``_LOCK_OFFSET``, far
  beyond the text in the file, so that the text stays readable to others
  (Windows byte-range locks are mandatory).

The system drops the lock when its holder ends in any way — a normal exit, a
crash, ``kill -9``, Task Manager — so a lock is never stale: there is no
process id to guess from, no process-id reuse to be fooled by, and no age
after which a lock is broken while its holder still writes. The file is
never deleted: deleting a locked file would let a newcomer lock a new file of
the same name while the first holder still writes.

Qt's ``QLockFile``, which the window used before, cannot be shared with the
command line: ``fkstod/core`` never imports Qt, and its own staleness rules
(a process id, compared with the process's name) cannot be copied exactly.

The text in the file only says who holds the lock, for messages and so that a
second window asks the first to come forward while a command is waited for:
the holder's process id and its role, ``window`` or ``command``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fkstod import paths

WINDOW = "window"
COMMAND = "command"

#: How long a command, or a starting window, waits for a command to finish.
WAIT_SECONDS = 5.0

_LOCK_OFFSET = 1 << 20  # Windows: the locked byte, beyond the text
_TEXT_SIZE = 64


@dataclass(frozen=True)
class Holder:
    """Who holds a data folder: a process id (None if unknown) and a role ("" if unknown)."""

    pid: int | None
    role: str


class FolderLock:
    """The lock on one data folder, taken as ``role`` (``WINDOW`` or ``COMMAND``).

    Raises ``OSError`` from ``try_acquire`` and ``acquire`` when the lock file
    cannot be opened or created (a folder that cannot be written to).
    """

    def __init__(self, folder: Path, role: str) -> None:
        self.path = paths.lock_path(folder)
        self.role = role
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Return True while this object holds the lock."""
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; return True when this object now holds it."""
        if self._fd is not None:
            return True
        # O_NONBLOCK: a pipe put where the lock file belongs must not hang the open.
        # O_NOFOLLOW: a link put there must not have the holder's text written into
        # the file it points to (someone's document).
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        flags |= getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except PermissionError:
            if sys.platform == "win32" and self.path.exists():
                return False  # an older fkstod window's Qt lock file, open without sharing
            raise
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a link: not a regular file
                raise OSError(errno.ENODEV, os.strerror(errno.ENODEV), str(self.path)) from None
            raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(errno.ENODEV, os.strerror(errno.ENODEV), str(self.path))
        if not _lock(fd):
            os.close(fd)
            return False
        text = f"{os.getpid()}\n{self.role}\n".encode("ascii").ljust(_TEXT_SIZE, b"\n")
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text)
        self._fd = fd
        return True

    def acquire(
        self,
        timeout: float,
        on_wait: Callable[[Holder | None], None] | None = None,
        poll: float = 0.05,
    ) -> bool:
        """Take the lock, waiting up to ``timeout`` seconds for its holder to let go.

        Args:
            timeout: the longest wait, in seconds.
            on_wait: called once, with the holder, when the lock is not free at once.
            poll: how often to try again, in seconds.
        """
        deadline = time.monotonic() + timeout
        if self.try_acquire():
            return True
        if on_wait is not None:
            on_wait(self.holder())
        while time.monotonic() < deadline:
            time.sleep(poll)
            if self.try_acquire():
                return True
        return False

    def holder(self) -> Holder | None:
        """Return who the file says holds the lock (read it after a failed try)."""
        return read_holder(self.path)

    def release(self) -> None:
        """Let go of the lock (and say so in the file); nothing if not held."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):  # the text is a courtesy; the lock is what counts
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, b"\n" * _TEXT_SIZE)
        _unlock(fd)
        os.close(fd)


def read_holder(lock_file: Path) -> Holder | None:
    """Return the holder named in a lock file, or None when it names none."""
    try:
        with lock_file.open("rb") as f:
            text = f.read(_TEXT_SIZE).decode("ascii", errors="replace")
    except OSError:
        return None
    lines = [line.strip() for line in text.splitlines()]
    if not lines or not lines[0]:
        return None
    pid = int(lines[0]) if lines[0].isdigit() else None
    role = lines[1] if len(lines) > 1 and lines[1] in (WINDOW, COMMAND) else ""
    return Holder(pid, role)


def holder(folder: Path) -> Holder | None:
    """Return who holds the data folder now, or None when nobody does.

    Probes by taking the lock for a moment when it is free.
    """
    probe = FolderLock(folder, COMMAND)
    try:
        if probe.try_acquire():
            probe.release()
            return None
    except OSError:
        return None
    return probe.holder() or Holder(None, "")


def window_owns(folder: Path) -> bool:
    """Return True when a running fkstod window holds the data folder."""
    found = holder(folder)
    return found is not None and found.role != COMMAND


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):  # closing the descriptor drops it too
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
