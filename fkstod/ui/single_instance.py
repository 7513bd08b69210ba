"""One writing instance per data folder.

SQLite before 3.51.3 can corrupt a WAL database when two processes write at
the same instant, so only one fkstod may own a data folder. The first start
holds a lock file and listens on a local socket; a second start finds the lock,
asks the first over the socket to bring its window forward, and exits.

Signals:
    activation_requested: another start asked this instance to come forward.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, QThread, Signal

from fkstod import paths

# QtNetwork is imported when first needed: loading it costs ~20 ms that the
# first window should not wait for.
if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

MESSAGE = b"activate\n"


def server_name(folder: Path) -> str:
    """Return the local socket name for a data folder and user."""
    key = f"{getpass.getuser()}|{folder.resolve()}".encode()
    return "fkstod-" + hashlib.sha256(key).hexdigest()[:16]


class SingleInstance(QObject):
    """Claim a data folder for this process, or ask its owner to come forward."""

    activation_requested = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(folder)
        self._lock = QLockFile(str(paths.lock_path(folder)))
        # A lock whose process is gone is stale whatever its age.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """Return True when this process now owns the folder (call ``listen`` next)."""
        return self._lock.tryLock(200)

    def listen(self) -> None:
        """Listen for later starts that ask this instance to come forward."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self._name)  # a socket left by a crashed owner
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self._name)

    def folder_is_writable(self) -> bool:
        """Return False when the last claim failed because the lock file cannot be written."""
        return self._lock.error() != QLockFile.LockError.PermissionError

    def ask_owner_to_activate(self, timeout_ms: int = 3000) -> bool:
        """Ask the owning instance to show its window; True when it was reached.

        The owner may still be starting and not yet listening: try until the timeout.
        """
        from PySide6.QtNetwork import QLocalSocket

        deadline = QDeadlineTimer(timeout_ms)
        socket = QLocalSocket()
        while True:
            socket.connectToServer(self._name)
            if socket.waitForConnected(max(1, deadline.remainingTime())):
                break
            if deadline.hasExpired():
                return False
            QThread.msleep(50)
        socket.write(MESSAGE)
        ok = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return ok

    def release(self) -> None:
        """Stop listening and drop the lock."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # The sender writes one short line and disconnects; wait for it here
            # rather than keep per-socket state alive across events.
            arrived = socket.bytesAvailable() or socket.waitForReadyRead(1000)
            if arrived and bytes(socket.readAll().data()).startswith(MESSAGE.strip()):
                self.activation_requested.emit()
            socket.abort()
