"""One writing instance per data folder.

SQLite before 3.51.3 can corrupt a WAL database when two processes write at
the same instant, so only one fkstod may own a data folder. The window takes
the same lock as every command (``fkstod.core.instance.FolderLock``, the
system's lock on ``fkstod.lock``) and listens on a local socket; a second start
finds the lock held by a window, asks it over the socket to bring its window
forward, and exits. A lock held by a command is waited for (``wait``).

Signals:
    activation_requested: another start asked this instance to come forward.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDeadlineTimer, QObject, QThread, Signal

from fkstod.core.digest import sha256
from fkstod.core.instance import WINDOW, FolderLock, Holder

# QtNetwork is imported when first needed: loading it costs ~20 ms that the
# first window should not wait for.
if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

MESSAGE = b"activate\n"
#: The owner's answer once it has read the request: a stopped or hung owner's kernel
#: still accepts the connection and the bytes, so only an answer says it read them.
ANSWER = b"ok\n"


def server_name(folder: Path) -> str:
    """Return the local socket name for a data folder and user."""
    key = f"{getpass.getuser()}|{folder.resolve()}".encode()
    return "fkstod-" + sha256(key).hexdigest()[:16]


class SingleInstance(QObject):
    """Claim a data folder for this process, or ask its owner to come forward."""

    activation_requested = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(folder)
        self._lock = FolderLock(folder, WINDOW)
        self._writable = True
        #: Why the last claim could not even try (the lock file could not be opened), or None.
        self.claim_error: OSError | None = None
        self._server: QLocalServer | None = None

    def claim(self, timeout_s: float = 0.2) -> bool:
        """Return True when this process now owns the folder (call ``listen`` next)."""
        try:
            return self._lock.acquire(timeout_s)
        except OSError as exc:
            self._writable = False
            self.claim_error = exc
            return False

    @property
    def lock_path(self) -> Path:
        """Return the folder's lock file."""
        return self._lock.path

    def holder(self) -> Holder | None:
        """Return who holds the folder, as its lock file says (after a failed claim)."""
        return self._lock.holder()

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
        return self._writable

    def ask_owner_to_activate(self, timeout_ms: int = 3000) -> bool:
        """Ask the owning instance to show its window; True when it read the request.

        The owner may still be starting and not yet listening: try until the timeout.
        It answers ``ANSWER``; one of a version before the answer closes the
        connection having read the request, which counts as read too. A hung or
        stopped owner does neither: False once ``timeout_ms`` is over (at least a
        second to answer), never a wait without end.
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
        if not socket.waitForBytesWritten(max(1000, deadline.remainingTime())):
            socket.abort()
            return False
        answer = b""
        answer_deadline = QDeadlineTimer(max(1000, deadline.remainingTime()))
        while not answer.endswith(b"\n") and not answer_deadline.hasExpired():
            if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                break
            if socket.waitForReadyRead(max(1, answer_deadline.remainingTime())):
                answer += bytes(socket.readAll().data())
        answer += bytes(socket.readAll().data())
        closed = socket.state() != QLocalSocket.LocalSocketState.ConnectedState
        socket.abort()
        return answer.startswith(ANSWER.strip()) or (not answer and closed)

    def release(self) -> None:
        """Stop listening and drop the lock."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.release()

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # The sender writes one short line and disconnects; wait for it here
            # rather than keep per-socket state alive across events.
            arrived = socket.bytesAvailable() or socket.waitForReadyRead(1000)
            asked = arrived and bytes(socket.readAll().data()).startswith(MESSAGE.strip())
            if asked:
                socket.write(ANSWER)  # read: the asker may end
                socket.waitForBytesWritten(1000)
            socket.abort()
            socket.deleteLater()  # a child of the server: one a start, all day
            if asked:
                self.activation_requested.emit()
